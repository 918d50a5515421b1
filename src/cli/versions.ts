import { resolve } from 'node:path';
import { runRules } from '../core/engine.js';
import { Redactor } from '../core/redact.js';
import { buildCheckReport } from '../report/check-report.js';
import { gatherVersionsFacts } from '../versions/gather.js';
import { versionsRules } from '../versions/rules/index.js';
import { formatVersionsTable } from '../versions/format-table.js';
import { resolveClient } from '../heroku/resolve.js';
import type { App } from '../heroku/schema-extensions.js';
import { locateProject } from '../project/build-root.js';
import { InputError } from '../core/errors.js';
import { parseChoice, parseCommandArgs, parseFailLevel, useColor } from './args.js';
import type { Command } from './command.js';
import { emitReport, progressLine, REPORT_FORMATS } from './render.js';

export const versionsCommand: Command = {
  help: `Usage: implanta versions [DIR] [options]

Reads the dependency file Heroku would use (requirements.txt with its includes, Pipfile.lock,
poetry.lock, uv.lock), asks PyPI for the newest releases and OSV for known vulnerabilities, and says
whether Django, Python (.python-version / runtime.txt) and, with --app, the Heroku stack are still
supported and until when.

Options:
  --format FORMAT     text (default: a table, then findings), json, sarif or junit
  -o, --output FILE   write the report to FILE
  --fail-level LEVEL  exit 1 at or above: error, warning (default), info, none
  --pypi-url URL      PyPI base URL (default https://pypi.org; requests go to URL/pypi/NAME/json)
  --osv-url URL       OSV base URL (default https://api.osv.dev)
  --osv-db FILE       read vulnerabilities from an OSV PyPI dump (all.zip) instead of the OSV API
  --offline           no network: PyPI answers from the cache, vulnerabilities only from --osv-db
  --cache-dir DIR     where PyPI answers are cached (default ~/.cache/implanta/pypi)
  -a, --app APP       also report the app's Heroku stack
  --api-url URL       Platform API base URL (default https://api.heroku.com)
  --no-color          no colour

Examples:
  implanta versions
  implanta versions examples/hollow --osv-db ~/Downloads/PyPI-all.zip --offline
  implanta versions -a hollow --format json
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('versions', argv, {
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'fail-level': { type: 'string' },
      'pypi-url': { type: 'string' },
      'osv-url': { type: 'string' },
      'osv-db': { type: 'string' },
      offline: { type: 'boolean' },
      'cache-dir': { type: 'string' },
      app: { type: 'string', short: 'a' },
      'api-url': { type: 'string' },
      'no-color': { type: 'boolean' },
    });
    if (positionals.length > 1) throw new InputError('expected at most one project folder (see `implanta versions --help`)');
    const format = parseChoice('--format', values.format, REPORT_FORMATS, 'text');
    const failLevel = parseFailLevel(values['fail-level']);
    const dir = resolve(positionals[0] ?? '.');
    // The pins and Python version Heroku reads: at the top of a monorepo, above manage.py's folder.
    const root = locateProject(dir).buildRoot;
    const progress = progressLine(format === 'text' && !values.output);
    let stack: string | undefined;
    if (values.app) {
      progress.update(`Reading app ${values.app}…`);
      const app = await resolveClient({ ...(values['api-url'] && { apiUrl: values['api-url'] }) }).get<App>(`/apps/${encodeURIComponent(values.app)}`);
      stack = app.stack?.name ?? undefined;
    }
    progress.update('Asking PyPI and OSV…');
    const facts = await gatherVersionsFacts({
      root,
      ...(values['pypi-url'] && { pypiUrl: values['pypi-url'] }),
      ...(values['osv-url'] && { osvUrl: values['osv-url'] }),
      ...(values['osv-db'] && { osvDb: values['osv-db'] }),
      ...(values['cache-dir'] && { cacheDir: values['cache-dir'] }),
      offline: values.offline ?? false,
      ...(stack && { app: { stack } }),
    }).finally(progress.clear);
    const { findings, skipped } = runRules(versionsRules, facts);
    const report = buildCheckReport({ root, settings_module: null, django: facts.django ? `${facts.django.version.major}.${facts.django.version.minor}` : null, settings_source: 'static', ...(values.app && { app: values.app }) }, findings, skipped);
    return emitReport(report, failLevel, {
      format,
      ...(values.output && { output: values.output }),
      color: useColor(values['no-color']),
      redactor: new Redactor([]),
      fallbackFile: facts.dependencies?.file ?? 'requirements.txt',
      title: 'implanta versions',
      preamble: formatVersionsTable(facts) + '\n',
      extraJson: { versions: { packages: facts.packages, django: facts.django, python: facts.python, stack: facts.stack, sources: { pypi: facts.pypi, osv: facts.osv }, lifecycle_as_of: facts.lifecycle.asOf } },
    });
  },
};
