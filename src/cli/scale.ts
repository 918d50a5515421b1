import { InputError } from '../core/errors.js';
import { openApp } from '../deploy/cli-wiring.js';
import { scale, type ProcessScale, type ScaleReport } from '../deploy/operations.js';
import { findDynoSize } from '../heroku/platform-data.js';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';

export const scaleCommand: Command = {
  help: `Usage: implanta scale -a APP TYPE=QUANTITY[:SIZE]|TYPE+N|TYPE-N …

Changes the app's formation in one batch (all of it or none, as \`heroku ps:scale\`), then shows each
process type before and after. Fewer dynos, smaller ones or none at all is the guide's "deactivation":
the summary says which changes are.

Options:
  -a, --app APP     the Heroku app (required)
  --api-url URL     Platform API base URL (default https://api.heroku.com; env IMPLANTA_API_URL)

Exit codes: 0 scaled; 2 bad input (a term that is not TYPE=N[:SIZE], an unknown process type); 3 the
platform could not be reached or refused the change.

Examples:
  implanta scale -a hollow web=2:standard-1x
  implanta scale -a hollow web=1:basic worker=0
  implanta scale -a hollow web+1
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('scale', argv, {
      app: { type: 'string', short: 'a' },
      'api-url': { type: 'string' },
    });
    if (!values.app) throw new InputError('say which app: -a APP (see `implanta scale --help`)');
    if (positionals.length === 0) throw new InputError('say what to change, e.g. web=2:standard-1x worker=0 (see `implanta scale --help`)');
    const { client, redactor } = await openApp(values.app, { ...(values['api-url'] && { apiUrl: values['api-url'] }) });
    const report = await scale(client, values.app, positionals.join(' '));
    process.stdout.write(redactor.redact(table(values.app, report)));
    return 0;
  },
};

function table(app: string, report: ScaleReport): string {
  const types = [...new Set([...report.before, ...report.after].map((p) => p.type))];
  const rows = types.map((type) => {
    const before = report.before.find((p) => p.type === type);
    const after = report.after.find((p) => p.type === type);
    return [type, shown(before), shown(after), change(before, after)];
  });
  const header = ['process', 'before', 'after', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [`Formation of ${app}:`, line(header), ...rows.map(line)].join('\n') + '\n';
}

function shown(p: ProcessScale | undefined): string {
  return p ? `${p.quantity} × ${p.size}` : '-';
}

/** What the change means in the guide's terms: taking the app out of service, fully or in part, is deactivation. */
function change(before: ProcessScale | undefined, after: ProcessScale | undefined): string {
  if (!before || !after) return '';
  const notes: string[] = [];
  if (after.quantity === 0 && before.quantity > 0) notes.push('stopped (deactivation)');
  else if (after.quantity < before.quantity) notes.push('scaled down (deactivation)');
  else if (after.quantity > before.quantity) notes.push('scaled up');
  const cost = (size: string) => findDynoSize(size)?.monthly_usd;
  const [was, now] = [cost(before.size), cost(after.size)];
  if (before.size.toLowerCase() !== after.size.toLowerCase()) {
    notes.push(was !== undefined && now !== undefined && now < was ? `downgraded to ${after.size} (deactivation)` : `resized to ${after.size}`);
  }
  return notes.join(', ') || 'unchanged';
}
