import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSkip } from '../../../src/core/rule.js';
import { postgresRule } from '../../../src/heroku/rules/postgres.js';
import { addon, appWith, attachment } from '../../fixtures/heroku/app-facts.js';

function onPlan(plan: string) {
  return postgresRule.check(appWith((f) => { f.addons[0] = addon('pg1', 'heroku-postgresql', plan); }));
}

const cases: [string, 'error' | 'warning' | 'pass'][] = [
  ['essential-0', 'warning'],
  ['essential-1', 'warning'],
  ['essential-2', 'warning'],
  ['mini', 'warning'],
  ['basic', 'warning'],
  ['hobby-dev', 'error'],
  ['hobby-basic', 'error'],
  ['standard-0', 'pass'],
  ['standard-7', 'pass'],
  ['premium-2', 'pass'],
  ['private-0', 'pass'],
  ['shield-4', 'pass'],
];

for (const [plan, expected] of cases) {
  test(`primary database on ${plan}: ${expected}`, () => {
    const result = onPlan(plan);
    assert.ok(!isSkip(result));
    if (expected === 'pass') return assert.deepEqual(result, []);
    assert.equal(result.length, 1);
    assert.equal(result[0]!.severity, expected);
    assert.match(result[0]!.message, new RegExp(`runs on ${plan} `));
    assert.match(result[0]!.hint!, /heroku addons:create heroku-postgresql:standard-0 -a hollow/);
  });
}

test('a Postgres add-on that is not DATABASE_URL fails, naming pg:promote', () => {
  const result = postgresRule.check(appWith((f) => { f.attachments = [attachment('HEROKU_POSTGRESQL_RED', 'pg1')]; }));
  assert.ok(!isSkip(result));
  assert.match(result[0]!.message, /none is attached as DATABASE/);
  assert.match(result[0]!.hint!, /heroku pg:promote/);
});

test('an app without Heroku Postgres whose settings need none is skipped, saying whether DATABASE_URL is external', () => {
  const external = postgresRule.check(appWith((f) => { f.addons = f.addons.slice(1); f.attachments = []; }));
  assert.ok(isSkip(external) && /outside Heroku Postgres/.test(external.skip));
  const none = postgresRule.check(appWith((f) => { f.addons = f.addons.slice(1); f.attachments = []; delete f.configVars.DATABASE_URL; f.settingsEnvReads = []; }));
  assert.ok(isSkip(none) && /no database/.test(none.skip));
});

test('a plan name implanta does not know is reported, not passed', () => {
  const result = onPlan('quantum-0');
  assert.ok(!isSkip(result) && result.length === 1);
  assert.match(result[0]!.message, /does not know/);
});

test('an app without a database whose settings read DATABASE_URL fails at the line that reads it', () => {
  const result = postgresRule.check(appWith((f) => {
    f.addons = f.addons.slice(1);
    f.attachments = [];
    delete f.configVars.DATABASE_URL;
    f.settingsEnvReads = [{ name: 'DATABASE_URL', required: false, file: 'hollow/settings.py', line: 69, via: 'dj_database_url' }];
  }));
  assert.ok(!isSkip(result));
  assert.equal(result[0]!.severity, 'error');
  assert.equal(result[0]!.line, 69);
  assert.match(result[0]!.hint!, /addons:create heroku-postgresql:standard-0/);
});
