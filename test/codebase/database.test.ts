import assert from 'node:assert/strict';
import { test } from 'node:test';
import { databaseConnectionsRule, databaseSslRule, databaseUrlRule } from '../../src/codebase/database.js';
import { Unknown } from '../../src/project/python-value.js';
import { envRead, moduleUse, projectFacts, type FactsInput } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';
import { settingsFacts } from '../helpers/settings-facts.js';

const FROM_URL = { ENGINE: 'django.db.backends.postgresql', NAME: 'd', HOST: 'ec2.example.com', PASSWORD: 'p', CONN_MAX_AGE: 600, OPTIONS: { sslmode: 'require' } };
const url = (db: Record<string, unknown>, input: FactsInput = {}) =>
  projectFacts({ settings: { DATABASES: { default: db } }, envReads: [envRead('DATABASE_URL', 1, false, 'dj_database_url')], env: { DATABASE_URL: 'postgres://…' }, ...input });
const literal = (db: Record<string, unknown>) => projectFacts({ settings: { DATABASES: { default: db } } });
const notSet = new Unknown("reads os.environ['DATABASE_URL'] which is not set", 'proj/settings.py', 20);
const DJANGO_42 = { major: 4, minor: 2, source: 'pin' } as const;
/** An empty default from an unset DATABASE_URL: nothing to judge until the environment has it. */
const unsetUrl = projectFacts({ settings: { DATABASES: { default: {} } }, envReads: [envRead('DATABASE_URL', 1, false, 'dj_database_url')] });

testRule(databaseUrlRule, {
  pass: [
    { name: 'from DATABASE_URL', facts: url(FROM_URL) },
    { name: 'from django-heroku', facts: projectFacts({ settings: { DATABASES: { default: FROM_URL } }, imports: [moduleUse('django_heroku', 90)] }) },
    { name: 'unknown because DATABASE_URL is unset, but read from it', facts: projectFacts({ settings: { DATABASES: notSet }, envReads: [envRead('DATABASE_URL', 1, true)] }) },
    { name: 'an empty default from an unset DATABASE_URL is not judged', facts: unsetUrl },
    {
      // ClearDB's MySQL with every part a config var (ultimania/myblog): no Heroku Postgres to rotate them.
      name: 'MySQL with every credential from its own config var',
      facts: await settingsFacts(`import os\nDATABASES = {'default': {'ENGINE': 'django.db.backends.mysql', 'NAME': os.environ['DB_NAME'], 'USER': os.environ['DB_USER'], 'PASSWORD': os.environ['DB_PASS'], 'HOST': os.environ['DB_HOST'], 'PORT': '3306'}}`, {
        env: { DB_NAME: 'heroku_db', DB_USER: 'u4k2v9', DB_PASS: 'p8d7f6e5c4b3a2', DB_HOST: 'us-cdbr-east-06.cleardb.net' },
      }),
    },
    {
      name: 'dj_database_url.config() in real settings, DATABASE_URL set',
      facts: await settingsFacts(`import dj_database_url\nDATABASES = {'default': dj_database_url.config(conn_max_age=600, ssl_require=True)}`, { env: { DATABASE_URL: 'postgres://u:p@db.example.com:5432/app' } }),
    },
  ],
  fail: [
    { name: 'unknown and not from DATABASE_URL', facts: projectFacts({ settings: { DATABASES: notSet } }), reports: [{ messageId: 'cannot-tell', severity: 'info', line: 20 }] },
    { name: 'literal settings', facts: literal({ ENGINE: 'django.db.backends.postgresql', NAME: 'd', HOST: 'db.example.com', PASSWORD: 'hunter2' }), reports: [{ messageId: 'written-in-settings', severity: 'error', line: 1 }] },
    {
      name: 'HOST and PASSWORD from their own variables, still not DATABASE_URL',
      facts: await settingsFacts(`import os\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': os.environ['DB_HOST'], 'PASSWORD': os.environ['DB_PASSWORD']}}`, {
        env: { DB_HOST: 'db.example.com', DB_PASSWORD: 'from-the-config-vars' },
      }),
      reports: [{ messageId: 'written-in-settings', severity: 'error', line: 2 }],
    },
    {
      // yashgo0018/django-ecommerce: the app has DATABASE_URL, the settings read DB_* variables it does not have.
      name: 'MySQL from its own config vars that are not set',
      facts: await settingsFacts(`import os\nDATABASES = {'default': {'ENGINE': 'django.db.backends.mysql', 'NAME': os.environ.get('DB_NAME'), 'HOST': os.environ.get('DB_HOST'), 'PASSWORD': os.environ.get('DB_PASSWORD')}}`, {
        env: { DATABASE_URL: 'postgres://u:p@db.example.com:5432/app' },
      }),
      reports: [{ messageId: 'written-in-settings', severity: 'error', line: 2 }],
    },
    {
      name: 'MySQL with a literal password in the code',
      facts: await settingsFacts(`DATABASES = {'default': {'ENGINE': 'django.db.backends.mysql', 'NAME': 'blog', 'HOST': 'us-cdbr-east-06.cleardb.net', 'PASSWORD': 'p8d7f6e5c4b3a2'}}`),
      reports: [{ messageId: 'written-in-settings', severity: 'error', line: 1, mentions: ['literal HOST and PASSWORD'] }],
    },
    { name: 'SQLite in production', facts: literal({ ENGINE: 'django.db.backends.sqlite3', NAME: '/app/db.sqlite3' }), reports: [{ messageId: 'sqlite', severity: 'error' }] },
    { name: 'SQLite fallback while DATABASE_URL is unset', facts: url({ ENGINE: 'django.db.backends.sqlite3', NAME: 'db.sqlite3' }, { env: {} }), reports: [{ messageId: 'sqlite-fallback', severity: 'warning' }] },
    { name: 'no DATABASES', facts: projectFacts({ settings: {} }), reports: [{ messageId: 'no-database', severity: 'error', file: 'proj/settings.py' }] },
    { name: 'no default', facts: projectFacts({ settings: { DATABASES: { other: FROM_URL } } }), reports: [{ messageId: 'no-database', severity: 'error' }] },
  ],
  skip: [{ name: 'no evaluation', facts: projectFacts({}), reason: /not evaluated/ }],
});

