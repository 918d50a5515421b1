import { runCheck } from '../check/run-check.js';
import { emitReport, progressLine, REPORT_FORMATS } from './render.js';
import { parseChoice, parseCommandArgs, parseEnvPairs, parseFailLevel, useColor } from './args.js';
import type { Command } from './command.js';
import { InputError } from '../core/errors.js';

export const checkCommand: Command = {
  help: `Usage: implanta check [DIR] [options]

Reads the Django project in DIR (default: the current folder) without running its code, evaluates the
settings under the environment you give (default: empty, as a fresh production dyno), and reports every
rule of Django's \`check --deploy\` and Heroku's codebase rules, with file and line.
With --app, also the production-check points of the running Heroku app, with its config vars as the
environment.

Options:
  --format FORMAT          text (default), json, sarif (GitHub code scanning), junit, github (workflow
                           annotations on the pull request) or html (one self-contained page)
  -o, --output FILE        write the report to FILE instead of standard output
  --fail-level LEVEL       exit 1 when a finding is at or above LEVEL: error, warning (default), info, none
  --env KEY=VALUE          set a variable of the evaluation environment (repeatable)
  --env-file FILE          read variables from a .env-style file (before --env)
  --settings MODULE        evaluate this settings module instead of the one the web process loads
  --django-version X.Y     apply this Django version's rules instead of the pinned one
  --settings-source SRC    static (default: read the source) or python (import the settings for real)
  --django                 also run the project's \`manage.py check --deploy\` and merge its findings
  --python PATH            the project's interpreter (default: $VIRTUAL_ENV, .venv, python3, python); given, its
                           installed packages' metadata also says which package provides a module
  --host NAME              a host name the app must answer on (repeatable)
  -a, --app APP            also check this Heroku app (needs HEROKU_API_KEY or \`heroku login\`)
  --api-url URL            Platform API base URL (default https://api.heroku.com; env IMPLANTA_API_URL)
  --plan FILE              with --format html, show the charts of this release plan (written by
                           \`implanta size --plan\`; default release-plan.md when present)
  --no-color               no colour in the text report (also NO_COLOR=1)
  --explain RULE           print what RULE checks, why, an example and the fix (every rule: docs/rules.md)

Exit codes: 0 nothing at or above --fail-level; 1 findings at or above it; 2 bad input or usage;
3 the platform could not be reached or refused the credentials.

Examples:
  implanta check
  implanta check examples/hollow --env-file examples/hollow/production.env
  implanta check --app hollow --format sarif -o implanta.sarif
  implanta check --format html -o implanta-report.html
  implanta check --explain codebase.secrets
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('check', argv, {
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'fail-level': { type: 'string' },
      env: { type: 'string', multiple: true },
      'env-file': { type: 'string' },
      settings: { type: 'string' },
      'django-version': { type: 'string' },
      'settings-source': { type: 'string' },
      django: { type: 'boolean' },
      python: { type: 'string' },
      host: { type: 'string', multiple: true },
      app: { type: 'string', short: 'a' },
      'api-url': { type: 'string' },
      plan: { type: 'string' },
      'no-color': { type: 'boolean' },
      explain: { type: 'string' },
    });
    if (values.explain !== undefined) return (await import('./explain-rule.js')).explainRule(values.explain);
    if (positionals.length > 1) throw new InputError(`expected at most one project folder, got ${positionals.length} (see \`implanta check --help\`)`);
    const format = parseChoice('--format', values.format, REPORT_FORMATS, 'text');
    const failLevel = parseFailLevel(values['fail-level']);
    const progress = progressLine(format === 'text' && !values.output);
    const { report, redactor, fallbackFile } = await runCheck({
      dir: positionals[0] ?? '.',
      ...(values['env-file'] && { envFile: values['env-file'] }),
      env: parseEnvPairs(values.env),
      ...(values.settings && { settingsModule: values.settings }),
      ...(values['django-version'] && { djangoVersion: values['django-version'] }),
      settingsSource: parseChoice('--settings-source', values['settings-source'], ['static', 'python'] as const, 'static'),
      runDjango: values.django ?? false,
      ...(values.python && { python: values.python }),
      hosts: values.host ?? [],
      ...(values.app && { app: values.app }),
      ...(values['api-url'] && { apiUrl: values['api-url'] }),
      progress: progress.update,
    }).finally(progress.clear);
    const attachments = format === 'html' ? (await import('../report/html-attachments.js')).gatherHtmlAttachments(report.project.root, values.plan) : undefined;
    return emitReport(report, failLevel, { format, ...(attachments && { attachments }), ...(values.output && { output: values.output }), color: useColor(values['no-color']), redactor, fallbackFile });
  },
};
