import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unifiedDiff } from '../../src/upgrade/unified-diff.js';
import { tempDir } from './helpers/hollow.js';

/** git's own unified diff of two texts, headers renamed to a/FILE and b/FILE, without the hunk's function context. */
function gitDiff(before: string, after: string): string {
  const dir = tempDir('implanta-diff-');
  writeFileSync(join(dir, 'a'), before);
  writeFileSync(join(dir, 'b'), after);
  let out = '';
  try {
    execFileSync('git', ['diff', '--no-index', '--no-color', '--diff-algorithm=minimal', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    out = (error as { stdout: string }).stdout;
  }
  return out
    .split('\n')
    .slice(2)
    .join('\n')
    .replace('--- a/a', '--- a/requirements.txt')
    .replace('+++ b/b', '+++ b/requirements.txt')
    .replace(/^(@@ [^@]+ @@).*$/gm, '$1');
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `pkg${i}==1.0.${i}\n`).join('');

const cases: [string, string, string][] = [
  ['one pin in a long file', lines(20), lines(20).replace('pkg9==1.0.9', 'pkg9==2.0.0')],
  ['two pins far apart make two hunks', lines(30), lines(30).replace('pkg2==1.0.2', 'pkg2==3').replace('pkg25==1.0.25', 'pkg25==3')],
  ['two pins close together share a hunk', lines(30), lines(30).replace('pkg10==1.0.10', 'pkg10==3').replace('pkg14==1.0.14', 'pkg14==3')],
  ['the first line', lines(5), lines(5).replace('pkg0==1.0.0', 'pkg0==9')],
  ['a last line without a newline', 'a\nb\nDjango==5.2.8', 'a\nb\nDjango==5.2.9'],
  ['a line added at the end', 'a\nb\n', 'a\nb\nc\n'],
  ['CRLF endings', 'Django==5.2.8\r\ngunicorn\r\n', 'Django==5.2.9\r\ngunicorn\r\n'],
];

for (const [name, before, after] of cases) {
  test(`the diff of ${name} is git's`, () => {
    assert.equal(unifiedDiff('requirements.txt', before, after).replace(/\r/g, ''), gitDiff(before, after).replace(/\r/g, ''));
  });
}

test('identical texts have no diff; a created file diffs against /dev/null', () => {
  assert.equal(unifiedDiff('requirements.txt', 'a\n', 'a\n'), '');
  assert.equal(unifiedDiff('.python-version', null, '3.13\n'), '--- /dev/null\n+++ b/.python-version\n@@ -0,0 +1 @@\n+3.13\n');
});
