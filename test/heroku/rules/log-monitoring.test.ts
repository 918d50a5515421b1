import { logMonitoringRule } from '../../../src/heroku/rules/log-monitoring.js';
import { addon, appWith, CANARY } from '../../fixtures/heroku/app-facts.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(logMonitoringRule, {
  pass: [
    { name: 'a drain alone', facts: appWith((f) => { f.addons = []; f.logDrains = [{ url: `https://user:${CANARY}@logs.example.com/drain` }]; }) },
    ...['papertrail', 'logdna', 'sumologic', 'coralogix', 'logtail'].map((service) => ({
      name: `a ${service} add-on alone`,
      facts: appWith((f) => { f.logDrains = []; f.addons = [addon('l1', service, 'free')]; }),
    })),
  ],
  fail: [
    {
      name: 'neither drain nor logging add-on, with the drains:add command',
      facts: appWith((f) => { f.logDrains = []; f.addons = [addon('x', 'newrelic', 'wayne')]; }),
      reports: [{ messageId: 'no-log-drain', mentions: ['heroku drains:add', '-a hollow'] }],
    },
  ],
  skip: [{ name: 'a Fir app without either: its logs leave through telemetry drains', facts: appWith((f) => { f.logDrains = []; f.addons = []; f.app.generation = { name: 'fir' }; }), reason: /telemetry/ }],
});
