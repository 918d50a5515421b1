import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProcfile, readProcfile } from '../../src/project/procfile.js';

test('procfile: entries with their lines; blank lines, comments and CRLF are fine', () => {
  const p = parseProcfile('\uFEFF# processes\r\nweb: gunicorn hollow.wsgi --log-file -\r\n\r\nrelease:python manage.py migrate\nworker-2: celery -A hollow worker   \n');
  assert.deepEqual(p.entries, [
    { name: 'web', command: 'gunicorn hollow.wsgi --log-file -', line: 2 },
    { name: 'release', command: 'python manage.py migrate', line: 4 },
    { name: 'worker-2', command: 'celery -A hollow worker', line: 5 },
  ]);
  assert.deepEqual(p.problems, []);
});

const malformed: Array<[string, string, number, RegExp]> = [
  ['no colon', 'web: gunicorn x\nworker celery\n', 2, /no colon/],
  ['space before colon', 'web : gunicorn x\n', 1, /'web' is not a valid name/],
  ['bad characters in the name', 'web.1: gunicorn x\n', 1, /'web\.1' is not a valid name/],
  ['indented line', '  web: gunicorn x\n', 1, /starts with whitespace/],
  ['empty command', 'web:\n', 1, /'web' has no command/],
  ['duplicate name', 'web: gunicorn a\n\nweb: gunicorn b\n', 3, /'web' is declared again \(first on line 1\)/],
];

for (const [name, text, line, message] of malformed) {
  test(`procfile: ${name} is a problem with its line`, () => {
    const p = parseProcfile(text);
    assert.equal(p.problems.length, 1);
    assert.equal(p.problems[0]!.line, line);
    assert.match(p.problems[0]!.message, message);
  });
}

test('procfile: the duplicate keeps the first command', () => {
  assert.deepEqual(parseProcfile('web: a\nweb: b\n').entries.map((e) => e.command), ['a']);
});

test('procfile: readProcfile reads the root Procfile, undefined when missing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'implanta-procfile-'));
  assert.equal(readProcfile(dir), undefined);
  writeFileSync(join(dir, 'Procfile'), 'web: gunicorn p.wsgi\n');
  assert.deepEqual(readProcfile(dir)?.entries.map((e) => e.name), ['web']);
});
