import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSkip } from '../../../src/core/rule.js';
import { appMonitoringRule } from '../../../src/heroku/rules/app-monitoring.js';
import { addon, appWith } from '../../fixtures/heroku/app-facts.js';

const known: string[] = ['newrelic', 'scout', 'appsignal', 'sentry', 'rollbar', 'honeybadger'];

for (const service of known) {
  test(`a ${service} add-on passes`, () => {
    const facts = appWith((f) => { f.addons = [addon('x1', service, 'free')]; });
    assert.deepEqual(appMonitoringRule.check(facts), []);
  });
}

test('no monitoring add-on is info, and says threshold alerting cannot be seen', () => {
  const result = appMonitoringRule.check(appWith((f) => { f.addons = [addon('x1', 'heroku-redis', 'mini')]; }));
  assert.ok(!isSkip(result) && result.length === 1);
  assert.equal(result[0]!.severity ?? appMonitoringRule.meta.severity, 'info');
  assert.match(result[0]!.message, /Threshold alerting .* cannot be seen/);
  assert.match(result[0]!.hint!, /heroku addons:create newrelic -a hollow/);
});
