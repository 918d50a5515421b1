import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../../src/check/run-check.js';
import { withDynoEnvironment } from '../../src/check/dyno-environment.js';
import { formatText } from '../../src/report/text.js';

const GETTING_STARTED = fileURLToPath(new URL('../fixtures/django/python-getting-started', import.meta.url));

const check = (env: Record<string, string>) => runCheck({ dir: GETTING_STARTED, env, settingsSource: 'static', runDjango: false, hosts: [] });

test('dyno environment: the variables every dyno has are assumed, and the given ones win', () => {
  const dyno = withDynoEnvironment({ WEB_CONCURRENCY: '5', SECRET_KEY: 'k' });
  assert.equal(dyno.env.DYNO, 'web.1');
  assert.match(dyno.env.PORT ?? '', /^\d+$/);
  assert.equal(dyno.env.PYTHONHOME, '/app/.heroku/python');
  assert.equal(dyno.env.FORWARDED_ALLOW_IPS, '*');
  assert.equal(dyno.env.WEB_CONCURRENCY, '5');
  assert.equal(dyno.assumed.WEB_CONCURRENCY, undefined, 'a given variable is not assumed');
  assert.equal(dyno.assumed.DYNO, 'web.1');
  // A local Python must find its own standard library: the dyno's file-system layout is not passed on.
  assert.equal(dyno.childEnv.PYTHONHOME, undefined);
  assert.equal(dyno.childEnv.PATH, undefined);
  assert.equal(dyno.childEnv.DYNO, 'web.1');
  assert.equal(dyno.childEnv.SECRET_KEY, 'k');
});

test('dyno environment: python-getting-started takes its Heroku branch with no environment given', async () => {
  const { report, settings } = await check({});
  assert.deepEqual(settings.get('IS_HEROKU_APP')?.value, true);
  // Spread: evaluated lists carry their items' provenance under a symbol key.
  assert.deepEqual([...(settings.get('ALLOWED_HOSTS')?.value as string[])], ['*']);
  const sqlite = report.findings.filter((f) => f.rule === 'codebase.database-url');
  assert.deepEqual(sqlite, [], 'no "uses SQLite in production"');
  assert.equal(report.project.assumed_environment?.DYNO, 'web.1');
  assert.ok(report.project.assumed_environment?.PORT);
  const text = formatText(report, { color: false });
  assert.match(text, /assumed as on every dyno \(not given\): DYNO, PORT/);
});

test('dyno environment: on Heroku CI (CI set) the same settings fall back to SQLite, and the rule says so', async () => {
  const { report, settings } = await check({ CI: 'true' });
  assert.deepEqual(settings.get('IS_HEROKU_APP')?.value, false);
  const sqlite = report.findings.filter((f) => f.rule === 'codebase.database-url');
  assert.equal(sqlite.length, 1);
  assert.match(sqlite[0]!.message, /SQLite/);
  assert.equal(report.project.assumed_environment?.CI, undefined);
});

test('dyno environment: an explicit DYNO is not reported as assumed', async () => {
  const { report } = await check({ DYNO: 'run.1', PORT: '8000' });
  assert.equal(report.project.assumed_environment?.DYNO, undefined);
  assert.equal(report.project.assumed_environment?.PORT, undefined);
  assert.ok(!formatText(report, { color: false }).includes('DYNO, PORT'));
});
