import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logicalLines, pySplitLines } from '../../../src/project/requirements/lines.js';

const texts = (text: string, env: Record<string, string> = {}) =>
  logicalLines(text, env).map(({ line, text: t }) => [line, t]);

test('a line ending in a backslash continues on the next, numbered by its first line', () => {
  assert.deepEqual(texts('a==1\nb==2 \\\n  --hash=sha256:00 \\\n  --hash=sha256:11\nc==3\n'), [
    [1, 'a==1'],
    [2, 'b==2   --hash=sha256:00   --hash=sha256:11'],
    [5, 'c==3'],
  ]);
});

test('a backslash on the last line still ends the logical line', () => {
  assert.deepEqual(texts('a==1 \\'), [[1, 'a==1']]);
});

test('a comment line never continues, and a comment after a continued line is dropped', () => {
  assert.deepEqual(texts('# note \\\na==1\nb==2 \\\n# trailing\nc==3'), [
    [2, 'a==1'],
    [3, 'b==2'],
    [5, 'c==3'],
  ]);
});

const commentCases: [string, string | undefined][] = [
  ['Django==4.2  # pinned for LTS', 'Django==4.2'],
  ['# whole line', undefined],
  ['   # indented comment', undefined],
  ['git+https://host/r.git#egg=pkg', 'git+https://host/r.git#egg=pkg'],
  ['pkg @ https://host/p.zip#sha256=00 # fragment kept, comment dropped', 'pkg @ https://host/p.zip#sha256=00'],
  ['Django==4.2\t# a tab before # also starts a comment', 'Django==4.2'],
];

for (const [input, expected] of commentCases) {
  test(`comments: ${JSON.stringify(input)}`, () => {
    assert.deepEqual(logicalLines(input, {}).map((l) => l.text), expected === undefined ? [] : [expected]);
  });
}

test('${NAME} is expanded from the environment; other forms and unset names stay as written', () => {
  const env = { PKG: 'mylib', VERSION: '1.2', lower: 'x', EMPTY: '' };
  assert.deepEqual(
    logicalLines('${PKG}==${VERSION}\n$PKG==1\n${lower}==1\n${EMPTY}x==1\n${MISSING}==1', env).map((l) => l.text),
    ['mylib==1.2', '$PKG==1', '${lower}==1', '${EMPTY}x==1', '${MISSING}==1'],
  );
});

test('the written form keeps ${NAME}, so messages never hold the value', () => {
  const [line] = logicalLines('git+https://${TOKEN}@host/r.git#egg=r', { TOKEN: 'ghp_secretvalue' });
  assert.equal(line?.text, 'git+https://ghp_secretvalue@host/r.git#egg=r');
  assert.equal(line?.written, 'git+https://${TOKEN}@host/r.git#egg=r');
});

test('lines split on every break Python splitlines knows', () => {
  assert.deepEqual(pySplitLines('a\r\nb\rc\nd\x0be\x0cf\u2028g\n'), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  assert.deepEqual(pySplitLines(''), []);
});
