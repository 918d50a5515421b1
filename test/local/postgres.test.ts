import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startTestPlatform } from '../helpers/local-api.js';

/** The superuser that scripts/setup-postgres.sh creates (the Makefile runs it before the tests). */
const ADMIN_URL = 'postgres://implanta:implanta@127.0.0.1:5432/postgres';

function psql(url: string, sql: string): string {
  return execFileSync('psql', ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function databaseExists(name: string): boolean {
  return psql(ADMIN_URL, `SELECT count(*) FROM pg_database WHERE datname = '${name}'`) === '1';
}

test('with --postgres, heroku-postgresql gets a real database of its own, dropped with the add-on', async (t) => {
  const local = await startTestPlatform(t, { postgresUrl: ADMIN_URL });
  await local.call('POST', '/apps', { name: 'real-db-app' });
  const addon = await local.call('POST', '/apps/real-db-app/addons', { plan: 'heroku-postgresql:essential-0' });
  assert.equal(addon.status, 201);
  // Heroku's own words for a fresh database, not a provisioning failure.
  assert.match(addon.body.provision_message as string, /^Database has been created and is available/);
  const url = (await local.call('GET', '/apps/real-db-app/config-vars')).body.DATABASE_URL as string;
  const { username, pathname } = new URL(url);
  const database = pathname.slice(1);
  assert.notEqual(username, 'implanta', 'the app gets its own role, not the superuser');
  assert.equal(psql(url, 'SELECT current_user || \'@\' || current_database()'), `${username}@${database}`);
  psql(url, 'CREATE TABLE hello (id int); INSERT INTO hello VALUES (1);');

  await local.call('DELETE', `/apps/real-db-app/addons/${addon.body.id}`);
  assert.equal(databaseExists(database), false);
});

test('deleting an app drops the databases of its add-ons', async (t) => {
  const local = await startTestPlatform(t, { postgresUrl: ADMIN_URL });
  await local.call('POST', '/apps', { name: 'doomed-app' });
  await local.call('POST', '/apps/doomed-app/addons', { plan: 'heroku-postgresql' });
  const database = new URL((await local.call('GET', '/apps/doomed-app/config-vars')).body.DATABASE_URL).pathname.slice(1);
  assert.equal(databaseExists(database), true);
  await local.call('DELETE', '/apps/doomed-app');
  assert.equal(databaseExists(database), false);
});

test('a PostgreSQL server that refuses is a 503 naming the add-on, never the admin password', async (t) => {
  const local = await startTestPlatform(t, { postgresUrl: 'postgres://implanta:wrong-password-xyz@127.0.0.1:5432/postgres' });
  await local.call('POST', '/apps', { name: 'refused-db' });
  const answer = await local.call('POST', '/apps/refused-db/addons', { plan: 'heroku-postgresql' });
  assert.equal(answer.status, 503);
  assert.match(answer.body.message, /^heroku-postgresql could not be provisioned/);
  assert.ok(!answer.body.message.includes('wrong-password-xyz'));
  assert.deepEqual((await local.call('GET', '/apps/refused-db/config-vars')).body, {});
});
