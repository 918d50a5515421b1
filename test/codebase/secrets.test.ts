import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secretsRule } from '../../src/codebase/secrets.js';
import { databaseUrlRule } from '../../src/codebase/database.js';
import { Unknown } from '../../src/project/python-value.js';
import { assertReports, envRead, projectFacts, type Expected, type FactsInput } from '../helpers/project-facts.js';

/** Strong by Django's measure (security.W009 passes it), so only its place in the code is at fault. */
const KEY = '8f3k2j5h7g9d1s4a6q8w0e2r4t6y8u0i-Zx7Cv9Bn1Mq3Wr5Ty7Ui9Op';
const WEAK = 'django-insecure-8f3k2j5h7g9d1s4a6q8w0e2r4t6y8u0i';

// settingsView puts the first key on line 1, the second on line 2…
const cases: Array<[string, FactsInput, Expected[]]> = [
  // A weak literal key is security.W009's fact (one owner): Django's ID, with the same fix.
  ['a weak literal SECRET_KEY is left to security.W009', { settings: { SECRET_KEY: WEAK } }, []],
  ['read from the environment', { settings: { SECRET_KEY: KEY }, envReads: [envRead('SECRET_KEY', 1, true)], env: { SECRET_KEY: KEY } }, []],
  ['a literal SECRET_KEY', { settings: { DEBUG: false, SECRET_KEY: KEY } }, [{ severity: 'error', message: /^SECRET_KEY is a literal string in the code: anyone who can read the repository can forge sessions/, file: 'proj/settings.py', line: 2 }]],
  [
    'a default used because the variable is unset',
    { settings: { SECRET_KEY: KEY }, envReads: [envRead('DJANGO_SECRET_KEY', 1, false, 'os.getenv')] },
    [{ severity: 'warning', message: /^SECRET_KEY falls back to a literal default in the code, because os\.getenv\('DJANGO_SECRET_KEY'\) is not set/, line: 1 }],
  ],
  ['other credentials', { settings: { EMAIL_HOST_PASSWORD: 'mail-pass', STRIPE_API_KEY: 'sk_live_abc', AWS_ACCESS_KEY_ID: 'AKIA…' } }, [
    { severity: 'error', message: /^EMAIL_HOST_PASSWORD is a literal string/, line: 1 },
    { severity: 'error', message: /^STRIPE_API_KEY is a literal string/, line: 2 },
  ]],
  ['inside a dict', { settings: { CACHES: { default: { OPTIONS: { PASSWORD: 'redis-pass' } } } } }, [{ severity: 'error', message: /^CACHES\['default'\]\['OPTIONS'\]\['PASSWORD'\] is a literal string/ }]],
  ['empty strings and non-strings are not secrets', { settings: { EMAIL_HOST_PASSWORD: '', PASSWORD_RESET_TIMEOUT: 3600, PASSWORD_HASHERS: ['x'] } }, []],
  [
    'names that describe a credential, and values shaped like no credential, are not secrets',
    {
      settings: {
        API_KEY_CUSTOM_HEADER: 'HTTP_X_API_KEY',
        SIMPLE_JWT: { TOKEN_TYPE_CLAIM: 'token_type', AUTH_HEADER_TYPES: ['Bearer'], USER_ID_CLAIM: 'user_id' },
        BASE_PASSWORD_VALIDATOR: 'django.contrib.auth.password_validation',
        JWT_AUTH_HEADER_PREFIX: 'JWT',
        ACCESS_TOKEN_CLASS: 'rest_framework_simplejwt.tokens.AccessToken',
        OAUTH_TOKEN: 'Bearer',
        PASSWORD_HELP: 'Use at least eight characters',
      },
    },
    [],
  ],
  ['a word under a password name is still a password', { settings: { ADMIN_PASSWORD: 'changeme', SENTRY_TOKEN: 'a1b2c3d4e5f6a7b8' } }, [
    { severity: 'error', message: /^ADMIN_PASSWORD is a literal string/, line: 1 },
    { severity: 'error', message: /^SENTRY_TOKEN is a literal string/, line: 2 },
  ]],
  ['unknown values are not judged', { settings: { SECRET_KEY: new Unknown("reads os.environ['SECRET_KEY'] which is not set") } }, []],
  ['DATABASES is left to codebase.database-url', { settings: { DATABASES: { default: { PASSWORD: 'db-pass' } } } }, []],
];

for (const [name, input, expected] of cases) {
  test(`codebase.secrets: ${name}`, () => assertReports(secretsRule, projectFacts(input), expected));
}

test('codebase.secrets: messages and hints never carry the value', () => {
  const facts = projectFacts({ settings: { SECRET_KEY: KEY, EMAIL_HOST_PASSWORD: 'mail-pass', DATABASES: { default: { ENGINE: 'django.db.backends.postgresql', PASSWORD: 'db-pass' } } } });
  const printed = JSON.stringify([secretsRule.check(facts), databaseUrlRule.check(facts)]);
  for (const secret of [KEY, 'mail-pass', 'db-pass']) assert.ok(!printed.includes(secret), secret);
});
