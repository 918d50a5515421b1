import type { Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { truthy, Unknown } from '../project/python-value.js';
import type { ProjectFacts } from '../project/types.js';
import { cannotTell, describeRead, devCenter, envReadsOf, NO_SETTINGS } from './support.js';

/** codebase.debug: DEBUG comes from the environment and is off in production. */
export const debugRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.debug',
  area: 'codebase',
  severity: 'error',
  title: 'DEBUG is off, and set from the environment',
  docs: devCenter('django-app-configuration'),
  explain: {
    checks: "Whether DEBUG is on in the evaluation environment, and whether it comes from the environment at all.",
    why: "With DEBUG on every error page shows visitors the settings, the code and local variables.",
    example: "DEBUG = os.environ.get('DEBUG', 'True') == 'True'",
    fix: "DEBUG = os.environ.get('DJANGO_DEBUG') == '1', unset in production.",
  },
  messages: { 'debug-on': "DEBUG is on in this environment", 'literal-false': "DEBUG is a literal False, not read from the environment (info)", 'cannot-tell': 'the value depends on something the static evaluation could not know (info)' },
  check(facts: ProjectFacts) {
    const evaluation = facts.evaluation;
    if (!evaluation) return NO_SETTINGS;
    const binding = evaluation.settings.get('DEBUG');
    // Absent means Django's default, False.
    if (!binding) return [];
    const on = truthy(binding.value);
    if (on instanceof Unknown) return [cannotTell('whether DEBUG is on', on, binding)];
    const place = { file: binding.origin.file, line: binding.origin.line };
    const reads = envReadsOf(evaluation, binding);
    if (on) {
      const from = reads.length > 0 ? ` (from ${reads.map(describeRead).join(', ')})` : '';
      return [
        {
          messageId: 'debug-on', message: `DEBUG is True in this environment${from}: any error page shows visitors the settings, the code and local variables`,
          hint: reads.length > 0 ? `Set ${reads[0]!.name} to a false value in the config vars, and make the default False.` : "Read it from the environment with a False default: DEBUG = os.environ.get('DJANGO_DEBUG') == '1'.",
          ...place,
        },
      ];
    }
    if (reads.length > 0) return [];
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
