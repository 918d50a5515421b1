import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { readDependencies } from '../../../src/project/requirements/read-dependencies.js';

const fixture = (dir: string) => fileURLToPath(new URL(`../../fixtures/requirements/${dir}`, import.meta.url));

const cases: [string, string | undefined, string | undefined, RegExp[]][] = [
  ['forms', 'requirements.txt', 'requirements.txt', []],
  ['pipfile', 'Pipfile.lock', 'Pipfile.lock', []],
  ['poetry', 'poetry.lock', 'poetry.lock', []],
  ['uv', 'uv.lock', 'uv.lock', []],
  ['multiple', 'requirements.txt', 'requirements.txt', [/several package manager files \(requirements\.txt, poetry\.lock\)/]],
  // A requirements.txt that only installs poetry (for a bin/post_compile hook) beside the app's poetry.lock.
  ['multiple-app-in-lock', 'poetry.lock', 'poetry.lock', [/several package manager files \(requirements\.txt, poetry\.lock\)/]],
  ['pipfile-only', 'Pipfile.lock', 'Pipfile', [/Pipfile without Pipfile\.lock/]],
  ['uv-no-pyproject', 'uv.lock', 'uv.lock', [/without pyproject\.toml/]],
  ['none', undefined, undefined, []],
];

for (const [dir, kind, file, problems] of cases) {
  test(`${dir}: Heroku reads ${file ?? 'nothing'}`, () => {
    const set = readDependencies(fixture(dir));
    assert.equal(set?.kind, kind);
    assert.equal(set?.file, file);
    assert.equal(set?.problems.length ?? 0, problems.length, JSON.stringify(set?.problems));
    problems.forEach((problem, i) => assert.match(set!.problems[i]!.message, problem));
  });
}

test('requirements.txt brings its includes, options and the environment along', () => {
  const set = readDependencies(fixture('includes'))!;
  assert.deepEqual(set.files, [
    'requirements.txt',
    'reqs/base.txt',
    'reqs/shared/common.txt',
    'reqs/shared/pins-from-shared.txt',
    'constraints/pins.txt',
    'constraints/also-required.txt',
  ]);
  const env = readDependencies(fixture('env'), { PRIVATE_PKG: 'secret-lib', PRIVATE_VERSION: '1.2.3' })!;
  assert.equal(env.requirements[0]?.name, 'secret-lib');
  assert.deepEqual(readDependencies(fixture('forms'))!.options?.length, 9);
});

test('a malformed lock file is an InputError, not a problem', () => {
  assert.throws(() => readDependencies(fixture('bad-toml')), /poetry\.lock:5:/);
});
