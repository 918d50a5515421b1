import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform } from '../helpers/local-api.js';

test('heroku-postgresql without a PostgreSQL server attaches as DATABASE with a placeholder URL, and says so', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'db-app' });
  const addon = await local.call('POST', '/apps/db-app/addons', { plan: 'heroku-postgresql:standard-0' });
  assert.equal(addon.status, 201);
  assert.equal(addon.body.plan.name, 'heroku-postgresql:standard-0');
  assert.equal(addon.body.addon_service.name, 'heroku-postgresql');
  assert.deepEqual(addon.body.config_vars, ['DATABASE_URL']);
  assert.match(addon.body.name, /^postgresql-[a-z]+-\d{5}$/);
  assert.match(addon.body.provision_message, /placeholder/);
  assert.match((await local.call('GET', '/apps/db-app/config-vars')).body.DATABASE_URL, /^postgres:\/\/.+@unprovisioned\.invalid:5432\//);

  assert.equal((await local.call('GET', `/addons/${addon.body.id}`)).body.name, addon.body.name);
  assert.equal((await local.call('GET', `/addons/${addon.body.name}`)).body.id, addon.body.id);
  const attachments = (await local.call('GET', '/apps/db-app/addon-attachments')).body;
  assert.deepEqual(attachments.map((a: { name: string; addon: { name: string } }) => [a.name, a.addon.name]), [['DATABASE', addon.body.name]]);
  const release = (await local.call('GET', '/apps/db-app/releases/2')).body;
  assert.equal(release.description, `Attach DATABASE (@ref:${addon.body.name})`);
  assert.deepEqual(release.addon_plan_names, ['heroku-postgresql:standard-0']);
});

test('a second database attaches under a HEROKU_POSTGRESQL_<COLOR> name, or the name asked for', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'two-dbs' });
  await local.call('POST', '/apps/two-dbs/addons', { plan: 'heroku-postgresql:essential-0' });
  const second = await local.call('POST', '/apps/two-dbs/addons', { plan: 'heroku-postgresql:premium-0' });
  assert.match(second.body.config_vars[0], /^HEROKU_POSTGRESQL_[A-Z]+_URL$/);
  const named = await local.call('POST', '/apps/two-dbs/addons', { plan: 'heroku-postgresql:hobby-dev', attachment: { name: 'REPORTING' } });
  assert.deepEqual(named.body.config_vars, ['REPORTING_URL']);
  const taken = await local.call('POST', '/apps/two-dbs/addons', { plan: 'heroku-postgresql', attachment: { name: 'DATABASE' } });
  assert.equal(taken.status, 422);
});

const plans: [string, number, string[] | RegExp][] = [
  ['heroku-postgresql', 201, ['DATABASE_URL']],
  ['heroku-postgresql:mini', 201, ['DATABASE_URL']],
  ['heroku-postgresql:private-2', 201, ['DATABASE_URL']],
  ['heroku-postgresql:shield-4', 201, ['DATABASE_URL']],
  ['papertrail:choklad', 201, ['PAPERTRAIL_API_TOKEN']],
  ['newrelic:wayne', 201, ['NEW_RELIC_LICENSE_KEY', 'NEW_RELIC_LOG']],
  ['sentry:f1', 201, ['SENTRY_URL']],
  ['heroku-postgresql:enormous-9', 422, /Couldn't find either the add-on service or the add-on plan/],
  ['Not A Plan', 422, /Couldn't find/],
];

for (const [plan, status, expected] of plans) {
  test(`add-on plan ${plan} answers ${status}`, async (t) => {
    const local = await startTestPlatform(t);
    await local.call('POST', '/apps', { name: 'plan-app' });
    const answer = await local.call('POST', '/apps/plan-app/addons', { plan });
    assert.equal(answer.status, status);
    if (expected instanceof RegExp) assert.match(answer.body.message, expected);
    else {
      assert.deepEqual(answer.body.config_vars, expected);
      assert.deepEqual(Object.keys((await local.call('GET', '/apps/plan-app/config-vars')).body).sort(), [...expected].sort());
    }
  });
}

test('deleting an add-on removes its attachment and config vars in a new release', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'detach-app' });
  const addon = await local.call('POST', '/apps/detach-app/addons', { plan: 'papertrail:choklad' });
  const deleted = await local.call('DELETE', `/apps/detach-app/addons/${addon.body.name}`);
  assert.equal(deleted.body.state, 'deprovisioned');
  assert.deepEqual((await local.call('GET', '/apps/detach-app/config-vars')).body, {});
  assert.deepEqual((await local.call('GET', '/apps/detach-app/addon-attachments')).body, []);
  assert.equal((await local.call('GET', `/addons/${addon.body.id}`)).status, 404);
  const releases = (await local.call('GET', '/apps/detach-app/releases', undefined, { Range: 'version ..; order=desc' })).body;
  assert.equal(releases[0].description, `Detach PAPERTRAIL (@ref:${addon.body.name})`);
});

test('an add-on of another app is not found under this one', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'first-app' });
  await local.call('POST', '/apps', { name: 'second-app' });
  const addon = await local.call('POST', '/apps/first-app/addons', { plan: 'papertrail:choklad' });
  assert.equal((await local.call('GET', `/apps/second-app/addons/${addon.body.id}`)).status, 404);
  assert.equal((await local.call('GET', `/apps/first-app/addons/${addon.body.id}`)).status, 200);
});
