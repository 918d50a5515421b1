import type { Rule } from '../../core/rule.js';
import type { HerokuFacts } from '../facts.js';
import { barePlan, cli, postgresAddons, postgresTier, primaryDatabase } from './app-queries.js';

/** Production check point 4: DATABASE_URL is a Heroku Postgres database on Standard or above. */
export const postgresRule: Rule<HerokuFacts> = {
  meta: {
    id: 'heroku.postgres',
    area: 'heroku',
    severity: 'warning',
    title: 'The database is a production-grade Heroku Postgres plan',
    docs: 'https://devcenter.heroku.com/articles/heroku-postgres-plans',
  },
  check(facts) {
    const primary = primaryDatabase(facts);
    if (!primary) {
      if (postgresAddons(facts).length > 0) {
        return [{
          message: 'The app has Heroku Postgres add-ons, but none is attached as DATABASE: DATABASE_URL does not name one of them.',
          hint: cli(facts, 'pg:promote HEROKU_POSTGRESQL_COLOR_URL'),
        }];
      }
      const read = facts.settingsEnvReads?.find((r) => r.name === 'DATABASE_URL');
      if (read && !('DATABASE_URL' in facts.configVars)) {
        return [{
          severity: 'error',
          message: 'The settings read DATABASE_URL, and the app has no database: Django falls back to its default or fails to connect.',
          hint: cli(facts, 'addons:create heroku-postgresql:standard-0'),
          file: read.file,
          line: read.line,
        }];
      }
      return {
        skip: 'DATABASE_URL' in facts.configVars
          ? 'DATABASE_URL points outside Heroku Postgres: its plan cannot be judged'
          : 'the app has no database',
      };
    }
    const plan = barePlan(primary);
    const tier = postgresTier(primary);
    const hint = `${cli(facts, 'addons:create heroku-postgresql:standard-0')}, then copy the data and promote it: https://devcenter.heroku.com/articles/updating-heroku-postgres-databases`;
    if (!tier) return [{ message: `The primary database runs on ${plan}, a Heroku Postgres plan implanta does not know.`, hint }];
    if (tier.production) return [];
    return [{
      severity: tier.legacy && tier.tier === 'hobby' ? 'error' : 'warning',
      message:
        `The primary database runs on ${plan} (${tier.tier} tier${tier.legacy ? ', retired' : ''}): ` +
        `it tolerates ${tier.downtime_per_month} of downtime a month and has no followers, fork or rollback.`,
      hint,
    }];
  },
};
