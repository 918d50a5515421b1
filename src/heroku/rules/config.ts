import type { Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import type { EnvRead } from '../../project/settings/types.js';
import type { HerokuFacts } from '../facts.js';
import { cli, featureEnabled } from './app-queries.js';

/** Present in every dyno without being config vars. */
const RUNTIME_VARS = new Set(['PORT', 'DYNO', 'HOME', 'PATH', 'PWD', 'LANG', 'WEB_CONCURRENCY', 'DYNO_RAM', 'PYTHONHOME', 'PYTHONPATH']);
const DYNO_METADATA_VARS = new Set([
  'HEROKU_APP_ID', 'HEROKU_APP_NAME', 'HEROKU_DYNO_ID', 'HEROKU_RELEASE_CREATED_AT',
  'HEROKU_RELEASE_VERSION', 'HEROKU_SLUG_COMMIT', 'HEROKU_SLUG_DESCRIPTION',
]);

/**
 * The variables the settings read with a default that the app does not set: the default applies in
 * production. Only that: DEBUG in the config vars is judged by security.W018, and a required variable
 * the app lacks by codebase.required-env, both with the config vars as the environment. Values are
 * secret: only names are printed.
 */
export const configRule: Rule<HerokuFacts> = defineRule({
  id: 'heroku.config',
  area: 'heroku',
  severity: 'info',
  title: 'Config vars set what the settings read',
  docs: 'https://devcenter.heroku.com/articles/config-vars',
  explain: {
    checks: "Whether each variable the settings read with a default is set on the app; required variables are codebase.required-env's, DEBUG is security.W018's.",
    why: "An unset variable means the default in the code applies in production, which is often a development value.",
    example: "CACHE_URL = os.environ.get('CACHE_URL', 'locmem://') with CACHE_URL not set on the app",
    fix: "heroku config:set CACHE_URL=… (or make sure the default is right for production).",
  },
  messages: { 'optional-unset': "a variable read with a default is not set: the default applies (info)" },
  check(facts: HerokuFacts) {
    return unsetReads(facts)
      .filter((read) => !read.required)
      .map((read) => ({
        messageId: 'optional-unset',
        message: `The settings read ${read.name} (with a default), and the app does not set it: the default applies.`,
        hint: cli(facts, `config:set ${read.name}=…`),
        file: read.file,
        line: read.line,
      }));
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
