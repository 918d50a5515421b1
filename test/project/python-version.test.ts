import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isValidPythonVersion, readPythonVersion } from '../../src/project/python-version.js';
import type { PythonVersionDecl } from '../../src/project/types.js';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'implanta-pyver-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}

const cases: Array<[string, Record<string, string>, PythonVersionDecl | undefined]> = [
  ['none', {}, undefined],
  ['.python-version with a major version', { '.python-version': '3.12\n' }, { version: '3.12', file: '.python-version', line: 1 }],
  ['comments before the version', { '.python-version': '# pinned for Heroku\n\n  3.12.4  \n' }, { version: '3.12.4', file: '.python-version', line: 3 }],
  ['runtime.txt', { 'runtime.txt': 'python-3.11.9\n' }, { version: '3.11.9', file: 'runtime.txt', line: 1 }],
  ['runtime.txt wins over .python-version', { 'runtime.txt': 'python-3.11', '.python-version': '3.13' }, { version: '3.11', file: 'runtime.txt', line: 1, shadowed: { file: '.python-version', version: '3.13' } }],
  ['malformed runtime.txt is kept as written', { 'runtime.txt': '\n3.11.9\n' }, { version: '3.11.9', file: 'runtime.txt', line: 2 }],
  ['two versions in .python-version', { '.python-version': '3.12\n3.11\n' }, { version: '3.12 / 3.11', file: '.python-version', line: 1 }],
  ['an empty .python-version', { '.python-version': '# nothing\n' }, { version: '', file: '.python-version', line: 1 }],
];

for (const [name, files, expected] of cases) {
  test(`readPythonVersion: ${name}`, () => {
    assert.deepEqual(readPythonVersion(project(files)), expected);
  });
}

test('isValidPythonVersion: what the buildpack accepts', () => {
  for (const ok of ['3.12', '3.12.4', '3.9.0']) assert.equal(isValidPythonVersion(ok), true, ok);
  for (const bad of ['3', '3.12.x', 'python-3.12', '3.012', 'pypy3.10', '', '3.12 / 3.11']) assert.equal(isValidPythonVersion(bad), false, bad);
});

test('readPythonVersion: runtime.txt "python-3.11.9" needs no prefix check by callers', () => {
  const decl = readPythonVersion(project({ 'runtime.txt': 'python-3.11.9' }))!;
  assert.equal(isValidPythonVersion(decl.version), true);
  const bad = readPythonVersion(project({ 'runtime.txt': 'python 3.11' }))!;
  assert.equal(isValidPythonVersion(bad.version), false);
});
