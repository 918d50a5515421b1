import { InputError } from '../core/errors.js';
import { toolVersion } from '../core/version.js';
import { openApp } from '../deploy/cli-wiring.js';
import { repoRoot } from '../deploy/git.js';
import { listReleases, type ReleaseEntry } from '../deploy/history.js';
import { parseChoice, parseCommandArgs } from './args.js';
import type { Command } from './command.js';

export const releasesCommand: Command = {
  help: `Usage: implanta releases -a APP [DIR] [options]

The app's releases, newest first (version, when, status, description, which one is current), with
what implanta recorded in DIR's repository (.implanta/deploys.jsonl) about the ones it made: the deploy
or rollback, the commit, who ran it, and whether the smoke test passed.

Options:
  -a, --app APP     the Heroku app (required)
  --api-url URL     Platform API base URL (default https://api.heroku.com; env IMPLANTA_API_URL)
  --format FORMAT   text (default: a table) or json

Examples:
  implanta releases -a hollow
  implanta releases -a hollow ../hollow-site
  implanta releases -a hollow --format json | jq '.releases[0]'
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('releases', argv, {
      app: { type: 'string', short: 'a' },
      'api-url': { type: 'string' },
      format: { type: 'string' },
    });
    if (!values.app) throw new InputError('say which app: -a APP (see `implanta releases --help`)');
    if (positionals.length > 1) throw new InputError('expected at most one project folder (see `implanta releases --help`)');
    const format = parseChoice('--format', values.format, ['text', 'json'] as const, 'text');
    const repo = await repoRoot(positionals[0] ?? '.');
    const { client, redactor } = await openApp(values.app, { ...(values['api-url'] && { apiUrl: values['api-url'] }) });
    const releases = redactor.redactDeep(await listReleases(client, values.app, repo));
    process.stdout.write(format === 'json' ? JSON.stringify({ tool: 'implanta', version: toolVersion(), app: values.app, releases }, null, 2) + '\n' : table(values.app, releases));
    return 0;
  },
};

function table(app: string, releases: ReleaseEntry[]): string {
  if (releases.length === 0) return `${app} has no releases yet.\n`;
  const rows = releases.map((r) => [
    `v${r.version}${r.current ? ' *' : ''}`,
    r.created_at ? r.created_at.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '',
    r.status,
    r.description ?? '',
    r.implanta ? byImplanta(r.implanta) : '',
  ]);
  const header = ['version', 'created (UTC)', 'status', 'description', 'by implanta'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line), '', '* the current release'].join('\n') + '\n';
}

function byImplanta(info: NonNullable<ReleaseEntry['implanta']>): string {
  const smoke = info.smoke_ok === undefined ? 'not smoke-tested' : info.smoke_ok ? 'smoke passed' : 'smoke FAILED';
  return `${info.role === 'rollback' ? 'rollback of' : 'deploy'}${info.commit ? ` ${info.commit.slice(0, 12)}` : ''}, ${smoke}, ${info.outcome}, ${info.by}`;
}
