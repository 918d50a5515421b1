import type { Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import type { HerokuFacts } from '../facts.js';
import { barePlan, cli, postgresAddons, postgresTier, primaryDatabase } from './app-queries.js';

/** Production check point 4: DATABASE_URL is a Heroku Postgres database on Standard or above. */
export const postgresRule: Rule<HerokuFacts> = defineRule({
  id: 'heroku.postgres',
  area: 'heroku',
  severity: 'warning',
  title: 'The database is a production-grade Heroku Postgres plan',
  docs: 'https://devcenter.heroku.com/articles/heroku-postgres-plans',
  explain: {
    checks: "Whether the database attached as DATABASE is a production-grade Heroku Postgres plan.",
    why: "Essential and hobby plans tolerate hours of downtime a month and have no followers, fork or rollback.",
    example: "heroku-postgresql:essential-0",
    fix: "Move to standard-0 or above and promote it.",
  },
  messages: { 'not-attached': "no Postgres add-on is attached as DATABASE", 'no-database': "the settings read DATABASE_URL and the app has no database", 'unknown-plan': "a plan implanta does not know", 'not-production': "a hobby or essential plan" },
  check(facts: HerokuFacts) {
    const primary = primaryDatabase(facts);
    if (!primary) {
      if (postgresAddons(facts).length > 0) {
        return [{
          messageId: 'not-attached', message: 'The app has Heroku Postgres add-ons, but none is attached as DATABASE: DATABASE_URL does not name one of them.',
          hint: cli(facts, 'pg:promote HEROKU_POSTGRESQL_COLOR_URL'),
        }];
      }
      const read = facts.settingsEnvReads?.find((r) => r.name === 'DATABASE_URL');
      if (read && !('DATABASE_URL' in facts.configVars)) {
        return [{
          severity: 'error',
          messageId: 'no-database', message: 'The settings read DATABASE_URL, and the app has no database: Django falls back to its default or fails to connect.',
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
    if (!tier) return [{ messageId: 'unknown-plan', message: `The primary database runs on ${plan}, a Heroku Postgres plan implanta does not know.`, hint }];
    if (tier.production) return [];
    return [{
      severity: tier.legacy && tier.tier === 'hobby' ? 'error' : 'warning',
      messageId: 'not-production', message:
        `The primary database runs on ${plan} (${tier.tier} tier${tier.legacy ? ', retired' : ''}): ` +
        `it tolerates ${tier.downtime_per_month} of downtime a month and has no followers, fork or rollback.`,
      hint,
    }];
  },
});
