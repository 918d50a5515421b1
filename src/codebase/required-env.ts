import type { Rule } from '../core/rule.js';
import type { ProjectFacts } from '../project/types.js';
import { describeRead, devCenter, NO_SETTINGS } from './support.js';

/** codebase.required-env: every variable the settings require is set in the evaluation environment. */
export const requiredEnvRule: Rule<ProjectFacts> = {
  meta: {
    id: 'codebase.required-env',
    area: 'codebase',
    severity: 'error',
    title: 'Environment variables the settings require are set',
    docs: devCenter('config-vars'),
  },
  check(facts) {
    if (!facts.evaluation) return NO_SETTINGS;
    return facts.evaluation.envReads
      .filter((read) => read.required && !Object.hasOwn(facts.env, read.name))
      .map((read) => ({
        message: `the app would not boot: settings read ${describeRead(read)} (${read.file}:${read.line}) and it is not set`,
        hint: `Set it as a config var (heroku config:set ${read.name}=…), or pass it to implanta with --env ${read.name}=… if it is set already.`,
        file: read.file,
        line: read.line,
      }));
  },
};
