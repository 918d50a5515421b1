import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markerError, normalizeName, parsePep508 } from '../../../src/project/requirements/pep508.js';

const valid: [string, { rawName: string; extras?: string[]; specifier?: string; url?: string }][] = [
  ['Django', { rawName: 'Django' }],
  ['Django>=4.2,<5', { rawName: 'Django', specifier: '>=4.2,<5' }],
  ['Django >= 4.2 , < 5', { rawName: 'Django', specifier: '>=4.2,<5' }],
  ['psycopg[binary, pool] (>=3.1, <4)', { rawName: 'psycopg', extras: ['binary', 'pool'], specifier: '>=3.1,<4' }],
  ['requests[]', { rawName: 'requests' }],
  ['celery==5.3.*', { rawName: 'celery', specifier: '==5.3.*' }],
  ['pkg!=1.0.*', { rawName: 'pkg', specifier: '!=1.0.*' }],
  ['pkg~=1.4.2', { rawName: 'pkg', specifier: '~=1.4.2' }],
  ['pkg===1.0-weird', { rawName: 'pkg', specifier: '===1.0-weird' }],
  ['pkg==1.0+local.7', { rawName: 'pkg', specifier: '==1.0+local.7' }],
  ['pkg>=1.0a1,!=1.0.post2,<2.0.dev3', { rawName: 'pkg', specifier: '>=1.0a1,!=1.0.post2,<2.0.dev3' }],
  ['pkg==1!2.0', { rawName: 'pkg', specifier: '==1!2.0' }],
  ['pkg>=1.0,', { rawName: 'pkg', specifier: '>=1.0' }],
  ['a.b_c-d==1', { rawName: 'a.b_c-d', specifier: '==1' }],
  ['whitenoise @ https://host/whitenoise-6.6.0-py3-none-any.whl', { rawName: 'whitenoise', url: 'https://host/whitenoise-6.6.0-py3-none-any.whl' }],
  ['lib[x]@git+https://host/lib.git@v1', { rawName: 'lib', extras: ['x'], url: 'git+https://host/lib.git@v1' }],
];

for (const [text, expected] of valid) {
  test(`parses ${JSON.stringify(text)}`, () => {
    const parsed = parsePep508(text);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    assert.deepEqual(parsed.value, { extras: [], specifier: '', url: undefined, ...expected });
  });
}

const invalid = [
  'this is not a requirement',
  'flask=2.0',
  'Django==4.2.x',
  'numpy[extra',
  'numpy[a,]',
  'pkg~=1',
  'pkg>=1.0.*',
  'pkg<1.0+local',
  '-pkg',
  'pkg-',
  'pkg (>=1.0',
  'pkg @',
  'pkg @ not-a-url',
  'pkg @ https://host/x y',
];

for (const text of invalid) {
  test(`rejects ${JSON.stringify(text)}`, () => assert.equal(parsePep508(text).ok, false));
}

const markers: [string, boolean][] = [
  ['python_version < "3.11"', true],
  ["sys_platform == 'linux' and (python_version >= '3.10' or implementation_name == 'cpython')", true],
  ['"linux" in sys_platform', true],
  ["extra not in 'a b'", true],
  ['os.name == "posix"', true],
  ['python_version <', false],
  ['python_version = "3"', false],
  ['unknown_var == "1"', false],
  ['(python_version > "3"', false],
  ['python_version > "3" and', false],
  ['python_version > 3.8', false],
];

for (const [marker, ok] of markers) {
  test(`marker ${JSON.stringify(marker)} is ${ok ? 'valid' : 'invalid'}`, () => {
    assert.equal(markerError(marker) === undefined, ok, markerError(marker));
  });
}

test('names normalise per PEP 503', () => {
  assert.equal(normalizeName('Dj_Database.URL'), 'dj-database-url');
  assert.equal(normalizeName('Flask--SQL__Alchemy'), 'flask-sql-alchemy');
});
