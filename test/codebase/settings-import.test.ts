/**
 * codebase.settings-import: a `raise` that runs at import, or a DATABASE_URL dj-database-url cannot
 * parse, is an error at its line; a raise behind a try, behind a condition the environment answers
 * "no", or behind one the evaluation cannot decide, is not. The URL's value is never printed. Python
 * with the real dj-database-url (Debian's) is the oracle for which URLs fail.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { settingsImportRule } from '../../src/codebase/settings-import.js';
import { projectFacts } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';
import { settingsFacts } from '../helpers/settings-facts.js';

const GUARDED = `
  import os
  from django.core.exceptions import ImproperlyConfigured
  DEBUG = False
  if not os.environ.get('SENTRY_DSN'):
      raise ImproperlyConfigured('set SENTRY_DSN')
`;
const DB = `
  import dj_database_url
  DATABASES = {'default': dj_database_url.config(conn_max_age=600)}
`;
const PASSWORD = 'Pl4ntedPassw0rd';

/** What dj_database_url.parse() does with `url` under the real library: 'ok' or the exception's name. */
function oracle(url: string): string {
  const run = spawnSync('/usr/bin/python3', ['-c', 'import sys, dj_database_url\ntry:\n    dj_database_url.parse(sys.argv[1]); print("ok")\nexcept Exception as e:\n    print(type(e).__name__)', url], { encoding: 'utf8' });
  return run.stdout.trim();
}

const BAD_URLS = [`redis://u:${PASSWORD}@h:6379/0`, `postgres://u:${PASSWORD}@h:port/db`, `postgres://u:${PASSWORD}@h:65536/db`, `postgres://u:${PASSWORD}@h:-1/db`, 'not a url at all'];
const GOOD_URLS = [`postgres://u:${PASSWORD}@ec2.compute.amazonaws.com:5432/d1`, `postgres://u:${PASSWORD}@h/db`, `mysql://u:${PASSWORD}@h:3306/db`, `postgres://u:${PASSWORD}@h:0/db`];

test('the oracle: dj-database-url refuses the bad URLs and reads the good ones', () => {
  for (const url of BAD_URLS) assert.notEqual(oracle(url), 'ok', url.replace(PASSWORD, '…'));
  for (const url of GOOD_URLS) assert.equal(oracle(url), 'ok', url.replace(PASSWORD, '…'));
});

const goodUrlFacts = await Promise.all(GOOD_URLS.map((url) => settingsFacts(DB, { env: { DATABASE_URL: url } })));
const badUrlFacts = await Promise.all(BAD_URLS.map((url) => settingsFacts(DB, { env: { DATABASE_URL: url } })));

testRule(settingsImportRule, {
  pass: [
    { name: 'no raise', facts: await settingsFacts('DEBUG = False\n') },
    { name: 'a raise whose condition the environment answers no', facts: await settingsFacts(GUARDED, { env: { SENTRY_DSN: 'https://k@sentry.example/1' } }) },
    { name: 'a raise inside a try that catches it', facts: await settingsFacts("try:\n    raise ValueError('x')\nexcept ValueError:\n    pass\nDEBUG = False\n") },
    { name: 'a raise in a function never called', facts: await settingsFacts("def fail():\n    raise RuntimeError('x')\nDEBUG = False\n") },
    {
      // Not certain: the rules that read what it guards say "cannot tell" instead.
      name: 'a raise under a condition the evaluation cannot decide',
      facts: await settingsFacts("import os, socket\nif socket.gethostname() == 'build':\n    raise RuntimeError('not here')\nDEBUG = False\n"),
    },
    ...goodUrlFacts.map((facts, i) => ({ name: `a DATABASE_URL dj-database-url reads (${i + 1})`, facts })),
    { name: 'DATABASE_URL unset: config() gives {}, which codebase.database-url judges', facts: await settingsFacts(DB) },
  ],
  fail: [
    {
      name: 'a module-level raise',
      facts: await settingsFacts("DEBUG = False\nraise ImproperlyConfigured('use the production settings module')\n"),
      reports: [{ messageId: 'raises', severity: 'error', line: 2, mentions: ['would not boot', 'ImproperlyConfigured', 'proj/settings.py:2'] }],
    },
    {
      name: 'a raise guarded by a variable the production environment does not set',
      facts: await settingsFacts(GUARDED),
      reports: [{ messageId: 'raises', severity: 'error', line: 5, mentions: ['ImproperlyConfigured'] }],
    },
    ...badUrlFacts.map((facts, i) => ({
      name: `a DATABASE_URL dj-database-url cannot parse (${i + 1}), named but never shown`,
      facts,
      reports: [{ messageId: 'raises', severity: 'error' as const, line: 2, mentions: ['DATABASE_URL', 'dj-database-url cannot parse'], conceals: [PASSWORD, BAD_URLS[i]!, 'redis', 'port/db'] }],
    })),
    {
      name: "a default URL in the code that dj-database-url cannot parse, DATABASE_URL unset",
      facts: await settingsFacts(`import dj_database_url\nDATABASES = {'default': dj_database_url.config(default='sqlite3:///db.sqlite3')}\n`),
      reports: [{ messageId: 'raises', severity: 'error', line: 2, mentions: ['the default URL of dj_database_url.config() (DATABASE_URL is unset)'] }],
    },
  ],
  skip: [{ name: 'no evaluation', facts: projectFacts({}), reason: /not evaluated/ }],
});
