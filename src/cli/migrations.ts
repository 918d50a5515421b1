import { ImplantaError, InputError } from '../core/errors.js';
import { Redactor, secretParts } from '../core/redact.js';
import { openApp } from '../deploy/cli-wiring.js';
import { runningRelease } from '../deploy/running-release.js';
import { analyzeMigrations, type MigrationsAnalysis } from '../migrations/analyze.js';
import { parseChoice, parseCommandArgs, parseFailLevel, useColor } from './args.js';
import type { Command } from './command.js';
import { emitReport, progressLine } from './render.js';

export const migrationsCommand: Command = {
  help: `Usage: implanta migrations [DIR] (--since REF | -a APP) [options]

Judges the Django migrations that the tree at HEAD adds relative to REF (or to the commit the app's
current release runs, with -a): what \`migrate\` will do in the release phase while the running release
still serves. Errors break the running code (a dropped, renamed or tightened column, a NOT NULL column
without a database default, a type change that rewrites the table, SQL implanta cannot read); warnings
are heavy or one-way (an index built without CONCURRENTLY, a RunPython without reverse_code, a data
migration importing models). Each finding gives the expand/contract way to make the same change.
The files are read statically from git; with --python and a database URL, the SQL of the project's
\`manage.py sqlmigrate\` is judged instead.

Options:
  --since REF             the commit the running release runs (a branch, tag or sha)
  -a, --app APP           compare with the commit of APP's current release (needs HEROKU_API_KEY or heroku login)
  --format FORMAT         text (default), json or sarif
  -o, --output FILE       write the report to FILE instead of standard output
  --fail-level LEVEL      exit 1 when a finding is at or above LEVEL: error, warning (default), info, none
  --django-version X.Y    the Django version (default: the pinned one); db_default counts from 5.0
  --python PATH           the project's interpreter: judge the SQL of manage.py sqlmigrate (needs a database URL)
  --database-url URL      the database sqlmigrate introspects (default: $DATABASE_URL)
  --api-url URL           Platform API base URL (default https://api.heroku.com; env IMPLANTA_API_URL)
  --no-color              no colour in the text report (also NO_COLOR=1)

Exit codes: 0 nothing at or above --fail-level; 1 findings at or above it; 2 bad input or usage;
3 the platform could not be reached or refused the credentials.

Examples:
  implanta migrations --since production
  implanta migrations -a hollow --format json
  implanta migrations examples/hollow --since v41 --python .venv/bin/python --database-url postgres://localhost/hollow
  implanta migrations --since origin/main --format sarif -o migrations.sarif
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('migrations', argv, {
      since: { type: 'string' },
      app: { type: 'string', short: 'a' },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'fail-level': { type: 'string' },
      'django-version': { type: 'string' },
      python: { type: 'string' },
      'database-url': { type: 'string' },
      'api-url': { type: 'string' },
      'no-color': { type: 'boolean' },
    });
    if (positionals.length > 1) throw new InputError(`expected at most one project folder, got ${positionals.length} (see \`implanta migrations --help\`)`);
    if (!values.since === !values.app) throw new InputError('say what the running release runs: --since REF or -a APP (one of them; see `implanta migrations --help`)');
    const format = parseChoice('--format', values.format, ['text', 'json', 'sarif'] as const, 'text');
    const failLevel = parseFailLevel(values['fail-level']);
    const databaseUrl = values['database-url'] ?? process.env['DATABASE_URL'];
    if (values.python && !databaseUrl) throw new InputError('--python runs manage.py sqlmigrate, which needs a database: pass --database-url URL or set DATABASE_URL');
    const progress = progressLine(format === 'text' && !values.output);

    let base = values.since;
    let baseLabel = '--since';
    let otherSecrets: string[] = [];
    if (values.app) {
      const access = await openApp(values.app, { ...(values['api-url'] && { apiUrl: values['api-url'] }) });
      otherSecrets = [access.token];
      progress.update(`asking ${values.app} which commit it runs`);
      const running = await runningRelease(access.client, values.app);
      if (!running?.commit) throw new InputError(`${values.app} has no release with code whose commit is known: pass --since REF instead`);
      base = running.commit;
      baseLabel = `the commit v${running.version} of ${values.app} runs,`;
    }
    let analysis: MigrationsAnalysis;
    try {
      analysis = await analyzeMigrations({
        dir: positionals[0] ?? '.',
        base: base!,
        baseLabel,
        ...(values['django-version'] && { djangoVersion: values['django-version'] }),
        ...(values.python && databaseUrl && { sqlmigrate: { python: values.python, databaseUrl } }),
        progress: progress.update,
      }).finally(progress.clear);
    } catch (error) {
      if (error instanceof ImplantaError && databaseUrl) error.message = error.message.split(databaseUrl).join('[redacted]');
      throw error;
    }
    const redactor = new Redactor([...otherSecrets, ...(databaseUrl ? secretParts(databaseUrl) : [])]);
    return emitReport(analysis.report, failLevel, {
      format,
      ...(values.output && { output: values.output }),
      color: useColor(values['no-color']),
      redactor,
      fallbackFile: 'manage.py',
      title: 'implanta migrations',
      preamble: preamble(analysis, values.app ? `${values.app}'s current release` : `--since ${values.since}`),
      extraJson: { migrations: { base: analysis.base, head: analysis.head, method: analysis.facts.method, runs: analysis.runs } },
    });
  },
};

function preamble(a: MigrationsAnalysis, what: string): string {
  const lines = [`Comparing ${a.head.ref} (${a.head.commit.slice(0, 12)}) with ${what} (${a.base.commit.slice(0, 12)}): ${a.runs.length} migration${a.runs.length === 1 ? '' : 's'} to run`];
  for (const run of a.runs) lines.push(`  ${run.app}.${run.name}  ${run.file}  (${run.operations.map((o) => o.kind).join(', ') || 'no operations'})`);
  lines.push(a.facts.method === 'sqlmigrate' ? 'Judged from the SQL that manage.py sqlmigrate prints.' : 'Judged from the migration files, read statically (use --python with a database URL to judge the SQL).', '');
  return lines.join('\n') + '\n';
}
