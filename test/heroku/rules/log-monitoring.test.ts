import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSkip } from '../../../src/core/rule.js';
import { logMonitoringRule } from '../../../src/heroku/rules/log-monitoring.js';
import { addon, appWith, CANARY } from '../../fixtures/heroku/app-facts.js';

test('a drain alone passes', () => {
  const facts = appWith((f) => { f.addons = []; f.logDrains = [{ url: `https://user:${CANARY}@logs.example.com/drain` }]; });
  assert.deepEqual(logMonitoringRule.check(facts), []);
});

for (const service of ['papertrail', 'logdna', 'sumologic', 'coralogix', 'logtail']) {
  test(`a ${service} add-on alone passes`, () => {
    const facts = appWith((f) => { f.logDrains = []; f.addons = [addon('l1', service, 'free')]; });
    assert.deepEqual(logMonitoringRule.check(facts), []);
  });
}

test('neither drain nor logging add-on fails with the drains:add command', () => {
  const result = logMonitoringRule.check(appWith((f) => { f.logDrains = []; f.addons = [addon('x', 'newrelic', 'wayne')]; }));
  assert.ok(!isSkip(result) && result.length === 1);
  assert.match(result[0]!.hint!, /heroku drains:add .* -a hollow/);
});

test('a Fir app without either is skipped: its logs leave through telemetry drains', () => {
  const result = logMonitoringRule.check(appWith((f) => { f.logDrains = []; f.addons = []; f.app.generation = { name: 'fir' }; }));
  assert.ok(isSkip(result) && /telemetry/.test(result.skip));
});
