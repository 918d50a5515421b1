import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaErrors } from '../helpers/heroku-schema.js';
import { API_HEADERS, startTestPlatform } from '../helpers/local-api.js';

/**
 * The requests the official Heroku CLI makes that a curl script following the reference does not: the
 * shapes it sends (`plan` as an object, `quantity` as a string) and the routes it reads. The end-to-end
 * proof with the CLI itself is test/local/heroku-cli.test.ts.
 */

test('GET /users/~/apps lists the apps (`heroku apps`); another user is not found', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'listed-app' });
  const mine = await local.call('GET', '/users/~/apps');
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.body.map((a: { name: string }) => a.name), ['listed-app']);
  const account = (await local.call('GET', '/account')).body;
  assert.equal((await local.call('GET', `/users/${account.email}/apps`)).status, 200);
  assert.equal((await local.call('GET', '/users/someone-else@example.com/apps')).status, 404);
});

test('an add-on plan is taken as a name or as {name} / {id}, as the CLI sends it; anything else is refused', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'plan-shapes' });
  const byName = await local.call('POST', '/apps/plan-shapes/addons', { plan: { name: 'heroku-redis:mini' } });
  assert.equal(byName.status, 201);
  assert.equal(byName.body.plan.name, 'heroku-redis:mini');
  const byId = await local.call('POST', '/apps/plan-shapes/addons', { plan: { id: byName.body.plan.id }, attachment: { name: 'CACHE' } });
  assert.equal(byId.status, 201);
  assert.equal(byId.body.plan.name, 'heroku-redis:mini');
  for (const plan of [{}, { name: 7 }, ['heroku-redis:mini'], 42]) {
    const refused = await local.call('POST', '/apps/plan-shapes/addons', { plan });
    assert.equal(refused.status, 422, JSON.stringify(plan));
  }
});

test('every add-on carries a provision_message and a billed price; Accept-Expansion: plan adds the plan price', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'messages' });
  const redis = await local.call('POST', '/apps/messages/addons', { plan: 'heroku-redis:mini' });
  assert.equal(redis.body.provision_message, 'heroku-redis has been provisioned.');
  assert.deepEqual(redis.body.billed_price, { cents: 300, contract: false, unit: 'month' });
  const sentry = await local.call('POST', '/apps/messages/addons', { plan: 'sentry:f1' });
  assert.equal(typeof sentry.body.provision_message, 'string');
  assert.equal(sentry.body.billed_price.cents, 0);
  assert.equal(redis.body.plan.price, undefined);
  const expanded = await local.call('GET', '/apps/messages/addons', undefined, { 'Accept-Expansion': 'addon_service,plan' });
  const prices = Object.fromEntries(expanded.body.map((a: { plan: { name: string; price: { cents: number } } }) => [a.plan.name, a.plan.price.cents]));
  assert.deepEqual(prices, { 'heroku-redis:mini': 300, 'sentry:f1': 0 });
});

test('add-ons resolve by name, attachment name or service on an app, and APP::ATTACHMENT; a miss is a 404 naming add_on', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'resolver' });
  await local.call('POST', '/apps', { name: 'other-app' });
  const db = (await local.call('POST', '/apps/resolver/addons', { plan: 'heroku-postgresql:essential-0' })).body;
  const redis = (await local.call('POST', '/apps/resolver/addons', { plan: 'heroku-redis:mini' })).body;
  const resolve = (body: object) => local.call('POST', '/actions/addons/resolve', body);
  const names = async (body: object) => ((await resolve(body)).body as { name: string }[]).map((a) => a.name);
  assert.deepEqual(await names({ addon: db.name, app: null }), [db.name]);
  assert.deepEqual(await names({ addon: db.id }), [db.name]);
  assert.deepEqual(await names({ addon: 'DATABASE', app: 'resolver' }), [db.name]);
  assert.deepEqual(await names({ addon: 'redis', app: 'resolver' }), [redis.name]);
  assert.deepEqual(await names({ addon: 'heroku-postgresql', app: 'resolver' }), [db.name]);
  assert.deepEqual(await names({ addon: 'resolver::REDIS' }), [redis.name]);
  const miss = await resolve({ addon: 'DATABASE', app: 'other-app' });
  assert.equal(miss.status, 404);
  assert.equal(miss.body.resource, 'add_on');
  assert.equal((await resolve({ addon: db.name, addon_service: 'heroku-redis' })).status, 404);

  const attachments = await local.call('POST', '/actions/addon-attachments/resolve', { addon_attachment: 'DATABASE', app: 'resolver' });
  assert.deepEqual(attachments.body.map((a: { name: string }) => a.name), ['DATABASE']);
  const attachmentMiss = await local.call('POST', '/actions/addon-attachments/resolve', { addon_attachment: 'NOPE', app: 'resolver' });
  assert.equal(attachmentMiss.body.resource, 'add_on attachment');
});

