import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { InputError } from '../../../src/core/errors.js';
import { readPipfileLock } from '../../../src/project/requirements/pipfile-lock.js';
import { readPoetryLock } from '../../../src/project/requirements/poetry-lock.js';
import { readUvLock } from '../../../src/project/requirements/uv-lock.js';
import type { Requirement } from '../../../src/project/types.js';

const text = (path: string) => readFileSync(new URL(`../../fixtures/requirements/${path}`, import.meta.url), 'utf8');
const summary = (reqs: Requirement[]) => reqs.map((r) => [r.line, r.name, r.pinned, r.url ?? null, r.marker ?? null, r.hashes.length]);

test('Pipfile.lock: the default section, each entry on the line of its name; develop is left out', () => {
  const reqs = readPipfileLock(text('pipfile/Pipfile.lock'));
  assert.deepEqual(summary(reqs), [
    [19, 'asgiref', '3.7.2', null, "python_version >= '3.8'", 1],
    [26, 'django', '4.2.7', null, null, 2],
    [34, 'django-extras', undefined, 'git+https://github.com/example/django-extras.git@0123abcd', null, 0],
    [38, 'psycopg', '3.1.18', null, null, 1],
  ]);
  assert.deepEqual(reqs[3]!.extras, ['binary']);
  assert.ok(reqs.every((r) => r.file === 'Pipfile.lock' && r.kind === 'requirement'));
});

test('poetry.lock 2.1: the main group only, hashes from files, git sources as URLs', () => {
  const reqs = readPoetryLock(text('poetry/poetry.lock'));
  assert.deepEqual(summary(reqs), [
    [3, 'asgiref', '3.8.1', null, null, 2],
    [15, 'django', '5.1.4', null, null, 1],
    [42, 'tzdata', '2024.2', null, 'sys_platform == "win32"', 0],
    [52, 'internal-lib', '0.3.0', 'git+https://github.com/example/internal-lib.git@9f8e7d6c5b4a', null, 0],
  ]);
  assert.equal(reqs[1]!.rawName, 'Django');
  assert.equal(reqs[1]!.specifier, '==5.1.4');
});

test('poetry.lock 1.1: category main only, hashes from [metadata.files]', () => {
  assert.deepEqual(summary(readPoetryLock(text('poetry-legacy/poetry.lock'))), [[1, 'django', '3.2.25', null, null, 2]]);
});

test('uv.lock: what the project needs, through extras, without the project itself or dev groups', () => {
  const reqs = readUvLock(text('uv/uv.lock'));
  assert.deepEqual(
    reqs.map((r) => r.name),
    ['asgiref', 'brotli', 'django', 'sqlparse', 'tzdata', 'whitenoise'],
  );
  assert.deepEqual(summary(reqs.filter((r) => r.name === 'asgiref' || r.name === 'django')), [
    [5, 'asgiref', '3.8.1', null, null, 2],
    [19, 'django', '5.1.4', null, null, 1],
  ]);
});

test('uv.lock without a project entry keeps every package', () => {
  const reqs = readUvLock('version = 1\n\n[[package]]\nname = "django"\nversion = "5.2.1"\nsource = { registry = "https://pypi.org/simple" }\n');
  assert.deepEqual(summary(reqs), [[3, 'django', '5.2.1', null, null, 0]]);
});

const malformed: [string, () => unknown, RegExp][] = [
  ['Pipfile.lock that is not JSON', () => readPipfileLock(text('bad-json/Pipfile.lock')), /^Pipfile\.lock:3:37: not valid JSON$/],
  ['Pipfile.lock whose default is a list', () => readPipfileLock('{"default": []}'), /^Pipfile\.lock: "default" is not an object$/],
  ['Pipfile.lock with a numeric version', () => readPipfileLock('{\n"default": {\n"django": {"version": 4}\n}\n}'), /^Pipfile\.lock:3: "version" is not a string$/],
  ['poetry.lock with a broken header', () => readPoetryLock(text('bad-toml/poetry.lock')), /^poetry\.lock:5: expected '\]\]'$/],
  ['uv.lock with a nameless package', () => readUvLock(text('bad-uv/uv.lock')), /^uv\.lock:7: a \[\[package\]\] without a name$/],
  ['uv.lock where package is a string', () => readUvLock('package = "x"\n'), /^uv\.lock: "package" is not an array of tables$/],
];

for (const [name, read, message] of malformed) {
  test(`${name} is an InputError naming the file and line`, () => {
    assert.throws(read, (error: unknown) => error instanceof InputError && message.test(error.message));
  });
}

test('a Pipfile.lock error never quotes the file, which may hold an index token', () => {
  const lock = '{"_meta": {"sources": [{"url": "https://user:tok3n-secret@pypi.example/simple"}]}, "default": {,}}';
  assert.throws(() => readPipfileLock(lock), (error: unknown) => error instanceof InputError && !error.message.includes('tok3n'));
});
