import type { Rule } from '../../core/rule.js';
import type { HerokuFacts } from '../facts.js';
import { stackRule } from './stack.js';
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
import { releasePhaseRule } from './release-phase.js';
import { configRule } from './config.js';

/** The guide's nine production-check points in its order, then the checks that go with them. */
export const herokuRules: readonly Rule<HerokuFacts>[] = [
  stackRule,
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
  releasePhaseRule,
  configRule,
];
