import { ImplantaError, InputError } from '../core/errors.js';
import { openApp } from '../deploy/cli-wiring.js';
import { loadDeployConfig, parseDeployConfig, type DeployConfig } from '../deploy/config.js';
import { migrationsSince } from '../deploy/migration-gate.js';
import { repoRoot } from '../deploy/git.js';
import { rollback, summarizeSmoke } from '../deploy/rollback.js';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';
import { printSteps, smokeLines } from './step-lines.js';

export const rollbackCommand: Command = {
  help: `Usage: implanta rollback -a APP [VERSION]

Rolls the app back the way Heroku's own rollback does: a new release with the code and config vars of
VERSION (default: the last release before the current one that had code), then waits until the web
dynos run it and smoke-tests it (the paths of .implanta.json in the current repository, default / and
/health). A rollback does not undo database migrations, data or add-on changes: when releases since
VERSION ran migrations, it warns and lists them (read from git, in the repository it runs in).

Options:
  -a, --app APP     the Heroku app (required)
  --api-url URL     Platform API base URL (default https://api.heroku.com; env IMPLANTA_API_URL)

Exit codes: 0 rolled back and the smoke test passes; 1 the rollback release failed or does not pass;
2 bad input (no such release, nothing to roll back to); 3 the platform could not be reached.

Examples:
  implanta rollback -a hollow
  implanta rollback -a hollow v41
  implanta rollback -a hollow 41 --api-url http://127.0.0.1:5050
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('rollback', argv, {
      app: { type: 'string', short: 'a' },
      'api-url': { type: 'string' },
    });
    if (!values.app) throw new InputError('say which app to roll back: -a APP (see `implanta rollback --help`)');
    if (positionals.length > 1) throw new InputError('expected at most one release version (see `implanta rollback --help`)');
    const to = positionals[0] === undefined ? undefined : parseVersion(positionals[0]);
    const { config: { smoke }, root } = await deployConfigHere();
    const { client, redactor } = await openApp(values.app, { ...(values['api-url'] && { apiUrl: values['api-url'] }) });
    const write = (text: string) => process.stdout.write(redactor.redact(text));
    let report;
    try {
      report = await rollback({
        client,
        app: values.app,
        ...(to !== undefined && { to }),
        // As long as a deploy gives its own rollback: the release phase runs again, then the dynos restart.
        signal: AbortSignal.timeout(ROLLBACK_MS),
        smoke: { paths: smoke.paths, ...(smoke.host !== undefined && { host: smoke.host }), followRedirects: smoke.followRedirects, maxMs: smoke.maxMs },
        ...printSteps(write),
      });
    } catch (error) {
      if (error instanceof ImplantaError) error.message = redactor.redact(error.message);
      throw error;
    }
    const lines = ['', `Rollback of ${values.app}: v${report.from.version} → the code of v${report.to.version}, as release v${report.release.version} (${report.release.status})`];
    if (report.serving) lines.push(`  dynos: ${report.serving.detail}`);
    if (report.smoke) lines.push(`  smoke test: ${summarizeSmoke(report.smoke)}`, smokeLines(report.smoke, '    ').trimEnd());
    lines.push(report.ok ? '  The restored release serves.' : `  Not restored: ${report.problem ?? 'failed'}`, `  Note: ${report.caveat}`);
    const ran = root ? await migrationsSince({ repo: root, app: values.app, client, fromVersion: report.from.version, toVersion: report.to.version }) : undefined;
    if (ran?.length) lines.push(`  Warning: the schema stays as ${ran.length} migration${ran.length === 1 ? '' : 's'} since v${report.to.version} left it, and the code of v${report.to.version} runs against it: ${ran.join(', ')}.`, '  If that code needs the old schema, migrate back by hand (heroku run python manage.py migrate APP NAME) — after a backup.');
    write(lines.join('\n') + '\n');
    return report.ok ? 0 : 1;
  },
};

const ROLLBACK_MS = 10 * 60_000;

function parseVersion(text: string): number {
  const match = /^v?(\d+)$/i.exec(text);
  if (!match) throw new InputError(`${text}: expected a release version such as v41 or 41`);
  return Number(match[1]);
}

/** The smoke paths of the repository the command runs in (and its top folder); the defaults outside one. */
async function deployConfigHere(): Promise<{ config: DeployConfig; root?: string }> {
  let root: string;
  try {
    root = await repoRoot('.');
  } catch {
    return { config: parseDeployConfig({}, '.implanta.json') };
  }
  return { config: loadDeployConfig(root), root };
}
