import type { Report, Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { isCredential, isSecretName } from '../project/secret-names.js';
import type { AppJson, ProjectFacts } from '../project/types.js';
import type { EnvRead } from '../project/settings/types.js';
import { devCenter } from './support.js';

/**
 * codebase.app-json: the manifest that review apps, the Heroku Button and `heroku create --manifest`
 * build from. It must parse, must not commit secret values (every app made from it would share them),
 * and must declare the config vars the settings cannot boot without. The stack it asks for is judged by
 * versions.stack, the one owner of stack support.
 */
/**
 * Set by the platform on apps with runtime dyno metadata (a Heroku Labs feature), never by app.json:
 * declaring them there would not provide them. (HEROKU_APP_NAME is not among them: a review app gets it
 * when app.json declares it required.)
 */
const DYNO_METADATA = new Set(['HEROKU_APP_ID', 'HEROKU_DYNO_ID', 'HEROKU_RELEASE_CREATED_AT', 'HEROKU_RELEASE_VERSION', 'HEROKU_SLUG_COMMIT', 'HEROKU_SLUG_DESCRIPTION']);

/**
 * The variables the settings cannot boot without (one read each) that an app made from the manifest
 * would not have: not declared in its env, not an add-on's, not the platform's dyno metadata.
 */
export function undeclaredRequiredReads(manifest: AppJson, reads: readonly EnvRead[]): EnvRead[] {
  const declared = new Set(manifest.env.map((e) => e.name));
  // An add-on's config vars all begin with its attachment name and '_' (DATABASE_URL, REDIS_TLS_URL).
  const fromAddon = (name: string) => manifest.addons.some((a) => name.startsWith(`${a.attachment}_`));
  const required = new Map(reads.filter((r) => r.required).map((r) => [r.name, r]));
  return [...required.values()].filter(({ name }) => !declared.has(name) && !fromAddon(name) && !DYNO_METADATA.has(name));
}

export const appJsonRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.app-json',
  area: 'codebase',
  severity: 'warning',
  title: 'app.json describes an app that boots, without secrets in it',
  docs: devCenter('app-json-schema'),
  explain: {
    checks: "Whether app.json is valid, declares every variable the settings require (in env, or set by one of its add-ons: heroku-postgresql's DATABASE_URL), and commits no secret values (its stack: versions.stack).",
    why: "Review apps and Heroku Button deploys are built from app.json; a missing variable or a committed secret carries into every app made from it.",
    example: "\"env\": {\"SECRET_KEY\": {\"value\": \"abc\"}}",
    fix: "Use \"SECRET_KEY\": {\"generator\": \"secret\"}, and declare each required variable.",
  },
  messages: { 'invalid': "app.json is not a JSON object Heroku accepts", 'committed-secret': "a secret-looking variable has a committed value", 'undeclared-required': "a variable the settings require is not declared" },
  reads: ['settings-reads'],
  check(facts: ProjectFacts) {
    const manifest = facts.appJson;
    if (!manifest) return { skip: 'the project has no app.json' };
    const file = manifest.file;
    if (manifest.problem) {
      return [{ severity: 'error', messageId: 'invalid', message: `${file} is not valid: ${manifest.problem.message}`, hint: 'Heroku refuses a manifest that is not a JSON object; fix the syntax.', file, line: manifest.problem.line }];
    }
    const reports: Report[] = [];
    for (const env of manifest.env) {
      if (env.value && isCredential(env.name, env.value) && !env.generated) {
        reports.push({
          severity: 'error',
          messageId: 'committed-secret', message: `${file} commits a value for ${env.name}: every review app and every app made from the manifest gets the same one`,
          hint: `Use "${env.name}": {"description": "…", "generator": "secret"} so Heroku makes a random value per app.`,
          file,
          line: env.line,
        });
      }
    }
    // Read in the manifest's own environment when check could (a read behind `if SENTRY_DSN:` is not
    // made by an app whose manifest has no SENTRY_DSN), else in the environment given.
    for (const read of undeclaredRequiredReads(manifest, facts.appJsonEnvReads ?? facts.evaluation?.envReads ?? [])) {
      const { name } = read;
      reports.push({
        messageId: 'undeclared-required', message: `the settings cannot boot without ${name} (${read.file}:${read.line}), and ${file} does not declare it: a review app or Heroku Button deploy would crash at start`,
        hint: isSecretName(name) ? `Add "${name}": {"description": "…", "generator": "secret"} to "env".` : `Add "${name}": {"description": "…", "required": true} to "env".`,
        file,
        line: 1,
      });
    }
    return reports;
  },
});
