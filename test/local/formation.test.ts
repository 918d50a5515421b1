import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform } from '../helpers/local-api.js';

type Local = Awaited<ReturnType<typeof startTestPlatform>>;

/** An app whose live slug has a web and a worker process type. */
async function deployedApp(local: Local, name: string): Promise<void> {
  await local.call('POST', '/apps', { name });
  const slug = await local.call('POST', `/apps/${name}/slugs`, { process_types: { web: 'gunicorn hollow.wsgi', worker: 'python worker.py' }, commit: '0123456789abcdef' });
  await local.call('POST', `/apps/${name}/releases`, { slug: slug.body.id });
}

test('releasing a slug makes its process types the formation: one web dyno, no workers', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'fresh-app' });
  assert.deepEqual((await local.call('GET', '/apps/fresh-app/formation')).body, [], 'no formation before code is released');
  await deployedApp(local, 'form-app');
  const formation = (await local.call('GET', '/apps/form-app/formation')).body as { type: string; quantity: number; size: string; dyno_size: { name: string }; command: string }[];
  const byType = Object.fromEntries(formation.map((f) => [f.type, f]));
  assert.equal(byType.web!.quantity, 1);
  assert.equal(byType.web!.command, 'gunicorn hollow.wsgi');
  assert.equal(byType.worker!.quantity, 0);
  assert.equal(byType.web!.size, byType.web!.dyno_size.name);
  const app = (await local.call('GET', '/apps/form-app')).body;
  assert.notEqual(app.released_at, null);
});

const scalings: [string, Record<string, unknown>, number, string | RegExp][] = [
  ['dyno_size by name', { dyno_size: { name: 'standard-2x' }, quantity: 2 }, 200, 'Standard-2X'],
  ['dyno_size as a bare name', { dyno_size: 'Performance-M' }, 200, 'Performance-M'],
  ['the deprecated size field', { size: 'standard-1X', quantity: 3 }, 200, 'Standard-1X'],
  ['an older alias', { size: '2X' }, 200, 'Standard-2X'],
  ['a legacy hobby size', { size: 'hobby' }, 200, 'Hobby'],
  ['a legacy free size', { size: 'free', quantity: 1 }, 200, 'Free'],
  ['more than one basic dyno', { size: 'basic', quantity: 2 }, 422, /more than 1 Basic size dynos/],
  ['an unknown size', { size: 'gigantic' }, 422, /gigantic is not a dyno size/],
  ['a negative quantity', { quantity: -1 }, 422, /Quantity/],
];

for (const [what, body, status, expected] of scalings) {
  test(`PATCH formation/web with ${what} answers ${status}`, async (t) => {
    const local = await startTestPlatform(t);
    await deployedApp(local, 'scale-app');
    const answer = await local.call('PATCH', '/apps/scale-app/formation/web', body);
    assert.equal(answer.status, status);
    if (typeof expected === 'string') {
      assert.equal(answer.body.size, expected);
      assert.equal(answer.body.dyno_size.name, expected);
      if (body.quantity !== undefined) assert.equal(answer.body.quantity, body.quantity);
    } else {
      assert.match(answer.body.message, expected);
    }
  });
}

test('a batch formation update changes every listed type, or none when one is refused', async (t) => {
  const local = await startTestPlatform(t);
  await deployedApp(local, 'batch-app');
  const ok = await local.call('PATCH', '/apps/batch-app/formation', { updates: [{ type: 'web', quantity: 2, dyno_size: { name: 'standard-1x' } }, { type: 'worker', quantity: 1 }] });
  assert.deepEqual(ok.body.map((f: { type: string; quantity: number }) => [f.type, f.quantity]), [['web', 2], ['worker', 1]]);
  const refused = await local.call('PATCH', '/apps/batch-app/formation', { updates: [{ type: 'web', quantity: 5 }, { type: 'clock', quantity: 1 }] });
  assert.equal(refused.status, 404);
  assert.equal((await local.call('GET', '/apps/batch-app/formation/web')).body.quantity, 2, 'the web change was rolled back');
});

test('config vars: PATCH sets and null removes, each change a release; keys must be words', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'config-app' });
  assert.deepEqual((await local.call('PATCH', '/apps/config-app/config-vars', { A: '1', B: '2' })).body, { A: '1', B: '2' });
  assert.deepEqual((await local.call('PATCH', '/apps/config-app/config-vars', { A: null, C: '3' })).body, { B: '2', C: '3' });
  const releases = (await local.call('GET', '/apps/config-app/releases', undefined, { Range: 'version ..' })).body;
  assert.deepEqual(releases.map((r: { description: string }) => r.description), ['Initial release', 'Set A, B config vars', 'Set C config vars; Remove A config vars']);
  assert.equal((await local.call('PATCH', '/apps/config-app/config-vars', { 'BAD-KEY': 'x' })).status, 422);
  assert.equal((await local.call('PATCH', '/apps/config-app/config-vars', { NUMBER: 5 })).status, 422);
});

