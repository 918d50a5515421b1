import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors.js';
import { resolveClient } from '../../src/heroku/resolve.js';
import { startTestPlatform } from '../helpers/local-api.js';

test('resolveClient talks to api.heroku.com unless --api-url or IMPLANTA_API_URL says otherwise', () => {
  const env = { HEROKU_API_KEY: 'k' };
  assert.equal(resolveClient({ env }).baseUrl, 'https://api.heroku.com');
  assert.equal(resolveClient({ env: { ...env, IMPLANTA_API_URL: 'http://127.0.0.1:5050' } }).baseUrl, 'http://127.0.0.1:5050');
  assert.equal(resolveClient({ env: { ...env, IMPLANTA_API_URL: 'http://127.0.0.1:5050' }, apiUrl: 'http://127.0.0.1:6060/' }).baseUrl, 'http://127.0.0.1:6060');
});

test('a bad API URL is an InputError that does not echo credentials', () => {
  assert.throws(() => resolveClient({ env: { HEROKU_API_KEY: 'k' }, apiUrl: 'ftp://example.com' }), InputError);
  assert.throws(() => resolveClient({ env: { HEROKU_API_KEY: 'k' }, apiUrl: 'not a url' }), InputError);
  assert.throws(
    () => resolveClient({ env: { HEROKU_API_KEY: 'k' }, apiUrl: 'https://me:hunter2-secret@api.heroku.com' }),
    (e: unknown) => e instanceof InputError && !e.message.includes('hunter2-secret'),
  );
});

test('a resolved client reaches the local platform with the .netrc token of its host', async (t) => {
  const local = await startTestPlatform(t);
  const home = mkdtempSync(join(tmpdir(), 'implanta-home-'));
  writeFileSync(join(home, '.netrc'), 'machine 127.0.0.1\n  login me@example.com\n  password local-token\n');
  const client = resolveClient({ env: { IMPLANTA_API_URL: local.url }, home });
  const account = await client.get<{ email: string }>('/account');
  assert.match(account.email, /@/);
});
