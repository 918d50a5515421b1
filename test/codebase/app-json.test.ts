import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { runCheck } from '../../src/check/run-check.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appJsonRule } from '../../src/codebase/app-json.js';
import { readAppJson } from '../../src/project/app-json.js';
import type { EnvRead } from '../../src/project/settings/types.js';
import { projectFacts } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

/** Writes `text` as app.json in a fresh folder and reads it back as the check does. */
function manifest(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'implanta-app-json-'));
  try {
    writeFileSync(join(dir, 'app.json'), text);
    return readAppJson(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const secretKeyRead: EnvRead = { name: 'SECRET_KEY', required: true, file: 'proj/settings.py', line: 4, via: 'os.environ' };
const databaseUrlRead: EnvRead = { name: 'DATABASE_URL', required: true, file: 'proj/settings.py', line: 9, via: 'os.environ' };
const cacheUrlRead: EnvRead = { name: 'CACHE_URL', required: true, file: 'proj/settings.py', line: 12, via: 'os.environ' };
const facts = (text: string, envReads: EnvRead[] = [secretKeyRead]) => projectFacts({ settings: {}, envReads, appJson: manifest(text)! });

const GOOD = `{
  "name": "Hollow",
  "env": {
    "SECRET_KEY": { "description": "Django's signing key", "generator": "secret" },
    "DEBUG": { "value": "false", "required": false }
  },
  "stack": "heroku-24"
}`;

testRule(appJsonRule, {
  pass: [
    { name: 'declares what the settings need, generates its secret, uses a supported stack', facts: facts(GOOD) },
    { name: 'a non-secret value in the manifest is fine', facts: facts('{"env": {"SECRET_KEY": {"generator": "secret"}, "WEB_CONCURRENCY": "3"}}') },
    // Heroku sets an add-on's config vars on every app the manifest makes: DATABASE_URL for Heroku Postgres.
    { name: 'DATABASE_URL comes from the heroku-postgresql add-on', facts: facts('{"env": {"SECRET_KEY": {"generator": "secret"}}, "addons": ["heroku-postgresql:essential-0", "papertrail:choklad"]}', [secretKeyRead, databaseUrlRead]) },
    { name: 'an add-on attached under another name (as) sets that name’s variables', facts: facts('{"env": {"SECRET_KEY": {"generator": "secret"}}, "addons": [{"plan": "heroku-redis:mini", "as": "CACHE"}]}', [secretKeyRead, cacheUrlRead]) },
    // Stack support is versions.stack's fact, the stack app.json asks for included (one owner).
    { name: 'a stack past end of life is versions.stack’s', facts: facts('{\n  "env": {"SECRET_KEY": {"generator": "secret"}},\n  "stack": "heroku-18"\n}') },
  ],
  fail: [
    {
      name: 'a committed secret value, never quoted',
      facts: facts('{\n  "env": {\n    "SECRET_KEY": "abc123-committed"\n  }\n}'),
      reports: [{ messageId: 'committed-secret', severity: 'error', line: 3, mentions: ['SECRET_KEY'], conceals: ['abc123-committed'] }],
    },
    {
      name: 'an object with a literal secret value',
      facts: facts('{"env": {"SECRET_KEY": {"value": "x9"}, "API_TOKEN": {"value": "t0k"}}}'),
      reports: [
        { messageId: 'committed-secret', severity: 'error', line: 1, mentions: ['SECRET_KEY'], conceals: ['x9'] },
        { messageId: 'committed-secret', severity: 'error', line: 1, mentions: ['API_TOKEN'], conceals: ['t0k'] },
      ],
    },
    { name: 'a required variable the manifest does not declare', facts: facts('{"env": {}}'), reports: [{ messageId: 'undeclared-required', severity: 'warning', line: 1, mentions: ['SECRET_KEY', 'proj/settings.py:4'] }] },
    {
      name: 'an add-on sets only the variables of its own attachment',
      facts: facts('{"env": {"SECRET_KEY": {"generator": "secret"}}, "addons": ["heroku-redis:mini", {"plan": "heroku-postgresql:essential-0", "as": "ARCHIVE"}]}', [secretKeyRead, databaseUrlRead]),
      reports: [{ messageId: 'undeclared-required', severity: 'warning', line: 1, mentions: ['DATABASE_URL', 'proj/settings.py:9'] }],
    },
    // datamade/openness-project-nmid: the read of HEROKU_RELEASE_VERSION is runtime dyno metadata.
    {
      name: 'dyno metadata is not app.json’s to declare; HEROKU_APP_NAME is (review apps get it when declared)',
      facts: facts('{"env": {"SECRET_KEY": {"generator": "secret"}}}', [secretKeyRead, { ...cacheUrlRead, name: 'HEROKU_RELEASE_VERSION' }, { ...cacheUrlRead, name: 'HEROKU_APP_NAME', line: 14 }]),
      reports: [{ messageId: 'undeclared-required', severity: 'warning', mentions: ['HEROKU_APP_NAME', 'proj/settings.py:14'] }],
    },
    {
      name: 'the reads of an app made from the manifest are judged, when check could make them',
      facts: { ...facts('{"env": {}}', [secretKeyRead, cacheUrlRead]), appJsonEnvReads: [secretKeyRead] },
      reports: [{ messageId: 'undeclared-required', severity: 'warning', mentions: ['SECRET_KEY'] }],
    },
    { name: 'a file that is not JSON', facts: facts('{\n  "env": {\n    "SECRET_KEY": \n  }\n}'), reports: [{ messageId: 'invalid', severity: 'error', line: 4 }] },
    {
      name: 'a JSON error is placed by line and column, and the text around it is not quoted',
      facts: facts('{\n  "env": {\n    "SECRET_KEY": "s3cr3t-near-the-error" 1\n  }\n}'),
      reports: [{ messageId: 'invalid', severity: 'error', line: 3, mentions: ['line 3, column 43'], conceals: ['s3cr3t-near-the-error'] }],
    },
  ],
  skip: [{ name: 'a project without app.json is skipped, not passed silently', facts: projectFacts({ settings: {} }), reason: /no app\.json/ }],
});

/**
 * Through the whole check: the settings read HEROKU_APP_NAME only `if SENTRY_DSN:`. Given SENTRY_DSN (as
 * the production app has it), the check's own evaluation makes that read; an app made from a manifest
 * that does not declare SENTRY_DSN does not, and is not told it needs HEROKU_APP_NAME.
 */
test('app.json is judged by what an app made from it reads, not by what the given environment reads', async () => {
  const root = mkdtempSync(join(tmpdir(), 'implanta-app-json-env-'));
  try {
    mkdirSync(join(root, 'proj'));
    writeFileSync(join(root, 'manage.py'), "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n");
    writeFileSync(join(root, 'proj', '__init__.py'), '');
    writeFileSync(join(root, 'proj', 'settings.py'), "import os\nSECRET_KEY = os.environ['SECRET_KEY']\nSENTRY_DSN = os.getenv('SENTRY_DSN')\nif SENTRY_DSN:\n    RELEASE = os.environ['HEROKU_APP_NAME']\nAPI_TOKEN = os.environ['API_TOKEN']\n");
    writeFileSync(join(root, 'requirements.txt'), 'Django==5.2.8\ngunicorn==23.0.0\n');
    writeFileSync(join(root, 'Procfile'), 'web: gunicorn proj.wsgi\n');
    const env = { SECRET_KEY: 'k'.repeat(50), SENTRY_DSN: 'https://key@sentry.example/1', API_TOKEN: 'token' };
    const undeclared = async (manifest: string) => {
      writeFileSync(join(root, 'app.json'), manifest);
      const { report } = await runCheck({ dir: root, env, hosts: [], settingsSource: 'static', runDjango: false });
      const { findings } = report;
      return findings.filter((f) => f.rule === 'codebase.app-json').map((f) => f.message.split(' ')[5]);
    };
    assert.deepEqual(await undeclared('{"env": {"SECRET_KEY": {"generator": "secret"}}}'), ['API_TOKEN']);
    assert.deepEqual(await undeclared('{"env": {"SECRET_KEY": {"generator": "secret"}, "SENTRY_DSN": {"required": true}}}'), ['HEROKU_APP_NAME', 'API_TOKEN']);
    assert.deepEqual(await undeclared('{"env": {"SECRET_KEY": {"generator": "secret"}, "SENTRY_DSN": {"required": false}, "API_TOKEN": {"required": true}}}'), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
