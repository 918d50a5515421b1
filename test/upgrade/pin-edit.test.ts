import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editRequirementLine, linesToEdit } from '../../src/upgrade/pin-edit.js';
import { parseRequirementsText } from '../../src/project/requirements/requirements-file.js';
import { replaceLine } from '../../src/upgrade/physical-lines.js';

/** The first requirement of a one-line file, as the project's reader parses it. */
function parsed(line: string) {
  const req = parseRequirementsText(line, 'requirements.txt', '/nonexistent').requirements[0];
  assert.ok(req, `the reader parses ${line}`);
  return req;
}

const edits: { line: string; to: string; expected: string; pinned?: boolean }[] = [
  { line: 'Django==5.2.8', to: '5.2.9', expected: 'Django==5.2.9' },
  { line: 'Django[argon2] == 5.2.8 ; python_version >= "3.10"  # the web framework', to: '5.2.9', expected: 'Django[argon2] == 5.2.9 ; python_version >= "3.10"  # the web framework' },
  { line: 'django===5.2.8', to: '6.0.1', expected: 'django===6.0.1' },
  { line: 'Django~=5.2.0', to: '5.2.9', expected: 'Django~=5.2.9' },
  { line: 'whitenoise>=6.0 --config-settings=x=y', to: '6.9.0', expected: 'whitenoise>=6.9.0 --config-settings=x=y' },
  { line: 'Django>=4.2,<5.0  # old range', to: '5.2.9', expected: 'Django==5.2.9  # old range', pinned: true },
  { line: 'Django==4.2.*', to: '5.2.9', expected: 'Django==5.2.9', pinned: true },
  { line: 'whitenoise  # static files', to: '6.9.0', expected: 'whitenoise==6.9.0  # static files', pinned: true },
  { line: '  Django (==5.2.8)', to: '5.2.9', expected: '  Django (==5.2.9)' },
];

for (const { line, to, expected, pinned = false } of edits) {
  test(`editing "${line}" to ${to} gives "${expected}"`, () => {
    const result = editRequirementLine(line, parsed(line), to);
    assert.deepEqual(result, { ok: true, content: expected, pinnedRange: pinned });
    assert.equal(parsed(expected).specifier.includes(to), true, 'the edited line parses with the new version');
  });
}

test('a version built from an environment variable is left to the user', () => {
  const req = parseRequirementsText('Django==${DJANGO_VERSION}', 'requirements.txt', '/nonexistent', { DJANGO_VERSION: '5.2.8' }).requirements[0]!;
  const result = editRequirementLine('Django==${DJANGO_VERSION}', req, '5.2.9');
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.reason : '', /environment variable/);
});

test('a specifier continued on the next physical line is left to the user', () => {
  const req = parseRequirementsText('Django \\\n==5.2.8\n', 'requirements.txt', '/nonexistent').requirements[0]!;
  assert.equal(editRequirementLine('Django \\', req, '5.2.9').ok, false);
});

test('pins move; ranges that admit the new version stay; a range-only package gets pinned once', () => {
  const read = parseRequirementsText('Django>=4.2\nDjango==5.2.8\n', 'requirements.txt', '/nonexistent').requirements;
  assert.deepEqual(linesToEdit(read, '5.2.9').map((r) => r.line), [2]);
  const ranges = parseRequirementsText('Django>=4.2,<5\nDjango>=4.0\n', 'requirements.txt', '/nonexistent').requirements;
  assert.deepEqual(linesToEdit(ranges, '5.2.9').map((r) => r.line), [1], 'only the range that shuts 5.2.9 out');
  const open = parseRequirementsText('Django>=4.2\n', 'requirements.txt', '/nonexistent').requirements;
  assert.deepEqual(linesToEdit(open, '5.2.9').map((r) => r.line), [1]);
});

test('replacing a line keeps every line ending of the file, whatever they are', () => {
  const text = '# web\r\nDjango==5.2.8\r\ngunicorn==23.0.0\rwhitenoise\n';
  assert.equal(replaceLine(text, 2, 'Django==5.2.9'), '# web\r\nDjango==5.2.9\r\ngunicorn==23.0.0\rwhitenoise\n');
  assert.equal(replaceLine(text, 4, 'whitenoise==6.9.0'), '# web\r\nDjango==5.2.8\r\ngunicorn==23.0.0\rwhitenoise==6.9.0\n');
});
