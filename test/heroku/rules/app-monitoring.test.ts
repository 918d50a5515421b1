import { appMonitoringRule } from '../../../src/heroku/rules/app-monitoring.js';
import { addon, appWith } from '../../fixtures/heroku/app-facts.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(appMonitoringRule, {
  pass: ['newrelic', 'scout', 'appsignal', 'sentry', 'rollbar', 'honeybadger'].map((service) => ({
    name: `a ${service} add-on`,
    facts: appWith((f) => { f.addons = [addon('x1', service, 'free')]; }),
  })),
  fail: [
    {
      name: 'no monitoring add-on is info, with the command that adds one',
      facts: appWith((f) => { f.addons = [addon('x1', 'heroku-redis', 'mini')]; }),
      reports: [{ messageId: 'no-monitoring', severity: 'info', mentions: ['heroku addons:create newrelic -a hollow'] }],
    },
  ],
});
