import { InputError } from '../core/errors.js';
import { toolVersion } from '../core/version.js';
import { formatOutcome } from '../upgrade/format-outcome.js';
import { outcomeExitCode } from '../upgrade/outcome.js';
import { runUpgrade } from '../upgrade/run-upgrade.js';
import { parseChoice, parseCommandArgs } from './args.js';
import type { Command } from './command.js';
import { progressLine } from './render.js';

export const upgradeCommand: Command = {
  help: `Usage: implanta upgrade django|python|stack|PACKAGE [DIR] [options]

Moves one version forward and proves it. For Django or a package, edits the pin where it is declared
(requirements.txt, a file it includes with -r, or a constraints file with -c), keeping the line's
comments, extras, markers and line endings. For python, edits .python-version (or runtime.txt). Then
runs the project's tests and \`implanta check\`, shows the diff and the verdict, and puts the files
back exactly as they were when either fails. For stack, sets the app's build stack through the
Platform API: the change takes effect at the next build. In a monorepo (manage.py in backend/), the
files edited are the ones Heroku builds from, as \`implanta check\` finds them: the top's requirements.txt
or .python-version, named from manage.py's folder (../requirements.txt).

Default target: Django's newest series still in security support that runs on the declared Python,
newest patch (--lts: newest LTS series); a package's newest release; Python's newest series Heroku
builds and the pinned Django supports; Heroku's default stack. Every target, --to included, must fit
the other pins (their requires_dist on PyPI) and the Python version; a conflict names the pin.

Refused: lock files (Pipfile.lock, poetry.lock, uv.lock: the lock tool's command is printed) and
pins with --hash values (regenerate them with pip-compile --generate-hashes; stale hashes fail the build).

Options:
  --to VERSION          the target: 5.2.9 (a package), 3.13 (python), heroku-24 (stack)
  --lts                 Django: the newest long-term-support series
  --dry-run             show the target, the diff and what would run; change nothing
  --keep                keep the edit when tests or checks fail (default: restore the files)
  --commit              git commit exactly the edited files once tests and checks pass
  --deploy              then deploy (needs --commit, -a APP, and the deploy branch checked out)
  -a, --app APP         the Heroku app (stack upgrades and --deploy)
  --api-url URL         Platform API base URL (default https://api.heroku.com; env IMPLANTA_API_URL)
  --pypi-url URL        PyPI base URL (default https://pypi.org)
  --offline             no network: PyPI answers from the cache only
  --python PATH         the project's interpreter for \`manage.py test\`
  --test-command CMD    run the tests with this shell command (else .implanta.json test_command)
  --env-file FILE       variables the tests and the check run with (SECRET_KEY, DATABASE_URL…)
  --format FORMAT       text (default) or json

Exit codes: 0 upgraded (or nothing to do); 1 tests or checks failed; 2 bad input or a refused target;
3 the platform or PyPI could not be reached.

Examples:
  implanta upgrade django --lts --env-file .env.test
  implanta upgrade whitenoise --to 6.9.0 --commit
  implanta upgrade python --to 3.13 --dry-run
  implanta upgrade stack --to heroku-24 -a hollow
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('upgrade', argv, {
      to: { type: 'string' },
      lts: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      keep: { type: 'boolean' },
      commit: { type: 'boolean' },
      deploy: { type: 'boolean' },
      app: { type: 'string', short: 'a' },
      'api-url': { type: 'string' },
      'pypi-url': { type: 'string' },
      offline: { type: 'boolean' },
      python: { type: 'string' },
      'test-command': { type: 'string' },
      'env-file': { type: 'string' },
      format: { type: 'string' },
    });
    if (positionals.length > 2) throw new InputError('expected what to upgrade and at most one project folder (see `implanta upgrade --help`)');
    const what = positionals[0];
    if (what === undefined) throw new InputError('say what to upgrade: django, python, stack or a package name (see `implanta upgrade --help`)');
    const format = parseChoice('--format', values.format, ['text', 'json'] as const, 'text');
    const progress = progressLine(format === 'text');
    const outcome = await runUpgrade({
      what,
      dir: positionals[1] ?? '.',
      ...(values.to !== undefined && { to: values.to }),
      lts: values.lts ?? false,
      dryRun: values['dry-run'] ?? false,
      keep: values.keep ?? false,
      commit: values.commit ?? false,
      deploy: values.deploy ?? false,
      ...(values.app && { app: values.app }),
      ...(values['api-url'] && { apiUrl: values['api-url'] }),
      ...(values['pypi-url'] && { pypiUrl: values['pypi-url'] }),
      offline: values.offline ?? false,
      ...(values.python && { python: values.python }),
      ...(values['test-command'] && { testCommand: values['test-command'] }),
      ...(values['env-file'] && { envFile: values['env-file'] }),
      progress: progress.update,
    }).finally(progress.clear);
    process.stdout.write(format === 'json' ? JSON.stringify({ tool: 'implanta', version: toolVersion(), upgrade: outcome }, null, 2) + '\n' : formatOutcome(outcome));
    return outcomeExitCode(outcome);
  },
};
