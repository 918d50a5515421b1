import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPlatform } from '../../src/local/server.js';

test('--log-requests prints method, path, status and time for each request, and never the token or the query', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'implanta-local-log-'));
  const lines: string[] = [];
  const local = await startLocalPlatform({ port: 0, dataDir, logRequest: (line) => lines.push(line) });
  t.after(async () => {
    await local.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const token = 'secret-token-1234567890';
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/vnd.heroku+json; version=3' };
  await (await fetch(`${local.url}/apps`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{"name":"logged"}' })).text();
  await (await fetch(`${local.url}/users/~/apps?token=${token}`, { headers })).text();
  await (await fetch(`${local.url}/apps/logged/no-such-thing`, { headers })).text();
  await (await fetch(`${local.url}/apps/${token}`, { headers })).text();
  await (await fetch(`${local.url}/account`)).text();
  assert.equal(lines.length, 5);
  assert.match(lines[0]!, /^POST \/apps 201 \d+ms$/);
  assert.match(lines[1]!, /^GET \/users\/~\/apps 200 \d+ms$/);
  assert.match(lines[2]!, /^GET \/apps\/logged\/no-such-thing 404 \d+ms$/);
  assert.match(lines[3]!, /^GET \/apps\/\[redacted\] 404 \d+ms$/);
  assert.match(lines[4]!, /^GET \/account 401 \d+ms$/);
  assert.ok(lines.every((line) => !line.includes(token)));
});

test('without --log-requests nothing is printed per request', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'implanta-local-log-'));
  const local = await startLocalPlatform({ port: 0, dataDir });
  t.after(async () => {
    await local.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const written: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    await (await fetch(`${local.url}/account`, { headers: { Authorization: 'Bearer x' } })).text();
  } finally {
    process.stderr.write = write;
  }
  assert.deepEqual(written.filter((w) => w.includes('/account')), []);
});
