import type { Report, Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import type { EnvRead } from '../../project/settings/types.js';
import type { HerokuFacts } from '../facts.js';
import { cli, featureEnabled } from './app-queries.js';

/** How Django projects spell a true DEBUG in the environment (env.bool, strtobool, == 'True'). */
const TRUTHY = /^(1|true|t|yes|y|on)$/i;

/** Present in every dyno without being config vars. */
const RUNTIME_VARS = new Set(['PORT', 'DYNO', 'HOME', 'PATH', 'PWD', 'LANG', 'WEB_CONCURRENCY', 'DYNO_RAM', 'PYTHONHOME', 'PYTHONPATH']);
const DYNO_METADATA_VARS = new Set([
  'HEROKU_APP_ID', 'HEROKU_APP_NAME', 'HEROKU_DYNO_ID', 'HEROKU_RELEASE_CREATED_AT',
  'HEROKU_RELEASE_VERSION', 'HEROKU_SLUG_COMMIT', 'HEROKU_SLUG_DESCRIPTION',
]);

/**
 * Cross-checks the config vars with the settings: DEBUG must not be on in production, and every
 * variable the settings read should be set. Values are secret: only names, and whether DEBUG is truthy.
 */
export const configRule: Rule<HerokuFacts> = defineRule({
  id: 'heroku.config',
  area: 'heroku',
  severity: 'warning',
  title: 'Config vars match what the settings read',
  docs: 'https://devcenter.heroku.com/articles/config-vars',
  explain: {
    checks: "Whether DEBUG is true in the app's config vars, and whether every variable the settings read is set on the app.",
    why: "DEBUG in production exposes settings and code; a required variable the app lacks crashes the dyno at boot.",
    example: "heroku config:set DEBUG=True",
    fix: "heroku config:unset DEBUG; heroku config:set for each variable the settings read.",
  },
  messages: { 'debug-config-var': "DEBUG is a true value in the config vars (error)", 'required-unset': "a variable the settings read with no default is not set (error)", 'optional-unset': "a variable read with a default is not set: the default applies (info)" },
  check(facts: HerokuFacts) {
    const reports: Report[] = [];
    if (TRUTHY.test(facts.configVars.DEBUG?.trim() ?? '')) {
      reports.push({
        severity: 'error',
        messageId: 'debug-config-var', message: 'DEBUG is set to a true value in the config vars: Django shows tracebacks and settings to every visitor.',
        hint: cli(facts, 'config:unset DEBUG'),
      });
    }
    for (const read of unsetReads(facts)) {
      reports.push({
        severity: read.required ? 'error' : 'info',
        messageId: read.required ? 'required-unset' : 'optional-unset', message: read.required
          ? `The settings read ${read.name} with no default, and the app does not set it: the web process fails at boot.`
          : `The settings read ${read.name} (with a default), and the app does not set it: the default applies.`,
        hint: cli(facts, `config:set ${read.name}=…`),
        file: read.file,
        line: read.line,
      });
    }
    return reports;
  },
});

/** One report per variable, at its first read; a required read anywhere makes it required. */
function unsetReads(facts: HerokuFacts): EnvRead[] {
  const provided = (name: string) =>
    name in facts.configVars || RUNTIME_VARS.has(name) || (DYNO_METADATA_VARS.has(name) && featureEnabled(facts, 'runtime-dyno-metadata'));
  const byName = new Map<string, EnvRead>();
  for (const read of facts.settingsEnvReads ?? []) {
    if (provided(read.name)) continue;
    const first = byName.get(read.name);
    if (!first) byName.set(read.name, read);
    else if (read.required && !first.required) byName.set(read.name, { ...first, required: true });
  }
  return [...byName.values()];
}
