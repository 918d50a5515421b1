import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markerApplies } from '../../src/upgrade/markers.js';

const cases: { marker: string | undefined; python: string; extras?: string[]; applies: boolean }[] = [
  { marker: undefined, python: '3.12', applies: true },
  { marker: 'sys_platform == "win32"', python: '3.12', applies: false },
  { marker: 'sys_platform != "win32"', python: '3.12', applies: true },
  { marker: 'python_version < "3.11"', python: '3.12', applies: false },
  { marker: 'python_version >= "3.10"', python: '3.12', applies: true },
  { marker: 'python_version >= "3.10"', python: '3.9', applies: false },
  { marker: 'python_full_version >= "3.12.1"', python: '3.12.4', applies: true },
  { marker: 'extra == "argon2"', python: '3.12', applies: false },
  { marker: 'extra == "argon2"', python: '3.12', extras: ['Argon2'], applies: true },
  { marker: 'python_version >= "3.8" and extra == "brotli"', python: '3.12', applies: false },
  { marker: '(platform_system == "Windows" or os_name == "posix") and python_version > "3.9"', python: '3.12', applies: true },
  { marker: '"linux" in sys_platform', python: '3.12', applies: true },
  { marker: 'platform_python_implementation == "PyPy"', python: '3.12', applies: false },
  { marker: 'not a marker ((', python: '3.12', applies: true },
];

for (const { marker, python, extras = [], applies } of cases) {
  test(`${marker ?? '(no marker)'} on a Heroku dyno with Python ${python}${extras.length ? ` and extras ${extras}` : ''}: ${applies ? 'applies' : 'does not apply'}`, () => {
    assert.equal(markerApplies(marker, python, extras), applies);
  });
}
