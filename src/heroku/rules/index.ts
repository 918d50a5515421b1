import type { Rule } from '../../core/rule.js';
import type { HerokuFacts } from '../facts.js';
import { dynoTierRule } from './dyno-tier.js';
import { redundancyRule } from './redundancy.js';
import { postgresRule } from './postgres.js';
import { postgresHaRule } from './postgres-ha.js';
import { appMonitoringRule } from './app-monitoring.js';
import { logMonitoringRule } from './log-monitoring.js';
import { recentErrorsRule } from './recent-errors.js';
import { errorPagesRule } from './error-pages.js';
import { sslRule } from './ssl.js';
import { dnsRule } from './dns.js';
import { prebootRule } from './preboot.js';
import { configRule } from './config.js';

/**
 * The guide's production-check points in its order, then the checks that go with them. Facts the
 * repository shows have one owner elsewhere: the stack's support is versions.stack, migrations in
 * the release phase codebase.release-migrations, DEBUG security.W018, required variables
 * codebase.required-env (the app's config vars are the environment those rules judge).
 */
export const herokuRules: readonly Rule<HerokuFacts>[] = [
  dynoTierRule,
  redundancyRule,
  postgresRule,
  postgresHaRule,
  appMonitoringRule,
  logMonitoringRule,
  recentErrorsRule,
  errorPagesRule,
  sslRule,
  dnsRule,
  prebootRule,
  configRule,
];
