import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { parseRequirementsText, readRequirementsFile } from '../../../src/project/requirements/requirements-file.js';
import type { Requirement } from '../../../src/project/types.js';

const fixture = (dir: string) => fileURLToPath(new URL(`../../fixtures/requirements/${dir}`, import.meta.url));
const read = (dir: string, env: Record<string, string> = {}) => readRequirementsFile(fixture(dir), 'requirements.txt', env);
const byName = (reqs: Requirement[], name: string) => reqs.find((r) => r.name === name);

test('every requirement form is read with its fields and the line it starts on', () => {
  const { requirements, problems } = read('forms');
  assert.deepEqual(problems, []);
  const table: [string, Partial<Requirement>][] = [
    ['django', { line: 2, rawName: 'Django', specifier: '>=4.2,<5.0' }],
    ['gunicorn', { line: 3, pinned: '21.2.0', hashes: [`sha256:8d0f3d4f5e5b1a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071829304`, `sha256:${'0'.repeat(64)}`] }],
    ['requests', { line: 6, extras: ['security', 'socks'], specifier: '~=2.31.0' }],
    ['tomli', { line: 7, marker: 'python_version < "3.11"', specifier: '' }],
    ['dj-database-url', { line: 8, rawName: 'Dj_Database.URL', pinned: '2.1.0', specifier: '===2.1.0' }],
    ['psycopg', { line: 9, extras: ['binary', 'pool'], specifier: '>=3.1,<4' }],
    ['whitenoise', { line: 10, url: 'https://files.example.org/whitenoise-6.6.0-py3-none-any.whl', pinned: '6.6.0' }],
    ['django-extras', { line: 11, url: 'git+https://github.com/example/django-extras.git@v1.2#egg=django-extras', editable: false }],
    ['editable-lib', { line: 12, rawName: 'editable_lib', editable: true }],
    ['brotli', { line: 13, rawName: 'Brotli', pinned: '1.1.0' }],
    ['sentry-sdk', { line: 16, extras: ['django'], specifier: '>=1.40' }],
    ['celery', { line: 26, specifier: '==5.3.*', pinned: undefined }],
  ];
  assert.deepEqual(requirements.map((r) => r.name), table.map(([name]) => name));
  for (const [name, expected] of table) {
    const req = byName(requirements, name)!;
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(req[key as keyof Requirement], value, `${name}.${key}`);
    assert.equal(req.kind, 'requirement');
    assert.equal(req.file, 'requirements.txt');
  }
});

test('file-wide options are recorded in order, with credentials removed from URLs', () => {
  const { options } = read('forms');
  assert.deepEqual(
    options.map((o) => [o.line, o.name, o.value]),
    [
      [17, '--index-url', 'https://pypi.org/simple'],
      [18, '--extra-index-url', 'https://***@pypi.example.com/simple'],
      [19, '--find-links', './wheels'],
      [20, '--no-binary', ':all:'],
      [21, '--only-binary', 'psycopg'],
      [22, '--pre', undefined],
      [23, '--prefer-binary', undefined],
      [24, '--trusted-host', 'pypi.example.com'],
      [25, '--require-hashes', undefined],
    ],
  );
});

test('a garbage line is a problem with its file and line; the lines around it are still read', () => {
  const { requirements, problems } = read('garbage');
  assert.deepEqual(requirements.map((r) => [r.line, r.name]), [[1, 'django'], [10, 'ok-package']]);
  assert.deepEqual(problems.map((p) => [p.file, p.line]), [2, 3, 4, 5, 6, 7, 8, 9].map((line) => ['requirements.txt', line]));
  assert.match(problems[1]!.message, /Did you mean == \?/);
  assert.match(problems[4]!.message, /no such option: --no-such-option/);
});

test('-r and -c resolve relative to the including file, nested, and -r inside a constraints file requires', () => {
  const { requirements, problems, files } = read('includes');
  assert.deepEqual(
    requirements.map((r) => [r.file, r.line, r.name, r.kind]),
    [
      ['reqs/base.txt', 1, 'base-package', 'requirement'],
      ['reqs/shared/common.txt', 1, 'common-package', 'requirement'],
      ['reqs/shared/pins-from-shared.txt', 1, 'common-package', 'constraint'],
      ['constraints/pins.txt', 1, 'django', 'constraint'],
      ['constraints/also-required.txt', 1, 'required-from-constraints', 'requirement'],
      ['requirements.txt', 4, 'top-level', 'requirement'],
    ],
  );
  assert.deepEqual(files, [
    'requirements.txt',
    'reqs/base.txt',
    'reqs/shared/common.txt',
    'reqs/shared/pins-from-shared.txt',
    'constraints/pins.txt',
    'constraints/also-required.txt',
  ]);
  assert.deepEqual(problems.map((p) => [p.file, p.line]), [['requirements.txt', 3]]);
  assert.match(problems[0]!.message, /cannot open reqs\/missing\.txt \(no such file\)/);
});