testRule(databaseConnectionsRule, {
  pass: [
    { name: 'persistent', facts: url(FROM_URL) },
    { name: 'kept forever (None)', facts: url({ ...FROM_URL, CONN_MAX_AGE: null }) },
    { name: 'kept, with health checks, on Django 4.2', facts: url({ ...FROM_URL, CONN_HEALTH_CHECKS: true }, { django: DJANGO_42 }) },
    // Under ASGI Django's docs advise CONN_MAX_AGE 0 (SFDO-Tooling/Metecho serves with daphne).
    { name: '0 under daphne (ASGI)', facts: url({ ...FROM_URL, CONN_MAX_AGE: 0 }, { procfile: 'web: daphne -b 0.0.0.0 -p $PORT proj.asgi:application\n' }) },
    { name: '0 under uvicorn', facts: url({ ...FROM_URL, CONN_MAX_AGE: 0 }, { procfile: 'web: uvicorn proj.asgi:application --host 0.0.0.0 --port $PORT\n' }) },
    { name: "0 under gunicorn with uvicorn's worker", facts: url({ ...FROM_URL, CONN_MAX_AGE: 0 }, { procfile: 'web: gunicorn proj.asgi:application -k uvicorn.workers.UvicornWorker\n' }) },
  ],
  fail: [
    { name: 'absent means 0', facts: url({ ENGINE: 'django.db.backends.postgresql' }), reports: [{ messageId: 'no-persistent-connections', severity: 'warning' }] },
    { name: 'explicit 0', facts: url({ ...FROM_URL, CONN_MAX_AGE: 0 }), reports: ['no-persistent-connections'] },
    { name: 'kept without health checks on Django 4.2', facts: url(FROM_URL, { django: DJANGO_42 }), reports: ['no-health-checks'] },
    { name: '0 under gunicorn (WSGI), ASGI_APPLICATION or not', facts: projectFacts({ settings: { DATABASES: { default: { ...FROM_URL, CONN_MAX_AGE: 0 } }, ASGI_APPLICATION: 'proj.asgi.application' }, procfile: 'web: gunicorn proj.wsgi\n' }), reports: ['no-persistent-connections'] },
    {
      name: 'ASGI_APPLICATION set and a web command that starts no server implanta knows: cannot tell',
      facts: projectFacts({ settings: { DATABASES: { default: { ...FROM_URL, CONN_MAX_AGE: 0 } }, ASGI_APPLICATION: 'proj.asgi.application' }, procfile: 'web: yarn django:serve:prod\n' }),
      reports: [{ messageId: 'cannot-tell', severity: 'info', mentions: ['yarn'] }],
    },
    { name: 'unknown', facts: projectFacts({ settings: { DATABASES: notSet } }), reports: [{ messageId: 'cannot-tell', severity: 'info' }] },
  ],
  skip: [
    { name: 'SQLite is left to codebase.database-url', facts: literal({ ENGINE: 'django.db.backends.sqlite3' }), reason: /SQLite/ },
    { name: 'an empty default from an unset DATABASE_URL', facts: unsetUrl, reason: /DATABASE_URL is not set/ },
  ],
});

