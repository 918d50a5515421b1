import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    { name: 'a file that is not JSON', facts: facts('{\n  "env": {\n    "SECRET_KEY": \n  }\n}'), reports: [{ messageId: 'invalid', severity: 'error', line: 4 }] },
    {
      name: 'a JSON error is placed by line and column, and the text around it is not quoted',
      facts: facts('{\n  "env": {\n    "SECRET_KEY": "s3cr3t-near-the-error" 1\n  }\n}'),
      reports: [{ messageId: 'invalid', severity: 'error', line: 3, mentions: ['line 3, column 43'], conceals: ['s3cr3t-near-the-error'] }],
    },
  ],
  skip: [{ name: 'a project without app.json is skipped, not passed silently', facts: projectFacts({ settings: {} }), reason: /no app\.json/ }],
});