test('a rollback releases an earlier release again: its slug and its config', async (t) => {
  const local = await startTestPlatform(t);
  await deployedApp(local, 'roll-app');
  await local.call('PATCH', '/apps/roll-app/config-vars', { FEATURE: 'old' });
  const good = (await local.call('GET', '/apps/roll-app/releases/3')).body;
  assert.equal(good.current, true);
  const slug = await local.call('POST', '/apps/roll-app/slugs', { process_types: { web: 'gunicorn hollow.wsgi --broken' } });
  await local.call('POST', '/apps/roll-app/releases', { slug: slug.body.id });
  await local.call('PATCH', '/apps/roll-app/config-vars', { FEATURE: 'new' });

  const rollback = await local.call('POST', '/apps/roll-app/releases', { release: good.id });
  assert.equal(rollback.status, 201);
  assert.equal(rollback.body.description, 'Rollback to v3');
  assert.equal(rollback.body.version, 6);
  assert.deepEqual(rollback.body.slug, good.slug);
  assert.equal(rollback.body.current, true);
  assert.equal((await local.call('GET', '/apps/roll-app/config-vars')).body.FEATURE, 'old');
  assert.equal((await local.call('GET', '/apps/roll-app/formation/web')).body.command, 'gunicorn hollow.wsgi');
  assert.equal((await local.call('GET', '/apps/roll-app/releases/v3')).body.eligible_for_rollback, true);
  assert.equal((await local.call('GET', `/apps/roll-app/releases/${good.id}/config-vars`)).body.FEATURE, 'old');
  assert.equal((await local.call('POST', '/apps/roll-app/releases', {})).status, 422);
});

test('features: preboot is off until enabled', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'feature-app' });
  const features = (await local.call('GET', '/apps/feature-app/features')).body as { name: string; enabled: boolean }[];
  assert.equal(features.find((f) => f.name === 'preboot')!.enabled, false);
  assert.equal((await local.call('PATCH', '/apps/feature-app/features/preboot', { enabled: true })).body.enabled, true);
  assert.equal((await local.call('GET', '/apps/feature-app/features/preboot')).body.enabled, true);
  assert.equal(local.platform.features.isEnabled((await local.call('GET', '/apps/feature-app')).body.id, 'preboot'), true);
  assert.equal((await local.call('PATCH', '/apps/feature-app/features/teleport', { enabled: true })).status, 404);
  assert.equal((await local.call('PATCH', '/apps/feature-app/features/preboot', { enabled: 'yes' })).status, 422);
});

test('log drains: syslog and https URLs are added once, found by id, URL or token, and removed', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'drain-app' });
  const drain = await local.call('POST', '/apps/drain-app/log-drains', { url: 'syslog+tls://logs.example.com:6514' });
  assert.equal(drain.status, 201);
  assert.match(drain.body.token, /^d\./);
  assert.equal(drain.body.addon, null);
  assert.equal((await local.call('POST', '/apps/drain-app/log-drains', { url: 'syslog+tls://logs.example.com:6514' })).status, 422);
  assert.equal((await local.call('POST', '/apps/drain-app/log-drains', { url: 'ftp://logs.example.com' })).status, 422);
  assert.equal((await local.call('GET', `/apps/drain-app/log-drains/${drain.body.token}`)).body.id, drain.body.id);
  assert.equal((await local.call('GET', `/apps/drain-app/log-drains/${encodeURIComponent(drain.body.url)}`)).body.id, drain.body.id);
  await local.call('DELETE', `/apps/drain-app/log-drains/${drain.body.id}`);
  assert.deepEqual((await local.call('GET', '/apps/drain-app/log-drains')).body, []);
});

test('builds are recorded pending on the build stack, and the build work hears of each one', async (t) => {
  const local = await startTestPlatform(t);
  const heard: string[] = [];
  local.platform.hooks.buildCreated = (id) => heard.push(id);
  await local.call('POST', '/apps', { name: 'build-app' });
  const build = await local.call('POST', '/apps/build-app/builds', { source_blob: { url: 'https://example.com/source.tgz', version: 'abc123' } });
  assert.equal(build.status, 201);
  assert.equal(build.body.status, 'pending');
  assert.equal(build.body.stack, 'heroku-24');
  assert.deepEqual(heard, [build.body.id]);
  local.platform.builds.finish(build.body.id, { status: 'failed' });
  assert.equal((await local.call('GET', `/apps/build-app/builds/${build.body.id}`)).body.status, 'failed');
  assert.equal((await local.call('POST', '/apps/build-app/builds', { source_blob: {} })).status, 422);
});

test('a pending release leaves the running code alone until the release work settles it', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'phase-app', stack: 'heroku-22' });
  await local.call('PATCH', '/apps/phase-app', { build_stack: 'heroku-24' });
  const slug = await local.call('POST', '/apps/phase-app/slugs', { process_types: { web: 'gunicorn hollow.wsgi' } });
  assert.equal(slug.body.stack.name, 'heroku-24', 'a slug is built on the build stack');
  const app = local.platform.apps.find('phase-app');
  const pending = local.platform.releases.create(app.id, { description: 'Deploy', slugId: slug.body.id, status: 'pending' });
  assert.deepEqual((await local.call('GET', '/apps/phase-app/formation')).body, []);
  assert.equal((await local.call('GET', `/apps/phase-app/releases/${pending.id}`)).body.status, 'pending');

  local.platform.releases.finish(pending.id, 'succeeded');
  const release = (await local.call('GET', `/apps/phase-app/releases/${pending.id}`)).body;
  assert.equal(release.current, true);
  assert.deepEqual((await local.call('GET', '/apps/phase-app/formation')).body.map((f: { type: string }) => f.type), ['web']);
  assert.equal((await local.call('GET', '/apps/phase-app')).body.stack.name, 'heroku-24', 'the app moves to the stack of the released slug');
});
