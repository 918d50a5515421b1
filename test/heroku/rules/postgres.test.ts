import { postgresRule } from '../../../src/heroku/rules/postgres.js';
import { addon, appWith, attachment } from '../../fixtures/heroku/app-facts.js';
import { testRule } from '../../helpers/rule-tester.js';

const onPlan = (plan: string) => appWith((f) => { f.addons[0] = addon('pg1', 'heroku-postgresql', plan); });
const FIX = 'heroku addons:create heroku-postgresql:standard-0 -a hollow';
const notProduction = (plan: string, severity: 'error' | 'warning') => ({
  name: `primary database on ${plan}: ${severity}`,
  facts: onPlan(plan),
  reports: [{ messageId: 'not-production', severity, mentions: [`runs on ${plan} `, FIX] }],
});

testRule(postgresRule, {
  pass: ['standard-0', 'standard-7', 'premium-2', 'private-0', 'shield-4'].map((plan) => ({ name: `primary database on ${plan}`, facts: onPlan(plan) })),
  fail: [
    ...['essential-0', 'essential-1', 'essential-2', 'mini', 'basic'].map((plan) => notProduction(plan, 'warning')),
    ...['hobby-dev', 'hobby-basic'].map((plan) => notProduction(plan, 'error')),
    {
      name: 'a Postgres add-on that is not DATABASE_URL, naming pg:promote',
      facts: appWith((f) => { f.attachments = [attachment('HEROKU_POSTGRESQL_RED', 'pg1')]; }),
      reports: [{ messageId: 'not-attached', mentions: ['heroku pg:promote'] }],
    },
    { name: 'a plan name implanta does not know is reported, not passed', facts: onPlan('quantum-0'), reports: [{ messageId: 'unknown-plan', mentions: ['quantum-0'] }] },
    {
      name: 'an app without a database whose settings read DATABASE_URL fails at the line that reads it',
      facts: appWith((f) => {
        f.addons = f.addons.slice(1);
        f.attachments = [];
        delete f.configVars.DATABASE_URL;
        f.settingsEnvReads = [{ name: 'DATABASE_URL', required: false, file: 'hollow/settings.py', line: 69, via: 'dj_database_url' }];
      }),
      reports: [{ messageId: 'no-database', severity: 'error', line: 69, mentions: ['addons:create heroku-postgresql:standard-0'] }],
    },
  ],
  skip: [
    { name: 'a DATABASE_URL outside Heroku Postgres', facts: appWith((f) => { f.addons = f.addons.slice(1); f.attachments = []; }), reason: /outside Heroku Postgres/ },
    {
      name: 'no database, and settings that need none',
      facts: appWith((f) => { f.addons = f.addons.slice(1); f.attachments = []; delete f.configVars.DATABASE_URL; f.settingsEnvReads = []; }),
      reason: /no database/,
    },
  ],
});
