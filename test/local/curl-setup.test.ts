import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestPlatform } from '../helpers/local-api.js';

const run = promisify(execFile);

test('a curl script written from the Platform API reference sets up an app on the local platform', async (t) => {
  const local = await startTestPlatform(t, { acmDelayMs: 0 });
  const home = mkdtempSync(join(tmpdir(), 'implanta-curl-'));
  writeFileSync(join(home, '.netrc'), 'machine 127.0.0.1\n  login me@example.com\n  password curl-token\n', { mode: 0o600 });
  await run('bash', ['test/fixtures/local/setup-app.sh', local.url, 'curl-app'], { env: { ...process.env, HOME: home } });

  const config = (await local.call('GET', '/apps/curl-app/config-vars')).body;
  assert.deepEqual(Object.keys(config).sort(), ['DATABASE_URL', 'DJANGO_SETTINGS_MODULE', 'PAPERTRAIL_API_TOKEN', 'WEB_CONCURRENCY']);
  const formation = (await local.call('GET', '/apps/curl-app/formation')).body as { type: string; quantity: number; size: string }[];
  assert.deepEqual(formation.map((f) => [f.type, f.quantity, f.size]).sort(), [['web', 2, 'Standard-2X']], 'the release process type runs at release time, not in the formation');
  const domain = (await local.call('GET', '/apps/curl-app/domains/www.hollow.example')).body;
  assert.equal(domain.acm_status, 'cert issued');
  assert.equal((await local.call('GET', '/apps/curl-app/features/preboot')).body.enabled, true);
  assert.equal((await local.call('GET', '/apps/curl-app/log-drains')).body.length, 1);
  const current = (await local.call('GET', '/apps/curl-app/releases', undefined, { Range: 'version ..; order=desc, max=1' })).body[0];
  assert.equal(current.description, 'First deploy');
  assert.equal(current.current, true);
});
