import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSkip } from '../../../src/core/rule.js';
import type { HerokuFacts } from '../../../src/heroku/facts.js';
import { postgresHaRule } from '../../../src/heroku/rules/postgres-ha.js';
import { addon, appWith, attachment } from '../../fixtures/heroku/app-facts.js';

function withPrimary(plan: string, change: (f: HerokuFacts) => void = () => {}) {
  return postgresHaRule.check(appWith((f) => {
    f.addons[0] = addon('pg1', 'heroku-postgresql', plan);
    change(f);
  }));
}

const addFollower = (plan: string, name = 'HEROKU_POSTGRESQL_BLUE') => (f: HerokuFacts) => {
  f.addons.push(addon('pg2', 'heroku-postgresql', plan));
  f.attachments.push(attachment(name, 'pg2'));
};

test('HA plans pass: premium, private, shield', () => {
  for (const plan of ['premium-0', 'private-3', 'shield-5']) assert.deepEqual(withPrimary(plan), []);
});

test('a standard primary with no follower fails, with the --follow command', () => {
  const result = withPrimary('standard-0');
  assert.ok(!isSkip(result) && result.length === 1);
  assert.equal(result[0]!.severity, undefined);
  assert.match(result[0]!.hint!, /heroku addons:create heroku-postgresql:standard-0 --follow DATABASE_URL -a hollow/);
});

test('a standard primary with a second standard database under its own color is taken for a follower, as info', () => {
  const result = withPrimary('standard-0', addFollower('standard-0'));
  assert.ok(!isSkip(result) && result.length === 1);
  assert.equal(result[0]!.severity, 'info');
  assert.match(result[0]!.message, /HEROKU_POSTGRESQL_BLUE_URL is assumed to be its follower/);
  assert.match(result[0]!.hint!, /heroku pg:info -a hollow/);
});

test('an essential database cannot follow, so it does not count as a follower', () => {
  const result = withPrimary('standard-0', addFollower('essential-0'));
  assert.ok(!isSkip(result));
  assert.equal(result[0]!.severity, undefined);
});

test('without a production-grade primary the point is left to heroku.postgres', () => {
  assert.ok(isSkip(withPrimary('essential-0')));
  assert.ok(isSkip(postgresHaRule.check(appWith((f) => { f.attachments = []; }))));
});
