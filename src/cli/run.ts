import { InputError } from '../core/errors.js';
import { openApp } from '../deploy/cli-wiring.js';
import { appPath } from '../deploy/follow.js';
import { attachToDyno, withExitStatus } from '../run/rendezvous.js';
import { parseCommandArgs, parseEnvPairs } from './args.js';
import type { Command } from './command.js';

interface DynoAnswer {
  name?: string;
  attach_url?: string | null;
}

export const runCommand: Command = {
  help: `Usage: implanta run -a APP [options] -- COMMAND [ARGS...]

Runs COMMAND in a one-off dyno of the app, as \`heroku run\` does: from the current release's slug, with
the app's config vars and DYNO=run.N. Attached (the default), its output is printed here as it comes and
this terminal's input goes to it; implanta exits with the command's own exit status. With --detach it
runs in the background, its output in the app's log (\`implanta logs -a APP\`).

Options:
  -a, --app APP        the Heroku app (required)
  --detach             do not wait: start it and print the dyno's name
  -e, --env KEY=VALUE  an extra environment variable for this run (repeatable)
  -s, --size SIZE      dyno size (default: the platform's, Basic on implanta local)
  --api-url URL        Platform API base URL (default https://api.heroku.com; env IMPLANTA_API_URL)

There is no terminal (tty) on the dyno side: a command that insists on one (an interactive prompt
that reads a password) reads lines from standard input instead, or refuses.

Exit codes: the command's exit status when attached (0 with --detach once it started); 2 bad input;
3 the platform could not be reached or refused the run.

Examples:
  implanta run -a hollow -- python manage.py migrate --check
  echo "from django.contrib.auth.models import User; print(User.objects.count())" | implanta run -a hollow -- python manage.py shell
  implanta run -a hollow --detach -- python manage.py clearsessions
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('run', argv, {
      app: { type: 'string', short: 'a' },
      detach: { type: 'boolean' },
      env: { type: 'string', short: 'e', multiple: true },
      size: { type: 'string', short: 's' },
      'api-url': { type: 'string' },
    });
    if (!values.app) throw new InputError('say which app: -a APP (see `implanta run --help`)');
    if (positionals.length === 0) throw new InputError('say what to run: implanta run -a APP -- COMMAND (see `implanta run --help`)');
    const command = positionals.join(' ');
    const { client, redactor } = await openApp(values.app, { ...(values['api-url'] && { apiUrl: values['api-url'] }) });
    const detach = values.detach === true;
    const dyno = await client.post<DynoAnswer>(appPath(values.app, '/dynos'), {
      command: detach ? command : withExitStatus(command),
      attach: !detach,
      env: parseEnvPairs(values.env),
      ...(values.size && { size: values.size }),
    });
    if (detach) {
      process.stdout.write(redactor.redact(`Running ${command} on ${values.app}: ${dyno.name ?? 'a one-off dyno'}. Its output goes to the app's log: implanta logs -a ${values.app}\n`));
      return 0;
    }
    if (!dyno.attach_url) throw new InputError(`${values.app}: the platform started ${dyno.name ?? 'the dyno'} without an attach_url, so it cannot be attached; use --detach`);
    process.stderr.write(redactor.redact(`Running ${command} on ${values.app}: ${dyno.name ?? 'one-off dyno'}\n`));
    const status = await attachToDyno(dyno.attach_url, {
      input: process.stdin,
      output: (text) => process.stdout.write(redactor.redact(text)),
    });
    process.stdin.destroy();
    if (status === null) {
      process.stderr.write(`${dyno.name ?? 'the dyno'}: the connection closed before the command reported its exit status\n`);
      return 1;
    }
    return status;
  },
};
