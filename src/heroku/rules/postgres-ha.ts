import type * as Heroku from '../schema-extensions.js';
import type { Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import type { HerokuFacts } from '../facts.js';
import { attachmentNames, barePlan, cli, postgresAddons, postgresTier, primaryDatabase } from './app-queries.js';

/**
 * Production check point 5: the primary database survives the loss of its server, either by an HA plan
 * (Premium, Private, Shield keep a standby) or by a follower that can be promoted.
 *
 * The Platform API does not say which database a Heroku Postgres add-on follows (that lives in the
 * Heroku Data API behind `heroku pg:info`). Heuristic: another Heroku Postgres add-on on a plan that
 * supports following, attached to this app under its own HEROKU_POSTGRESQL_<COLOR> name and not as
 * DATABASE, is taken for a follower, and the report says it was assumed.
 */
export const postgresHaRule: Rule<HerokuFacts> = defineRule({
  id: 'heroku.postgres-ha',
  area: 'heroku',
  severity: 'warning',
  title: 'The database is highly available',
  docs: 'https://devcenter.heroku.com/articles/heroku-postgres-ha',
  explain: {
    checks: "Whether the primary database has a high-availability standby or a follower.",
    why: "Without one, a hardware failure means downtime and a restore from backup.",
    example: "heroku-postgresql:standard-0 with no follower",
    fix: "Use a Premium plan, or add a follower with --follow DATABASE_URL.",
  },
  messages: { 'assumed-follower': "no HA standby, but a follower is assumed (info)", 'no-standby': "no HA standby and no follower" },
  check(facts: HerokuFacts) {
    const primary = primaryDatabase(facts);
    const tier = primary && postgresTier(primary);
    if (!primary || !tier?.production) {
      return { skip: 'no production-grade Heroku Postgres database is attached as DATABASE (see heroku.postgres)' };
    }
    if (tier.ha) return [];
    const followers = likelyFollowers(facts, primary);
    if (followers.length > 0) {
      return [{
        severity: 'info',
        messageId: 'assumed-follower', message:
          `The primary database (${barePlan(primary)}) has no HA standby; ${followers.join(', ')} is assumed to be its follower, ` +
          'which the Platform API cannot confirm.',
        hint: `Confirm with ${cli(facts, 'pg:info')}: a follower shows "Following".`,
      }];
    }
    return [{
      messageId: 'no-standby', message: `The primary database runs on ${barePlan(primary)}, which has no HA standby, and no follower was found.`,
      hint:
        `Move to a Premium plan (automatic failover), or add a follower to promote on failure: ` +
        cli(facts, `addons:create heroku-postgresql:${barePlan(primary)} --follow DATABASE_URL`),
    }];
  },
});

function likelyFollowers(facts: HerokuFacts, primary: Heroku.AddOn): string[] {
  return postgresAddons(facts)
    .filter((a) => a.id !== primary.id && postgresTier(a)?.followers)
    .flatMap((a) => attachmentNames(facts, a).filter((n) => n.startsWith('HEROKU_POSTGRESQL_')).slice(0, 1))
    .map((n) => `${n}_URL`);
}