testRule(databaseSslRule, {
  pass: [
    { name: 'required', facts: url(FROM_URL) },
    { name: 'verify-full', facts: url({ ...FROM_URL, OPTIONS: { sslmode: 'verify-full' } }) },
    {
      // open-discussions and micromasters: parsed from DATABASE_URL through a helper, OPTIONS set in place after.
      name: "OPTIONS set in place on a dict dj_database_url.parse() made, decided by a helper's read",
      facts: await settingsFacts(
        `
        import dj_database_url
        from proj.envs import get_bool
        CONFIG = dj_database_url.parse('postgres://u:p@db.example.com:5432/app')
        if get_bool('DB_DISABLE_SSL', False):
            CONFIG['OPTIONS'] = {}
        else:
            CONFIG['OPTIONS'] = {'sslmode': 'require'}
        DATABASES = {'default': CONFIG}
        `,
        { files: { 'proj/envs.py': "import os\n\ndef get_bool(name, default):\n    value = os.environ.get(name)\n    if value is None:\n        return default\n    return value.lower() == 'true'\n" } },
      ),
    },
  ],
  fail: [
    { name: 'libpq default', facts: url({ ...FROM_URL, OPTIONS: {} }), reports: [{ messageId: 'ssl-not-required', severity: 'warning' }] },
    { name: 'disabled', facts: url({ ...FROM_URL, OPTIONS: { sslmode: 'disable' } }), reports: [{ messageId: 'ssl-disabled', severity: 'error' }] },
    { name: 'unknown sslmode', facts: url({ ...FROM_URL, OPTIONS: { sslmode: notSet } }), reports: [{ messageId: 'cannot-tell', severity: 'info' }] },
  ],
  skip: [
    { name: 'not PostgreSQL', facts: literal({ ENGINE: 'django.db.backends.mysql' }), reason: /not PostgreSQL/ },
    { name: 'an empty default from an unset DATABASE_URL', facts: unsetUrl, reason: /DATABASE_URL is not set/ },
  ],
});

// The one detail testRule cannot see: which parts the message says are literals, by where the evaluator saw them come from.
test('codebase.database-url names a HOST or PASSWORD as literal only when it is written in the code', async () => {
  const written = await settingsFacts(`import os\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com', 'PASSWORD': os.environ['DB_PASSWORD']}}`, { env: { DB_PASSWORD: 'x' } });
  const [report] = databaseUrlRule.check(written) as Array<{ message: string }>;
  assert.match(report!.message, /with a literal HOST in the code/);
  const fromEnv = await settingsFacts(`import os\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': os.environ['DB_HOST'], 'PASSWORD': os.environ['DB_PASSWORD']}}`, { env: { DB_HOST: 'h', DB_PASSWORD: 'x' } });
  const [other] = databaseUrlRule.check(fromEnv) as Array<{ message: string }>;
  assert.doesNotMatch(other!.message, /literal/);
});
