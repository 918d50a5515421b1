import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startRunningPlatform, TOKEN } from '../helpers/local-runtime.js';
import { implanta } from '../cli/helpers/run-cli.js';

const SECRET_KEY = 'django-insecure-9f3k2m1x7q0w8e6r5t4y3u2i1o0p';
const DATABASE_PASSWORD = 'p4ssw0rd-generated-by-heroku-0123456789abcdef';

test('implanta logs -a APP reads the log session and masks config-var values and query strings, printed or summarised', async (t) => {
  const local = await startRunningPlatform(t);
  const app = (await local.call('POST', '/apps', { name: 'leaky' })).body as { id: string };
  await local.call('PATCH', '/apps/leaky/config-vars', { SECRET_KEY, DATABASE_URL: `postgres://u:${DATABASE_PASSWORD}@db.example.com:5432/d` });
  const say = (source: 'app' | 'heroku', process: string, message: string) => local.runtime!.appLogs.add(app.id, source, process, message);
  say('app', 'web.1', `settings loaded, SECRET_KEY=${SECRET_KEY}`);
  say('app', 'web.1', `could not connect with password ${DATABASE_PASSWORD}`);
  say('app', 'web.1', '10.1.2.3 - - "GET /search?q=my+private+question HTTP/1.1" 200 512');
  say('heroku', 'router', 'at=info method=GET path="/reset/?token=abc123reset" host=leaky.herokuapp.com request_id=r1 fwd="1.2.3.4" dyno=web.1 connect=0ms service=840ms status=500 bytes=10 protocol=https');
  say('heroku', 'router', 'at=info method=GET path="/" host=leaky.herokuapp.com request_id=r2 fwd="1.2.3.4" dyno=web.1 connect=0ms service=12ms status=200 bytes=10 protocol=https');
  say('heroku', 'web.1', 'Error R14 (Memory quota exceeded)');

  const home = mkdtempSync(join(tmpdir(), 'implanta-logs-home-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const env = { HEROKU_API_KEY: TOKEN, IMPLANTA_API_URL: local.url, HOME: home };

  const printed = await implanta(['logs', '-a', 'leaky'], { env });
  assert.equal(printed.code, 0, printed.stderr);
  assert.match(printed.stdout, /app\[web\.1\]: settings loaded, SECRET_KEY=\[redacted\]\n/);
  assert.match(printed.stdout, /could not connect with password \[redacted\]\n/);
  assert.match(printed.stdout, /GET \/search\?q=\[redacted\] HTTP\/1\.1/);
  assert.match(printed.stdout, /heroku\[router\]: at=info method=GET path="\/reset\/\?token=\[redacted\]" /);
  for (const leak of [SECRET_KEY, DATABASE_PASSWORD, 'private', 'abc123reset']) assert.ok(!printed.stdout.includes(leak), `printed: ${leak}`);

  const summarised = await implanta(['logs', '-a', 'leaky', '--summary', '--format', 'json'], { env });
  assert.equal(summarised.code, 0, summarised.stderr);
  const summary = JSON.parse(summarised.stdout);
  assert.equal(summary.app, 'leaky');
  assert.equal(summary.requests, 2);
  assert.deepEqual(summary.status, { '2xx': 1, '3xx': 0, '4xx': 0, '5xx': 1 });
  assert.deepEqual(summary.dyno_errors, { R14: 1 });
  assert.deepEqual(summary.slowest_paths[0], { path: '/reset/', requests: 1, mean_ms: 840, max_ms: 840 });
  for (const leak of [SECRET_KEY, DATABASE_PASSWORD, 'abc123reset']) assert.ok(!summarised.stdout.includes(leak), `summarised: ${leak}`);
});
