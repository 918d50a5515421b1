/** Heroku codebase rules (`codebase.*`), in the order a reader meets the problems: boot, then runtime. */
import { leavingCannotTellAt } from '../core/leave-to-owner.js';
import type { Rule } from '../core/rule.js';
import type { ProjectFacts } from '../project/types.js';
import { unsetRequiredReads } from '../project/unset-reads.js';
import { allowedHostsRule } from './allowed-hosts.js';
import { appJsonRule } from './app-json.js';
import { committedDatabaseRule, committedEnvRule } from './committed-files.js';
import { csrfTrustedOriginsRule } from './csrf-trusted-origins.js';
import { databaseConnectionsRule, databaseSslRule, databaseUrlRule } from './database.js';
import { debugRule } from './debug.js';
import { dependenciesRule, pinnedDependenciesRule } from './dependencies.js';
import { procfileRule } from './procfile.js';
import { proxySslHeaderRule } from './proxy-ssl.js';
import { pythonVersionRule } from './python-version.js';
import { releaseMigrationsRule } from './release-phase.js';
import { requiredEnvRule } from './required-env.js';
import { secretsRule } from './secrets.js';
import { settingsImportRule } from './settings-import.js';
import { settingsModuleRule } from './settings-module.js';
import { staticFilesRule } from './static-files.js';
import { mysqlDriverRule, postgresDriverRule } from './database-drivers.js';
import { undeclaredModuleRule } from './undeclared-modules.js';
import { webAppModuleRule, webPortRule, webServerRule } from './web-process.js';

const rules: readonly Rule<ProjectFacts>[] = [
  procfileRule,
  webServerRule,
  webPortRule,
  webAppModuleRule,
  releaseMigrationsRule,
  settingsModuleRule,
  requiredEnvRule,
  settingsImportRule,
  appJsonRule,
  pythonVersionRule,
  dependenciesRule,
  pinnedDependenciesRule,
  undeclaredModuleRule,
  postgresDriverRule,
  mysqlDriverRule,
  staticFilesRule,
  databaseUrlRule,
  databaseConnectionsRule,
  databaseSslRule,
  secretsRule,
  committedEnvRule,
  committedDatabaseRule,
  proxySslHeaderRule,
  allowedHostsRule,
  csrfTrustedOriginsRule,
  debugRule,
];

/** "Cannot tell, because a required variable is not set" is codebase.required-env's finding, at that read. */
export const codebaseRules: readonly Rule<ProjectFacts>[] = rules.map((rule) =>
  rule === requiredEnvRule ? rule : leavingCannotTellAt(rule, (facts: ProjectFacts) => (facts.evaluation ? unsetRequiredReads(facts.evaluation.envReads, facts.env) : [])),
);
