import { createInterface } from 'node:readline/promises';
import { resolve } from 'node:path';
import { ImplantaError, InputError } from '../core/errors.js';
import { openApp } from '../deploy/cli-wiring.js';
import { repoRoot } from '../deploy/git.js';
import { retire } from '../deploy/operations.js';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';
import { printSteps } from './step-lines.js';

export const retireCommand: Command = {
  help: `Usage: implanta retire -a APP [DIR] [--confirm APP]

Uninstalls the app, the careful way: first a local pg_dump of every heroku-postgresql database into
DIR's .implanta/backups/ (a failed backup stops everything, before any change), then maintenance on,
every process scaled to zero, and only then the app destroyed. The backup is never skipped.
It asks you to type the app's name first; without a terminal to ask on, pass --confirm APP.

Options:
  -a, --app APP     the Heroku app (required)
  --confirm APP     the app's name again: destroy without asking (scripts, CI)
  --api-url URL     Platform API base URL (default https://api.heroku.com; env IMPLANTA_API_URL)

Exit codes: 0 backed up and destroyed; 2 not confirmed, or bad input; 3 the backup or the platform
failed (nothing is destroyed when the backup fails).

Examples:
  implanta retire -a hollow-staging
  implanta retire -a hollow-staging --confirm hollow-staging
  implanta retire -a hollow-staging ~/archive/hollow --confirm hollow-staging
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('retire', argv, {
      app: { type: 'string', short: 'a' },
      confirm: { type: 'string' },
      'api-url': { type: 'string' },
    });
    const app = values.app;
    if (!app) throw new InputError('say which app to retire: -a APP (see `implanta retire --help`)');
    if (positionals.length > 1) throw new InputError('expected at most one folder for the backups (see `implanta retire --help`)');
    if (values.confirm !== undefined && values.confirm !== app) throw new InputError(`--confirm ${values.confirm} does not match the app ${app}: nothing was changed`);
    // Refused before anything is read or changed: an unattended run must say it means it.
    if (values.confirm === undefined && !process.stdin.isTTY) throw new InputError(`retire destroys ${app}, and there is no terminal to confirm on: pass --confirm ${app}`);
    const folder = await backupFolder(positionals[0] ?? '.');
    const { client, redactor } = await openApp(app, { ...(values['api-url'] && { apiUrl: values['api-url'] }) });
    const confirm = values.confirm ?? (await ask(app));
    if (confirm !== app) throw new InputError(`you typed ${JSON.stringify(confirm)}, not ${app}: nothing was changed`);

    const write = (text: string) => process.stdout.write(redactor.redact(text));
    let report;
    try {
      report = await retire(client, app, { confirm, repo: folder, ...printSteps(write) });
    } catch (error) {
      if (error instanceof ImplantaError) error.message = redactor.redact(error.message);
      throw error;
    }
    const backups = report.backups.map((b) => `  backup: ${b.addon} → ${b.file} (${b.bytes} bytes)`);
    write(['', `${app} is retired.`, ...(backups.length ? backups : ['  no database to back up']), `  maintenance: ${report.maintenance.detail}`, '  every process at 0; the app is destroyed.'].join('\n') + '\n');
    return 0;
  },
};

/** Backups go to the repository's .implanta/ when DIR is in one, else to DIR's. */
async function backupFolder(dir: string): Promise<string> {
  try {
    return await repoRoot(dir);
  } catch {
    return resolve(dir);
  }
}

async function ask(app: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    process.stdout.write(`This backs up ${app}'s databases, then turns maintenance on, scales every process to 0 and DESTROYS ${app}.\n`);
    return (await prompt.question(`Type the app's name to go on: `)).trim();
  } finally {
    prompt.close();
  }
}
