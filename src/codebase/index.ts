/** Heroku codebase rules (`codebase.*`), in the order a reader meets the problems: boot, then runtime. */
import type { Rule } from '../core/rule.js';
import type { ProjectFacts } from '../project/types.js';
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
import { settingsModuleRule } from './settings-module.js';
import { staticFilesRule } from './static-files.js';
import { mysqlDriverRule, postgresDriverRule } from './database-drivers.js';
import { undeclaredModuleRule } from './undeclared-modules.js';
import { webAppModuleRule, webPortRule, webServerRule } from './web-process.js';

export const codebaseRules: readonly Rule<ProjectFacts>[] = [
  procfileRule,
  webServerRule,
  webPortRule,
  webAppModuleRule,
  releaseMigrationsRule,
  settingsModuleRule,
  requiredEnvRule,
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
