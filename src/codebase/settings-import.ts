import type { Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import type { ProjectFacts } from '../project/types.js';
import { devCenter, NO_SETTINGS } from './support.js';

/**
 * codebase.settings-import: importing the settings raises nothing. A `raise` at module level (or under
 * a condition the environment decides, `if not os.environ.get('X'): raise ImproperlyConfigured`), or a
 * DATABASE_URL dj-database-url cannot parse, stops every dyno at boot. A raise under a condition the
 * static evaluation cannot decide is not certain: the settings it guards read as "cannot tell" in the
 * rules that use them, and this rule stays silent; so does a raise inside one of the project's
 * functions (the evaluator may not follow everything there). An unset required variable is
 * codebase.required-env's.
 */
export const settingsImportRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.settings-import',
  area: 'codebase',
  severity: 'error',
  title: 'The settings import without an exception',
  docs: devCenter('django-app-configuration'),
  explain: {
    checks: 'Whether importing the settings module, in the evaluation environment, certainly raises an exception: a `raise` that runs, or a DATABASE_URL that dj-database-url cannot parse.',
    why: 'Django imports the settings first thing: an exception there crashes every dyno at boot, and the release phase too.',
    example: "if not os.environ.get('SENTRY_DSN'): raise ImproperlyConfigured('set SENTRY_DSN')  # with SENTRY_DSN unset",
    fix: 'Set what the settings ask for as a config var (heroku config:set …), or fix the URL: postgres://USER:PASSWORD@HOST:5432/NAME.',
  },
  messages: { raises: 'importing the settings raises an exception nothing catches' },
  reads: ['settings-reads'],
  check(facts: ProjectFacts) {
    const evaluation = facts.evaluation;
    if (!evaluation) return NO_SETTINGS;
    return (evaluation.bootFailures ?? []).map((failure) => ({
      messageId: 'raises',
      message: `the app would not boot: importing the settings raises ${failure.exception} at ${failure.file}:${failure.line} (${failure.reason.replace(/^the settings raise \w+ \([^)]*\)$/, 'a raise that nothing catches')})`,
      hint: /dj-database-url/.test(failure.reason)
        ? 'Give DATABASE_URL a URL dj-database-url reads: postgres://USER:PASSWORD@HOST:5432/NAME (Heroku Postgres sets it for you).'
        : 'Set the config var the settings ask for before this line, or remove the raise; pass the production environment to implanta with --env-file or --app.',
      file: failure.file,
      line: failure.line,
    }));
  },
});
