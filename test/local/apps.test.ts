import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPlatform } from '../../src/local/server.js';
import { api, startTestPlatform } from '../helpers/local-api.js';

test('requests without a token are refused as Heroku does; bearer and basic (curl -n) tokens are accepted', async (t) => {
  const local = await startTestPlatform(t);
  for (const authorization of ['', 'Bearer ', 'Basic ' + Buffer.from('me@example.com:').toString('base64')]) {
    const answer = await local.call('GET', '/account', undefined, { Authorization: authorization });
    assert.equal(answer.status, 401);
    assert.deepEqual(answer.body, { id: 'unauthorized', message: 'Invalid credentials provided.' });
  }
  assert.equal((await local.call('GET', '/account', undefined, { Authorization: 'Bearer anything' })).status, 200);
  const basic = 'Basic ' + Buffer.from('me@example.com:some-token').toString('base64');
  assert.equal((await local.call('GET', '/account', undefined, { Authorization: basic })).status, 200);
});

test('every answer carries a Request-Id and RateLimit-Remaining, which /account/rate-limits agrees with', async (t) => {
  const local = await startTestPlatform(t, { rateLimit: 50 });
  const first = await local.call('GET', '/account');
  assert.match(first.headers.get('request-id') ?? '', /^[0-9a-f-]{36}$/);
  assert.equal(first.headers.get('ratelimit-remaining'), '49');
  assert.equal((await local.call('GET', '/account/rate-limits')).body.remaining, 48);
});

test('the rate limit runs out into 429 rate_limit', async (t) => {
  const local = await startTestPlatform(t, { rateLimit: 2 });
  await local.call('GET', '/account');
  await local.call('GET', '/account');
  const refused = await local.call('GET', '/account');
  assert.equal(refused.status, 429);
  assert.equal(refused.body.id, 'rate_limit');
  assert.equal(refused.headers.get('ratelimit-remaining'), '0');
});

test('an app is created with its default domain and release v1, found by name or id, and listed', async (t) => {
  const local = await startTestPlatform(t);
  const created = await local.call('POST', '/apps', { name: 'hollow-site', region: 'eu' });
  assert.equal(created.status, 201);
  assert.equal(created.body.web_url, 'https://hollow-site.herokuapp.com/');
  assert.equal(created.body.git_url, 'https://git.heroku.com/hollow-site.git');
  assert.equal(created.body.region.name, 'eu');
  assert.equal(created.body.stack.name, 'heroku-24');
  assert.equal(created.body.generation.name, 'cedar');
  assert.equal((await local.call('GET', `/apps/${created.body.id}`)).body.name, 'hollow-site');
  const domains = (await local.call('GET', '/apps/hollow-site/domains')).body;
  assert.deepEqual(domains.map((d: { hostname: string; kind: string }) => [d.hostname, d.kind]), [['hollow-site.herokuapp.com', 'heroku']]);
  const releases = (await local.call('GET', '/apps/hollow-site/releases')).body;
  assert.deepEqual(releases.map((r: { version: number; description: string }) => [r.version, r.description]), [[1, 'Initial release']]);
  assert.deepEqual((await local.call('GET', '/apps')).body.map((a: { name: string }) => a.name), ['hollow-site']);

  const unnamed = await local.call('POST', '/apps', {});
  assert.match(unnamed.body.name, /^[a-z]+-[a-z]+-\d{5}$/);
});

const badApps: [string, unknown, RegExp][] = [
  ['an invalid name', { name: 'Hollow_Site' }, /Name must start with a letter/],
  ['a name too short', { name: 'ab' }, /Name must start/],
  ['an unknown region', { name: 'fine-name', region: 'mars' }, /region/],
  ['an unknown stack', { name: 'fine-name', stack: 'heroku-99' }, /Stack heroku-99 does not exist/],
  ['a stack past end-of-life', { name: 'fine-name', stack: 'heroku-18' }, /heroku-18 has reached end-of-life/],
];

for (const [what, body, message] of badApps) {
  test(`creating an app with ${what} is refused with 422 invalid_params`, async (t) => {
    const local = await startTestPlatform(t);
    const answer = await local.call('POST', '/apps', body);
    assert.equal(answer.status, 422);
    assert.equal(answer.body.id, 'invalid_params');
    assert.match(answer.body.message, message);
  });
}

test('an app name is taken only once', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'only-one' });
  const again = await local.call('POST', '/apps', { name: 'only-one' });
  assert.equal(again.status, 422);
  assert.equal(again.body.message, 'Name only-one is already taken');
});

test('PATCH sets maintenance, the next build stack and a new name (the default domain follows)', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'old-name', stack: 'heroku-22' });
  const patched = await local.call('PATCH', '/apps/old-name', { maintenance: true, build_stack: 'heroku-24', name: 'new-name' });
  assert.equal(patched.body.maintenance, true);
  assert.equal(patched.body.build_stack.name, 'heroku-24');
  assert.equal(patched.body.stack.name, 'heroku-22', 'the stack changes with the next build, not now');
  assert.equal(patched.body.name, 'new-name');
  assert.equal((await local.call('GET', '/apps/old-name')).status, 404);
  assert.equal((await local.call('GET', '/apps/new-name/domains')).body[0].hostname, 'new-name.herokuapp.com');
  assert.equal((await local.call('PATCH', '/apps/new-name', { build_stack: 'heroku-18' })).status, 422);
});

