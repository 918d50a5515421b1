import type { Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import type { ProjectFacts } from '../project/types.js';
import { describeRead, devCenter, NO_SETTINGS } from './support.js';

/** codebase.required-env: every variable the settings require is set in the evaluation environment. */
export const requiredEnvRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.required-env',
  area: 'codebase',
  severity: 'error',
  title: 'Environment variables the settings require are set',
  docs: devCenter('config-vars'),
  explain: {
    checks: "Whether every variable the settings read without a default is set in the evaluation environment (--env, --env-file, or the app's config vars).",
    why: "An unset os.environ['X'] raises KeyError at import: every dyno crashes at boot.",
    example: "SECRET_KEY = os.environ['SECRET_KEY'] with SECRET_KEY not set",
    fix: "heroku config:set SECRET_KEY=\u2026",
  },
  messages: { 'required-unset': "a variable read with no default is unset" },
  reads: ['settings-reads'],
  check(facts: ProjectFacts) {
    if (!facts.evaluation) return NO_SETTINGS;
    return facts.evaluation.envReads
      .filter((read) => read.required && !Object.hasOwn(facts.env, read.name))
      .map((read) => ({
        messageId: 'required-unset', message: `the app would not boot: settings read ${describeRead(read)} (${read.file}:${read.line}) and it is not set`,
        hint: `Set it as a config var (heroku config:set ${read.name}=…), or pass it to implanta with --env ${read.name}=… if it is set already.`,
        file: read.file,
        line: read.line,
      }));
  },
});