test('an include loop is a problem on the line that closes it, and reading goes on', () => {
  const { requirements, problems } = read('loop');
  assert.deepEqual(requirements.map((r) => r.name), ['first', 'a-package', 'b-package', 'last']);
  assert.deepEqual(problems.map((p) => [p.file, p.line]), [['b.txt', 2]]);
  assert.match(problems[0]!.message, /loop: a\.txt → b\.txt → a\.txt/);
});

test('${VAR} expands from the given environment; messages and URLs never show the values', () => {
  const env = { PRIVATE_PKG: 'secret-lib', PRIVATE_VERSION: '1.2.3', GITHUB_TOKEN: 'ghp_abcdefgh123', REF: 'v9', HOME: '/root' };
  const { requirements, problems } = read('env', env);
  assert.deepEqual(requirements.map((r) => [r.name, r.pinned ?? r.url]), [
    ['secret-lib', '1.2.3'],
    ['private', 'git+https://***@github.com/example/private.git@v9#egg=private'],
  ]);
  assert.deepEqual(problems.map((p) => p.line), [3, 4, 5], '$HOME, lower-case and unset names stay unexpanded and fail');
  assert.ok(!JSON.stringify({ requirements, problems }).includes('ghp_abcdefgh123'));
});

test('an expanded value quoted by an error is shown as its ${NAME}', () => {
  const env = { PRIVATE_PKG: 'bad name here', PRIVATE_VERSION: '1' };
  const { problems } = readRequirementsFile(fixture('env'), 'requirements.txt', env);
  assert.match(problems[0]!.message, /'\$\{PRIVATE_PKG\}==1'/, 'a value too short to be a secret is shown as is');
  assert.ok(!problems.some((p) => p.message.includes('bad name here')));
});

test('local paths are looked up from the app root as pip does', () => {
  const { requirements, problems } = read('local');
  assert.deepEqual(
    requirements.map((r) => [r.line, r.url, r.editable, r.extras]),
    [
      [1, '.', true, []],
      [2, './libs/tool', true, ['cli']],
      [4, './vendor/localpkg-1.0.tar.gz', false, []],
      [6, './libs/tool', false, []],
    ],
  );
  assert.deepEqual(problems.map((p) => p.line), [3, 5]);
  assert.match(problems[0]!.message, /not installable/);
  assert.match(problems[1]!.message, /does not exist/);
});

const encodings: [string, number][] = [['utf16le', 2], ['utf16be', 2], ['utf8bom', 2], ['latin1', 3]];
for (const [dir, djangoLine] of encodings) {
  test(`${dir}: read as pip reads it, with the right line numbers`, () => {
    const { requirements, problems } = read(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(byName(requirements, 'django')?.line, djangoLine);
  });
}

test('a file pip cannot decode is a problem naming the line', () => {
  const { problems } = read('not-utf8');
  assert.deepEqual(problems.map((p) => [p.file, p.line]), [['requirements.txt', 2]]);
});

test('an include outside the app folder is not read, and flagged: Heroku will not have it', () => {
  const { requirements, problems, files } = read('outside/app');
  assert.deepEqual(requirements, []);
  assert.deepEqual(files, ['requirements.txt']);
  assert.deepEqual(problems.map((p) => [p.file, p.line]), [['requirements.txt', 1]]);
  assert.match(problems[0]!.message, /^-r \.\.\/shared\.txt leads outside the project: implanta does not read it/);
});

test('--hash applies to ordinary requirements only, as in pip', () => {
  const text = 'a==1 --hash=sha256:00\n-e git+https://host/r.git#egg=r --hash=sha256:11\n--hash=sha256:22\n';
  const { requirements, problems } = parseRequirementsText(text, 'requirements.txt', fixture('forms'));
  assert.deepEqual(requirements.map((r) => [r.name, r.hashes]), [['a', ['sha256:00']], ['r', []]]);
  assert.deepEqual(problems.map((p) => p.line), [3]);
});

test('text read alone reports an include instead of following it', () => {
  const { problems } = parseRequirementsText('-r other.txt\n', 'requirements.txt', fixture('forms'));
  assert.match(problems[0]!.message, /-r other\.txt: not followed/);
});