test('an old app on a retired stack can be seeded through the platform layer, and reports its stack', async (t) => {
  const local = await startTestPlatform(t);
  local.platform.apps.create({ name: 'legacy-app', stack: 'heroku-18' }, { allowRetiredStack: true });
  const app = await local.call('GET', '/apps/legacy-app');
  assert.equal(app.body.stack.name, 'heroku-18');
  assert.ok(!(await local.call('GET', '/stacks')).body.some((s: { name: string }) => s.name === 'heroku-18'), '/stacks lists only available stacks');
  assert.equal((await local.call('GET', '/stacks/heroku-18')).body.state, 'retired');
});

test('DELETE removes the app and everything it owns', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'short-lived' });
  await local.call('PATCH', '/apps/short-lived/config-vars', { A: '1' });
  assert.equal((await local.call('DELETE', '/apps/short-lived')).body.name, 'short-lived');
  assert.equal((await local.call('GET', '/apps/short-lived')).status, 404);
  assert.deepEqual((await local.call('GET', '/apps')).body, []);
  assert.deepEqual(local.platform.db.prepare('SELECT COUNT(*) AS n FROM config_vars').get(), { n: 0 }, 'its config is gone from the database');
});

test('unknown paths and missing apps answer 404 not_found', async (t) => {
  const local = await startTestPlatform(t);
  assert.deepEqual((await local.call('GET', '/apps/nobody')).body, { id: 'not_found', message: "Couldn't find that app." });
  assert.equal((await local.call('GET', '/apps/nobody/teleport')).status, 404);
  const raw = await fetch(`${local.url}/teleport`, { headers: { Authorization: 'Bearer t' } });
  assert.equal(raw.status, 404);
  assert.equal(((await raw.json()) as { id: string }).id, 'not_found');
});

test('a body that is not JSON is a 400 bad_request', async (t) => {
  const local = await startTestPlatform(t);
  const raw = await fetch(`${local.url}/apps`, { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, body: '{name:' });
  assert.equal(raw.status, 400);
  assert.equal(((await raw.json()) as { id: string }).id, 'bad_request');
});

test('lists honour Range: field, exclusive start, max, order, and answer 206 with Next-Range while more remain', async (t) => {
  const local = await startTestPlatform(t, { maxPageSize: 3 });
  for (const name of ['app-d', 'app-b', 'app-e', 'app-a', 'app-c']) await local.call('POST', '/apps', { name });
  const first = await local.call('GET', '/apps', undefined, { Range: 'name ..; max=2' });
  assert.equal(first.status, 206);
  assert.deepEqual(first.body.map((a: { name: string }) => a.name), ['app-a', 'app-b']);
  assert.equal(first.headers.get('next-range'), 'name ]app-b..; max=2');
  const second = await local.call('GET', '/apps', undefined, { Range: first.headers.get('next-range')! });
  assert.deepEqual(second.body.map((a: { name: string }) => a.name), ['app-c', 'app-d']);
  const desc = await local.call('GET', '/apps', undefined, { Range: 'name ..; max=100, order=desc' });
  assert.equal(desc.status, 206, 'max is capped at the server page size');
  assert.deepEqual(desc.body.map((a: { name: string }) => a.name), ['app-e', 'app-d', 'app-c']);
  const last = await local.call('GET', '/apps', undefined, { Range: 'name ]app-c..; max=5' });
  assert.equal(last.status, 200);
  assert.equal(last.headers.get('next-range'), null);
  assert.equal((await local.call('GET', '/apps', undefined, { Range: 'colour ..' })).status, 416);
});

test('state survives a restart of the platform on the same data directory', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'implanta-restart-'));
  const first = await startLocalPlatform({ port: 0, dataDir });
  await api(first.url, 'POST', '/apps', { name: 'durable-app' });
  await api(first.url, 'PATCH', '/apps/durable-app/config-vars', { GREETING: 'hello' });
  await first.close();
  const second = await startLocalPlatform({ port: 0, dataDir });
  try {
    assert.equal((await api(second.url, 'GET', '/apps/durable-app/config-vars')).body.GREETING, 'hello');
    assert.equal((await api(second.url, 'GET', '/apps/durable-app/releases')).body.length, 2);
  } finally {
    await second.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('stacks, dyno sizes and the account answer in Heroku shapes', async (t) => {
  const local = await startTestPlatform(t);
  const stacks = (await local.call('GET', '/stacks')).body;
  assert.equal(stacks.filter((s: { default: boolean }) => s.default).length, 1);
  const sizes = (await local.call('GET', '/dyno-sizes')).body as { name: string }[];
  assert.ok(sizes.some((s) => s.name === 'Standard-1X'));
  assert.ok(!sizes.some((s) => s.name === 'Hobby'), 'retired sizes are not offered');
  assert.equal((await local.call('GET', '/dyno-sizes/performance-m')).body.name, 'Performance-M');
  assert.match((await local.call('GET', '/account')).body.email, /@/);
});
