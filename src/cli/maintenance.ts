import { InputError } from '../core/errors.js';
import { openApp } from '../deploy/cli-wiring.js';
import { maintenance } from '../deploy/operations.js';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';

export const maintenanceCommand: Command = {
  help: `Usage: implanta maintenance on|off -a APP

Turns the app's maintenance mode on or off, then checks what visitors now get from the router: with it
on, a 503 carrying your page when the MAINTENANCE_PAGE_URL config var is set (else Heroku's own); with
it off, the app again.

Options:
  -a, --app APP     the Heroku app (required)
  --api-url URL     Platform API base URL (default https://api.heroku.com; env IMPLANTA_API_URL)

Exit codes: 0 switched and the router serves what it should; 1 switched, but the router does not (yet);
2 bad input; 3 the platform could not be reached.

Examples:
  implanta maintenance on -a hollow
  implanta maintenance off -a hollow
  heroku config:set MAINTENANCE_PAGE_URL=https://pages.example.org/maintenance.html -a hollow && implanta maintenance on -a hollow
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('maintenance', argv, {
      app: { type: 'string', short: 'a' },
      'api-url': { type: 'string' },
    });
    const [mode, ...rest] = positionals;
    if (mode !== 'on' && mode !== 'off') throw new InputError(`say on or off${mode ? `, not '${mode}'` : ''} (see \`implanta maintenance --help\`)`);
    if (rest.length > 0) throw new InputError(`unexpected argument '${rest[0]}' (see \`implanta maintenance --help\`)`);
    if (!values.app) throw new InputError('say which app: -a APP (see `implanta maintenance --help`)');
    const { client, redactor } = await openApp(values.app, { ...(values['api-url'] && { apiUrl: values['api-url'] }) });
    const report = await maintenance(client, values.app, mode === 'on');
    process.stdout.write(redactor.redact(`${report.ok ? '✓' : '✗'} ${values.app}: ${report.detail}\n`));
    return report.ok ? 0 : 1;
  },
};
