import { defineRule } from '../../core/define-rule.js';
import { truthy, Unknown } from '../../project/python-value.js';
import { declares, setting, strings, type ChecklistFacts } from './facts.js';

/** Error reporters and APMs, by the module a project imports or lists, and by the package it declares. */
const REPORTER_MODULES = /^(sentry_sdk|raven|rollbar|honeybadger|bugsnag|airbrake|pybrake|newrelic|scout_apm|elasticapm|ddtrace|appsignal|opbeat|atatus|logfire)(\.|$)/;
const REPORTER_PACKAGES = ['sentry-sdk', 'raven', 'rollbar', 'honeybadger', 'bugsnag', 'pybrake', 'newrelic', 'scout-apm', 'elastic-apm', 'ddtrace', 'appsignal', 'atatus', 'logfire'];
/** Heroku add-ons that report errors (APMs catch exceptions too). */
const REPORTER_ADDONS = /^(sentry|rollbar|honeybadger|bugsnag|airbrake|raygun|newrelic|scout|appsignal|atatus|datadog|appoptics|solarwinds)/;
/** Wrappers a Procfile starts the web process with. */
const REPORTER_LAUNCHERS = /\b(newrelic-admin|ddtrace-run|scout-apm|elasticapm-run)\b/;

/** What tells someone about a 500: a reporter, or ADMINS; undefined when nothing does. */
export function errorReporter(facts: ChecklistFacts): string | undefined {
  const admins = setting(facts, 'ADMINS');
  if (admins && (admins.value instanceof Unknown || truthy(admins.value) === true)) return 'ADMINS';
  const lists = [setting(facts, 'INSTALLED_APPS')?.value, setting(facts, 'MIDDLEWARE')?.value];
  // A list the evaluation could not know may hold the reporter: say nothing rather than guess.
  if (lists.some((l) => l instanceof Unknown)) return 'an INSTALLED_APPS or MIDDLEWARE the evaluation cannot know';
  const named = [...lists.flatMap((l) => strings(l)), ...facts.evaluation.imports.map((i) => i.module)];
  const module = named.find((m) => REPORTER_MODULES.test(m));
  if (module) return module;
  if (declares(facts, ...REPORTER_PACKAGES)) return 'a declared error reporter';
  const addon = facts.addonServices?.find((a) => REPORTER_ADDONS.test(a));
  if (addon) return `the ${addon} add-on`;
  const launcher = facts.procfile?.entries.find((e) => REPORTER_LAUNCHERS.test(e.command));
  if (launcher) return `the Procfile's ${launcher.name} process`;
  return undefined;
}

/** codebase.error-reporting: somebody hears of a 500. */
export const errorReportingRule = defineRule<ChecklistFacts>({
  id: 'codebase.error-reporting',
  area: 'codebase',
  severity: 'warning',
  title: 'Somebody hears of a server error',
  docs: 'https://docs.djangoproject.com/en/stable/howto/error-reporting/',
  explain: {
    checks: 'ADMINS, and an error reporter or APM: sentry_sdk, Rollbar, Honeybadger, Bugsnag, Airbrake, New Relic, Scout, Elastic APM, Datadog (in the settings\' imports, INSTALLED_APPS or MIDDLEWARE, the declared packages, or the Procfile\'s launcher).',
    why: 'With DEBUG off, a 500 shows the visitor a plain error page and, with no ADMINS and no reporter, tells nobody else: the traceback is only in a log that Heroku keeps for minutes unless it is drained.',
    example: '# settings without ADMINS, and no sentry-sdk (or similar) in requirements.txt',
    fix: 'Add an error reporter (sentry-sdk with sentry_sdk.init(dsn=os.environ["SENTRY_DSN"]) in the settings; Sentry, Rollbar and Honeybadger are Heroku add-ons), or set ADMINS with a working EMAIL_BACKEND so Django mails each traceback.',
  },
  messages: { 'nobody-hears': 'no ADMINS and no error reporter or APM' },
  reads: ['settings-reads'],
  check(facts) {
    if (errorReporter(facts)) return [];
    const admins = setting(facts, 'ADMINS');
    return [
      {
        messageId: 'nobody-hears',
        message: 'no ADMINS and no error reporter (Sentry, Rollbar, Honeybadger, an APM…): a 500 in production reaches nobody but the log, which Heroku keeps only briefly',
        hint: 'Add sentry-sdk (or the Sentry, Rollbar or Honeybadger add-on) and initialise it in the settings, or set ADMINS with a working mail backend.',
        file: admins?.binding.origin.file ?? facts.evaluation.settings.file,
        ...(admins && { line: admins.binding.origin.line }),
      },
    ];
  },
});
