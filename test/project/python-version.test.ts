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

/** A Pipfile.lock as `pipenv lock` writes it: _meta first, requires on line 7, its first field on line 8. */
function lock(requires: Record<string, string | null>): string {
  const meta = { hash: { sha256: 'e3b0c442' }, 'pipfile-spec': 6, requires, sources: [{ name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true }] };
  return `${JSON.stringify({ _meta: meta, default: {}, develop: {} }, null, 4)}\n`;
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
  // Pipenv: the buildpack falls back to the lock's _meta.requires (python_full_version, else python_version).
  ['Pipfile.lock python_version (oyoyoa/TwitterClone)', { 'Pipfile.lock': lock({ python_version: '3.6' }) }, { version: '3.6', file: 'Pipfile.lock', line: 8 }],
  ['Pipfile.lock python_full_version beats python_version', { 'Pipfile.lock': lock({ python_version: '3.12', python_full_version: '3.12.4' }) }, { version: '3.12.4', file: 'Pipfile.lock', line: 9 }],
  ['Pipfile.lock python_full_version null falls through', { 'Pipfile.lock': lock({ python_full_version: null, python_version: '3.12' }) }, { version: '3.12', file: 'Pipfile.lock', line: 9 }],
  ['Pipfile.lock empty python_version is kept, to be rejected', { 'Pipfile.lock': lock({ python_version: '' }) }, { version: '', file: 'Pipfile.lock', line: 8 }],
  ['Pipfile.lock without requires declares nothing', { 'Pipfile.lock': lock({}) }, undefined],
  ['Pipfile.lock that is not JSON declares nothing here', { 'Pipfile.lock': '{"_meta": ' }, undefined],
  ['.python-version beats Pipfile.lock', { '.python-version': '3.13\n', 'Pipfile.lock': lock({ python_version: '3.6' }) }, { version: '3.13', file: '.python-version', line: 1 }],
  ['runtime.txt beats Pipfile.lock', { 'runtime.txt': 'python-3.11', 'Pipfile.lock': lock({ python_version: '3.6' }) }, { version: '3.11', file: 'runtime.txt', line: 1 }],
  // The buildpack never reads the Pipfile: without the lock, pipenv's [requires] declares nothing to it.
  ['a Pipfile alone declares nothing', { Pipfile: '[requires]\npython_version = "3.12"\n' }, undefined],
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
