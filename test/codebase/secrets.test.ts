import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretsRule } from '../../src/codebase/secrets.js';
import { databaseUrlRule } from '../../src/codebase/database.js';
import { Unknown } from '../../src/project/python-value.js';
import { projectFacts } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';
import { settingsFacts } from '../helpers/settings-facts.js';

/** Strong by Django's measure (security.W009 passes it), so only its place in the code is at fault. */
const KEY = '8f3k2j5h7g9d1s4a6q8w0e2r4t6y8u0i-Zx7Cv9Bn1Mq3Wr5Ty7Ui9Op';
const WEAK = 'django-insecure-8f3k2j5h7g9d1s4a6q8w0e2r4t6y8u0i';
const URL = 'postgres://u:pw-from-the-url@db.example.com:5432/app';

/** A project helper that reads the environment, as mitodl's projects write it. */
const ENVS = `
  import os

  def get_string(name, default):
      return os.environ.get(name, default)
`;

testRule(secretsRule, {
  pass: [
    // A weak literal key is security.W009's fact (one owner): Django's ID, with the same fix.
    { name: 'a weak literal SECRET_KEY is left to security.W009', facts: await settingsFacts(`SECRET_KEY = '${WEAK}'`) },
    { name: 'read from the environment', facts: await settingsFacts(`import os\nSECRET_KEY = os.environ['SECRET_KEY']`, { env: { SECRET_KEY: KEY } }) },
    { name: 'a set variable wins over the default', facts: await settingsFacts(`import os\nSECRET_KEY = os.environ.get('SECRET_KEY', '${KEY}')`, { env: { SECRET_KEY: 'x'.repeat(50) } }) },
    { name: 'empty strings and non-strings are not secrets', facts: await settingsFacts(`EMAIL_HOST_PASSWORD = ''\nPASSWORD_RESET_TIMEOUT = 3600\nPASSWORD_HASHERS = ['x']`) },
    {
      name: 'names that describe a credential, and values shaped like no credential, are not secrets',
      facts: projectFacts({
        settings: {
          API_KEY_CUSTOM_HEADER: 'HTTP_X_API_KEY',
          SIMPLE_JWT: { TOKEN_TYPE_CLAIM: 'token_type', AUTH_HEADER_TYPES: ['Bearer'], USER_ID_CLAIM: 'user_id' },
          BASE_PASSWORD_VALIDATOR: 'django.contrib.auth.password_validation',
          JWT_AUTH_HEADER_PREFIX: 'JWT',
          ACCESS_TOKEN_CLASS: 'rest_framework_simplejwt.tokens.AccessToken',
          OAUTH_TOKEN: 'Bearer',
          PASSWORD_HELP: 'Use at least eight characters',
        },
      }),
    },
    { name: 'unknown values are not judged', facts: projectFacts({ settings: { SECRET_KEY: new Unknown("reads os.environ['SECRET_KEY'] which is not set") } }) },
    { name: 'DATABASES is left to codebase.database-url', facts: await settingsFacts(`DATABASES = {'default': {'PASSWORD': 'db-pass'}}`) },
    { name: "django-environ's env.str(), the variable set", facts: await settingsFacts(`import environ\nenv = environ.Env()\nSECRET_KEY = env.str('SECRET_KEY', default='${KEY}')`, { env: { SECRET_KEY: KEY } }) },
    {
      name: 'read through a project helper',
      facts: await settingsFacts(`from proj.envs import get_string\nSECRET_KEY = get_string('SECRET_KEY', '${KEY}')`, { env: { SECRET_KEY: KEY }, files: { 'proj/envs.py': ENVS } }),
    },
    {
      name: 'a variable read through a helper, then put in a dict',
      facts: await settingsFacts(`from proj.envs import get_string\nMAILGUN_KEY = get_string('MAILGUN_KEY', None)\nANYMAIL = {'MAILGUN_API_KEY': MAILGUN_KEY}`, {
        env: { MAILGUN_KEY: 'key-0123456789abcdef0123456789abcdef' },
        files: { 'proj/envs.py': ENVS },
      }),
    },
    {
      name: "a password that dj_database_url.parse() took from DATABASE_URL, with the dict changed in place afterwards",
      facts: await settingsFacts(
        `
        import dj_database_url
        from proj.envs import get_string
        DEFAULT_DATABASE_CONFIG = dj_database_url.parse(get_string('DATABASE_URL', 'sqlite:///db.sqlite3'))
        DEFAULT_DATABASE_CONFIG['CONN_MAX_AGE'] = 0
        DEFAULT_DATABASE_CONFIG['OPTIONS'] = {'sslmode': 'require'}
        DEFAULT_DATABASE_CONFIG.update({'ATOMIC_REQUESTS': True})
        `,
        { env: { DATABASE_URL: URL }, files: { 'proj/envs.py': ENVS } },
      ),
    },
    {
      // django-heroku reads CI and DATABASE_URL on the same line: that says nothing about SECRET_KEY.
      name: 'django_heroku.settings(locals()) sets SECRET_KEY from the environment',
      facts: await settingsFacts(
        `
        import os
        import django_heroku
        BASE_DIR = '/app'
        MIDDLEWARE = []
        SECRET_KEY = os.environ.get('SECRET_KEY', '${KEY}')
        django_heroku.settings(locals())
        `,
        { env: { SECRET_KEY: 'y'.repeat(50), DATABASE_URL: URL } },
      ),
    },
    {
      name: 'a default the settings write to the environment loses to the config var',
      facts: await settingsFacts(`import os\nos.environ.setdefault('API_TOKEN', 'tok-0123456789abcdef')\nAPI_TOKEN = os.environ['API_TOKEN']`, { env: { API_TOKEN: 'from-the-config-vars-0123' } }),
    },
  ],
  fail: [
    {
      // The first example: the read of DATABASE_URL after the key has nothing to do with it.
      name: 'a literal SECRET_KEY followed by a read of DATABASE_URL with a default',
      facts: await settingsFacts(`import os\nSECRET_KEY = '${KEY}'\ndb = os.environ.get('DATABASE_URL', 'sqlite:///db.sqlite3')\nDEBUG = False`),
      reports: [{ messageId: 'literal', severity: 'error', file: 'proj/settings.py', line: 2 }],
    },
    {
      name: 'a default used because the variable is unset',
      facts: await settingsFacts(`import os\nSECRET_KEY = os.getenv('DJANGO_SECRET_KEY', '${KEY}')`),
      reports: [{ messageId: 'literal-default', severity: 'warning', line: 2 }],
    },
    {
      name: 'a fallback after `or`',
      facts: await settingsFacts(`import os\nSECRET_KEY = os.environ.get('SECRET_KEY') or '${KEY}'`),
      reports: [{ messageId: 'literal-default', severity: 'warning', line: 2 }],
    },
    {
      name: "a helper's default, the variable unset",
      facts: await settingsFacts(`from proj.envs import get_string\n\nSECRET_KEY = get_string('SECRET_KEY', '${KEY}')`, { files: { 'proj/envs.py': ENVS } }),
      reports: [{ messageId: 'literal-default', severity: 'warning', line: 3 }],
    },
    {
      name: "django-environ's env.str() default, the variable unset",
      facts: await settingsFacts(`import environ\nenv = environ.Env()\nSECRET_KEY = env.str('SECRET_KEY', default='${KEY}')`),
      reports: [{ messageId: 'literal-default', severity: 'warning', line: 3 }],
    },
    {
      name: "decouple's config() default, the variable unset",
      facts: await settingsFacts(`from decouple import config\nSECRET_KEY = config('SECRET_KEY', default='${KEY}')`),
      reports: [{ messageId: 'literal-default', severity: 'warning', line: 2 }],
    },
    {
      name: 'other credentials',
      facts: await settingsFacts(`EMAIL_HOST_PASSWORD = 'mail-pass'\nSTRIPE_API_KEY = 'sk_live_abc'\nAWS_ACCESS_KEY_ID = 'AKIA…'`),
      reports: [
        { messageId: 'literal', line: 1 },
        { messageId: 'literal', line: 2 },
      ],
    },
    {
      name: 'inside a dict, next to a value from the environment',
      facts: await settingsFacts(`import os\nCACHES = {'default': {'LOCATION': os.environ['REDIS_URL'], 'OPTIONS': {'PASSWORD': 'redis-pass'}}}`, { env: { REDIS_URL: 'redis://cache:6379' } }),
      reports: [{ messageId: 'literal', line: 2 }],
    },
    {
      name: 'a placeholder word under a password name is a warning of its own; a token beside it is a credential',
      facts: await settingsFacts(`ADMIN_PASSWORD = 'changeme'\nSENTRY_TOKEN = 'a1b2c3d4e5f6a7b8'`),
      reports: [
        { messageId: 'placeholder', severity: 'warning', line: 1 },
        { messageId: 'literal', line: 2 },
      ],
    },
    {
      name: "template placeholders: 'password', '<your-token>', 'your-api-key-here', 'xxxx'",
      facts: await settingsFacts(`EMAIL_HOST_PASSWORD = 'password'\nGITHUB_TOKEN = '<your-token>'\nSTRIPE_API_KEY = 'your-api-key-here'\nMAILGUN_SECRET = 'xxxx'`),
      reports: [
        { messageId: 'placeholder', severity: 'warning', line: 1 },
        { messageId: 'placeholder', severity: 'warning', line: 2 },
        { messageId: 'placeholder', severity: 'warning', line: 3 },
        { messageId: 'placeholder', severity: 'warning', line: 4 },
      ],
    },
    {
      name: 'a real password that merely contains a placeholder word is a credential',
      facts: await settingsFacts(`EMAIL_HOST_PASSWORD = 'password123!'\nAPI_TOKEN = 'secret-9f8e7d6c'`),
      reports: [
        { messageId: 'literal', line: 1 },
        { messageId: 'literal', line: 2 },
      ],
    },
    {
      // The variable the key is read from was set by the settings themselves: the key is in the code.
      name: "a variable whose only value is the settings' own write",
      facts: await settingsFacts(`import os\nos.environ.setdefault('SECRET_KEY', '${KEY}')\nSECRET_KEY = os.environ['SECRET_KEY']`),
      reports: [{ messageId: 'literal', line: 3 }],
    },
    {
      name: 'django_heroku.settings(locals()) with SECRET_KEY unset keeps the literal',
      facts: await settingsFacts(
        `
        import django_heroku
        BASE_DIR = '/app'
        MIDDLEWARE = []
        SECRET_KEY = '${KEY}'
        django_heroku.settings(locals())
        `,
        { env: { DATABASE_URL: URL } },
      ),
      reports: [{ messageId: 'literal', line: 4 }],
    },
  ],
  skip: [{ name: 'no evaluation', facts: projectFacts({}), reason: /not evaluated/ }],
});

test('codebase.secrets: messages and hints never carry the value', async () => {
  const facts = await settingsFacts(`SECRET_KEY = '${KEY}'\nEMAIL_HOST_PASSWORD = 'mail-pass'\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'PASSWORD': 'db-pass'}}`);
  const printed = JSON.stringify([secretsRule.check(facts), databaseUrlRule.check(facts)]);
  for (const secret of [KEY, 'mail-pass', 'db-pass']) assert.ok(!printed.includes(secret), secret);
});
