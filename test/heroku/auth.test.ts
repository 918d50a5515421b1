import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, PlatformError } from '../../src/core/errors.js';
import { resolveToken } from '../../src/heroku/auth.js';

function homeWith(netrc?: string): string {
  const home = mkdtempSync(join(tmpdir(), 'implanta-auth-'));
  if (netrc !== undefined) writeFileSync(join(home, '.netrc'), netrc);
  return home;
}

test('HEROKU_API_KEY wins over .netrc', () => {
  const home = homeWith('machine api.heroku.com password from-netrc');
  assert.equal(resolveToken({ env: { HEROKU_API_KEY: ' from-env ' }, home }), 'from-env');
});

test('without HEROKU_API_KEY the token is the password of the API host in ~/.netrc', () => {
  const home = homeWith('machine git.heroku.com\n  password git-token\nmachine api.heroku.com\n  login me@example.com\n  password api-token\n');
  assert.equal(resolveToken({ env: {}, home }), 'api-token');
});

test('another API host reads its own .netrc entry, never the api.heroku.com one', () => {
  const home = homeWith('machine api.heroku.com password real-heroku-token\nmachine 127.0.0.1 password local-token');
  assert.equal(resolveToken({ env: {}, home, host: '127.0.0.1' }), 'local-token');
  assert.throws(() => resolveToken({ env: {}, home, host: 'localhost' }), PlatformError);
});

for (const [name, netrc, env] of [
  ['no .netrc and no HEROKU_API_KEY', undefined, {}],
  ['a .netrc without the API host', 'machine git.heroku.com password g', {}],
  ['an empty HEROKU_API_KEY', undefined, { HEROKU_API_KEY: '  ' }],
] as const) {
  test(`not logged in: ${name}`, () => {
    assert.throws(
      () => resolveToken({ env: { ...env }, home: homeWith(netrc) }),
      (e: unknown) => e instanceof PlatformError && e.exitCode === 3 && e.message === 'not logged in to Heroku: run `heroku login` or set HEROKU_API_KEY',
    );
  });
}

test('a ~/.netrc that is a FIFO or a link to /dev/zero is refused in one line, not read (a read would hang)', () => {
  const fifoHome = homeWith();
  execFileSync('mkfifo', [join(fifoHome, '.netrc')]);
  const zeroHome = homeWith();
  symlinkSync('/dev/zero', join(zeroHome, '.netrc'));
  for (const [home, kind] of [[fifoHome, 'a FIFO'], [zeroHome, 'a device']] as const) {
    assert.throws(
      () => resolveToken({ env: {}, home }),
      (e: unknown) => e instanceof InputError && e.exitCode === 2 && e.message === `${join(home, '.netrc')}: is ${kind}, not a regular file; implanta does not read it`,
    );
  }
});
