import { test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseConnectionsRule, databaseSslRule, databaseUrlRule } from '../../src/codebase/database.js';
import { Unknown } from '../../src/project/python-value.js';
import { assertReports, envRead, moduleUse, projectFacts, type Expected, type FactsInput } from '../helpers/project-facts.js';

const FROM_URL = { ENGINE: 'django.db.backends.postgresql', NAME: 'd', HOST: 'ec2.example.com', PASSWORD: 'p', CONN_MAX_AGE: 600, OPTIONS: { sslmode: 'require' } };
const url = (db: Record<string, unknown>): FactsInput => ({ settings: { DATABASES: { default: db } }, envReads: [envRead('DATABASE_URL', 1, false, 'dj_database_url')], env: { DATABASE_URL: 'postgres://…' } });
const literal = (db: Record<string, unknown>): FactsInput => ({ settings: { DATABASES: { default: db } } });
const notSet = new Unknown("reads os.environ['DATABASE_URL'] which is not set", 'proj/settings.py', 20);

const urlCases: Array<[string, FactsInput, Expected[] | 'skip']> = [
  ['from DATABASE_URL', url(FROM_URL), []],
  ['from django-heroku', { settings: { DATABASES: { default: FROM_URL } }, imports: [moduleUse('django_heroku', 90)] }, []],
  ['unknown because DATABASE_URL is unset, but read from it', { settings: { DATABASES: notSet }, envReads: [envRead('DATABASE_URL', 1, true)] }, []],
  ['unknown and not from DATABASE_URL', { settings: { DATABASES: notSet } }, [{ severity: 'info', message: /^cannot tell where the database settings come from/, line: 20 }]],
  ['literal settings', literal({ ENGINE: 'django.db.backends.postgresql', NAME: 'd', HOST: 'db.example.com', PASSWORD: 'hunter2' }), [{ severity: 'error', message: /^DATABASES\['default'\] is written in the settings instead of read from DATABASE_URL, with a literal HOST and PASSWORD in the code/, line: 1 }]],
  ['SQLite in production', literal({ ENGINE: 'django.db.backends.sqlite3', NAME: '/app/db.sqlite3' }), [{ severity: 'error', message: /^production DATABASES uses SQLite/ }]],
  ['SQLite fallback while DATABASE_URL is unset', { ...url({ ENGINE: 'django.db.backends.sqlite3', NAME: 'db.sqlite3' }), env: {} }, [{ severity: 'warning', message: /falls back to SQLite because DATABASE_URL is not set/ }]],
  ['no DATABASES', { settings: {} }, [{ severity: 'error', message: /^DATABASES is not set/, file: 'proj/settings.py' }]],
  ['no default', { settings: { DATABASES: { other: FROM_URL } } }, [{ severity: 'error', message: /^DATABASES has no 'default' database/ }]],
];

for (const [name, input, expected] of urlCases) {
  test(`codebase.database-url: ${name}`, () => assertReports(databaseUrlRule, projectFacts(input), expected));
}

const connectionCases: Array<[string, FactsInput, Expected[] | 'skip']> = [
  ['persistent', url(FROM_URL), []],
  ['kept forever (None)', url({ ...FROM_URL, CONN_MAX_AGE: null }), []],
  ['absent means 0', url({ ENGINE: 'django.db.backends.postgresql' }), [{ severity: 'warning', message: /^CONN_MAX_AGE is 0: every request opens a new database connection/ }]],
  ['explicit 0', url({ ...FROM_URL, CONN_MAX_AGE: 0 }), [{ severity: 'warning', message: /^CONN_MAX_AGE is 0/ }]],
  ['unknown', { settings: { DATABASES: notSet } }, [{ severity: 'info', message: /^cannot tell whether database connections are persistent/ }]],
  ['SQLite is left to codebase.database-url', literal({ ENGINE: 'django.db.backends.sqlite3' }), 'skip'],
];

for (const [name, input, expected] of connectionCases) {
  test(`codebase.database-connections: ${name}`, () => assertReports(databaseConnectionsRule, projectFacts(input), expected));
}

const sslCases: Array<[string, FactsInput, Expected[] | 'skip']> = [
  ['required', url(FROM_URL), []],
  ['verify-full', url({ ...FROM_URL, OPTIONS: { sslmode: 'verify-full' } }), []],
  ['libpq default', url({ ...FROM_URL, OPTIONS: {} }), [{ severity: 'warning', message: /does not require SSL: libpq's default sslmode 'prefer' silently falls back/ }]],
  ['disabled', url({ ...FROM_URL, OPTIONS: { sslmode: 'disable' } }), [{ severity: 'error', message: /^sslmode is 'disable'/ }]],
  ['not PostgreSQL', literal({ ENGINE: 'django.db.backends.mysql' }), 'skip'],
];

for (const [name, input, expected] of sslCases) {
  test(`codebase.database-ssl: ${name}`, () => assertReports(databaseSslRule, projectFacts(input), expected));
}

test('an empty DATABASES default from an unset DATABASE_URL is not judged as a database without pooling or SSL', () => {
  const facts = projectFacts({ settings: { DATABASES: { default: {} } }, envReads: [{ name: 'DATABASE_URL', required: false, file: 'proj/settings.py', line: 1, via: 'dj_database_url' }] });
  assert.deepEqual(databaseUrlRule.check(facts), []);
  for (const rule of [databaseConnectionsRule, databaseSslRule]) {
    const result = rule.check(facts);
    assert.ok(!Array.isArray(result) && /DATABASE_URL is not set/.test(result.skip), rule.meta.id);
  }
});