test('attachments are listed everywhere the CLI reads them; Accept-Inclusion nests the plan in addon and adds config_vars', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'attached' });
  const db = (await local.call('POST', '/apps/attached/addons', { plan: 'heroku-postgresql:standard-0' })).body;
  const all = await local.call('GET', '/addon-attachments');
  assert.deepEqual(all.body.map((a: { name: string; app: { name: string } }) => [a.app.name, a.name]), [['attached', 'DATABASE']]);
  const one = all.body[0] as { id: string };
  assert.equal((await local.call('GET', `/addon-attachments/${one.id}`)).body.name, 'DATABASE');
  assert.equal((await local.call('GET', '/apps/attached/addon-attachments/DATABASE')).body.id, one.id);
  assert.equal((await local.call('GET', `/addons/${db.name}/addon-attachments`)).body[0].id, one.id);
  assert.equal((await local.call('GET', '/apps/attached/addon-attachments/REDIS')).status, 404);
  assert.equal(all.body[0].addon.plan, undefined, 'without the header the schema shape is kept');

  // pg:info's request: the answer departs from the schema only by what the header asks for.
  const response = await fetch(`${local.url}/apps/attached/addon-attachments`, {
    headers: { ...API_HEADERS, Accept: 'application/vnd.heroku+json; version=3.sdk', 'Accept-Inclusion': 'addon:plan,config_vars' },
  });
  const included = (await response.json()) as { addon: { plan?: { name: string } }; config_vars?: string[] }[];
  assert.equal(included[0]!.addon.plan?.name, 'heroku-postgresql:standard-0');
  assert.deepEqual(included[0]!.config_vars, ['DATABASE_URL']);
  const plain = included.map(({ config_vars: _vars, ...rest }) => ({ ...rest, addon: { ...rest.addon, plan: undefined } }));
  assert.deepEqual(schemaErrors('GET', '/apps/attached/addon-attachments', 200, JSON.parse(JSON.stringify(plain))), []);
});

test('regions, collaborators and account features answer as Heroku lists them', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'people', region: 'eu' });
  const regions = (await local.call('GET', '/regions')).body as { name: string; private_capable: boolean }[];
  assert.deepEqual(regions.map((r) => r.name).sort(), ['eu', 'us']);
  assert.equal((await local.call('GET', '/regions/eu')).body.name, 'eu');
  assert.equal((await local.call('GET', '/regions/mars')).status, 404);
  const app = (await local.call('GET', '/apps/people')).body;
  assert.equal(app.region.id, (await local.call('GET', '/regions/eu')).body.id);

  const collaborators = (await local.call('GET', '/apps/people/collaborators')).body as { role: string; user: { email: string } }[];
  const account = (await local.call('GET', '/account')).body;
  assert.deepEqual(collaborators.map((c) => [c.user.email, c.role]), [[account.email, 'owner']]);
  assert.equal((await local.call('GET', `/apps/people/collaborators/${account.email}`)).status, 200);
  assert.equal((await local.call('GET', '/apps/people/collaborators/stranger@example.com')).status, 404);

  assert.deepEqual((await local.call('GET', '/account/features')).body, []);
  assert.equal((await local.call('PATCH', '/account/features/some-beta', { enabled: true })).status, 404);
});

test('buildpacks set on an app are listed in order, replaced as a whole, cleared by an empty list', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'packs' });
  assert.deepEqual((await local.call('GET', '/apps/packs/buildpack-installations')).body, []);
  const url = 'https://github.com/heroku/heroku-buildpack-python';
  const set = await local.call('PUT', '/apps/packs/buildpack-installations', { updates: [{ buildpack: 'heroku/nodejs' }, { buildpack: url }] });
  assert.equal(set.status, 200);
  assert.deepEqual(set.body, [
    { buildpack: { name: 'heroku/nodejs', url: 'heroku/nodejs' }, ordinal: 0 },
    { buildpack: { name: 'heroku-buildpack-python', url }, ordinal: 1 },
  ]);
  assert.deepEqual((await local.call('GET', '/apps/packs/buildpack-installations')).body, set.body);
  assert.equal((await local.call('PUT', '/apps/packs/buildpack-installations', { updates: [{ buildpack: '' }] })).status, 422);
  assert.deepEqual((await local.call('PUT', '/apps/packs/buildpack-installations', { updates: [] })).body, []);
});

test('release eligibility follows Heroku: every succeeded release, the current one too, so `rollback` takes the one before', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'eligible' });
  await local.call('PATCH', '/apps/eligible/config-vars', { A: '1' });
  await local.call('PATCH', '/apps/eligible/config-vars', { A: '2' });
  const pending = local.platform.releases.create(local.platform.apps.find('eligible').id, { description: 'Deploy', status: 'pending' });
  local.platform.releases.finish(pending.id, 'failed');
  const releases = (await local.call('GET', '/apps/eligible/releases', undefined, { Range: 'version ..; max=10, order=desc' })).body as {
    version: number;
    current: boolean;
    eligible_for_rollback: boolean;
  }[];
  assert.deepEqual(releases.map((r) => [r.version, r.current, r.eligible_for_rollback]), [
    [4, false, false],
    [3, true, true],
    [2, false, true],
    [1, false, true],
  ]);
  // The CLI's choice: the second eligible release, newest first.
  const target = releases.filter((r) => r.eligible_for_rollback)[1]!;
  assert.equal(target.version, 2);
});

test('scaling takes the quantity as the CLI sends it: a number, "2", "+1" or "-1"; a negative result or a word is refused', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'scaled' });
  const slug = await local.call('POST', '/apps/scaled/slugs', { process_types: { web: 'gunicorn app.wsgi', worker: 'celery worker' } });
  await local.call('POST', '/apps/scaled/releases', { slug: slug.body.id });
  await local.call('PATCH', '/apps/scaled/formation/worker', { dyno_size: { name: 'standard-1x' } });
  const scale = async (quantity: unknown) => local.call('PATCH', '/apps/scaled/formation', { updates: [{ type: 'worker', quantity }] });
  const quantity = async () => (await local.call('GET', '/apps/scaled/formation/worker')).body.quantity as number;
  await scale('2');
  assert.equal(await quantity(), 2);
  await scale('+1');
  assert.equal(await quantity(), 3);
  await scale('-2');
  assert.equal(await quantity(), 1);
  await scale(4);
  assert.equal(await quantity(), 4);
  for (const bad of ['-5', 'two', '1.5', '', true]) {
    assert.equal((await scale(bad)).status, 422, JSON.stringify(bad));
  }
  assert.equal(await quantity(), 4);
});
