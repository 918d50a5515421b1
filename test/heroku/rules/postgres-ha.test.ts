import type { HerokuFacts } from '../../../src/heroku/facts.js';
import { postgresHaRule } from '../../../src/heroku/rules/postgres-ha.js';
import { addon, appWith, attachment } from '../../fixtures/heroku/app-facts.js';
import { testRule } from '../../helpers/rule-tester.js';

const withPrimary = (plan: string, change: (f: HerokuFacts) => void = () => {}) =>
  appWith((f) => {
    f.addons[0] = addon('pg1', 'heroku-postgresql', plan);
    change(f);
  });

const addFollower = (plan: string, name = 'HEROKU_POSTGRESQL_BLUE') => (f: HerokuFacts) => {
  f.addons.push(addon('pg2', 'heroku-postgresql', plan));
  f.attachments.push(attachment(name, 'pg2'));
};

testRule(postgresHaRule, {
  pass: ['premium-0', 'private-3', 'shield-5'].map((plan) => ({ name: `an HA plan: ${plan}`, facts: withPrimary(plan) })),
  fail: [
    {
      name: 'a standard primary with no follower, with the --follow command',
      facts: withPrimary('standard-0'),
      reports: [{ messageId: 'no-standby', severity: 'warning', mentions: ['heroku addons:create heroku-postgresql:standard-0 --follow DATABASE_URL -a hollow'] }],
    },
    {
      name: 'a second standard database under its own color is taken for a follower, as info',
      facts: withPrimary('standard-0', addFollower('standard-0')),
      reports: [{ messageId: 'assumed-follower', severity: 'info', mentions: ['HEROKU_POSTGRESQL_BLUE_URL', 'heroku pg:info -a hollow'] }],
    },
    { name: 'an essential database cannot follow, so it does not count as a follower', facts: withPrimary('standard-0', addFollower('essential-0')), reports: [{ messageId: 'no-standby', severity: 'warning' }] },
  ],
  skip: [
    { name: 'an essential primary is left to heroku.postgres', facts: withPrimary('essential-0'), reason: /no production-grade .*heroku\.postgres/ },
    { name: 'no primary attached', facts: appWith((f) => { f.attachments = []; }), reason: /no production-grade .* attached as DATABASE/ },
  ],
});
