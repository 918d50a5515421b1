import type { Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { truthy } from '../project/python-value.js';
import type { ProjectFacts } from '../project/types.js';
import { isCovered } from '../django/versions.js';
import { devCenter, NO_SETTINGS, originOf } from './support.js';

/**
 * codebase.debug: DEBUG comes from the environment. Whether it is on is security.W018's (Django's ID);
 * this rule only says when an off DEBUG is written into the code, where another file or an edit decides it.
 */
export const debugRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.debug',
  area: 'codebase',
  severity: 'info',
  title: 'DEBUG is set from the environment',
  docs: devCenter('django-app-configuration'),
  explain: {
    checks: "Whether an off DEBUG is a literal in the code rather than read from the environment (DEBUG on is security.W018's).",
    why: "A literal False is right only until another settings file or an edit turns it on; production should decide DEBUG through its config vars.",
    example: "DEBUG = False",
    fix: "DEBUG = os.environ.get('DJANGO_DEBUG') == '1', unset in production.",
  },
  messages: { 'debug-on': "DEBUG is on, for a Django older than implanta's Django rules cover (security.W018 skips it) (error)", 'literal-false': "DEBUG is a literal False, not read from the environment (info)" },
  check(facts: ProjectFacts) {
    const evaluation = facts.evaluation;
    if (!evaluation) return NO_SETTINGS;
    const binding = evaluation.settings.get('DEBUG');
    // Absent means Django's default, False.
    if (!binding) return [];
    const place = { file: binding.origin.file, line: binding.origin.line };
    const on = truthy(binding.value);
    // DEBUG on (or unknown) is security.W018's, Django's own check: one finding, not two. Only where
    // implanta's Django rules do not cover the project's Django (they skip) does this rule say it.
    if (on === true && facts.django && !isCovered(facts.django)) {
      return [{ severity: 'error', messageId: 'debug-on', message: 'DEBUG is True in this environment: any error page shows visitors the settings, the code and local variables', hint: "Read it from the environment with a False default: DEBUG = os.environ.get('DJANGO_DEBUG') == '1'.", ...place }];
    }
    if (on !== false) return [];
    // Only a False written in the code and nothing else: one read from (or falling back past) a variable is the environment's.
    if (originOf(evaluation, 'DEBUG').kind !== 'literal') return [];
    return [
      {
        severity: 'info',
        messageId: 'literal-false', message: 'DEBUG is a literal False: fine in production, but it does not come from the environment, so another settings file or an edit decides it',
        hint: "Read it from the environment with a False default: DEBUG = os.environ.get('DJANGO_DEBUG') == '1'.",
        ...place,
      },
    ];
  },
});
