import { resolve } from 'node:path';
import { secretValues } from '../check/secrets.js';
import { InputError } from '../core/errors.js';
import { Redactor } from '../core/redact.js';
import { NOTES_REF } from '../deploy/notes.js';
import { runProjectTests } from '../deploy/test-run.js';
import { readDotenvFile } from '../project/dotenv.js';
import { parseCommandArgs, parseEnvPairs } from './args.js';
import type { Command } from './command.js';
import { printSteps } from './step-lines.js';

export const testCommand: Command = {
  help: `Usage: implanta test [DIR] [options]

Runs the project's tests on the committed tip of the deploy branch, in a temporary git worktree (never
your working folder: uncommitted edits would make the result a lie), and records the result as a git
note on that commit (refs/notes/implanta). \`implanta deploy\` ships only a commit whose note says passed.
The command is --command, else .implanta.json's test_command, else \`<python> manage.py test\`.

Options:
  --branch BRANCH     test the tip of this branch (or any commit) instead of .implanta.json's (default production)
  --command CMD       run the tests with this shell command, in the worktree
  --python PATH       the interpreter of \`manage.py test\` (default: $VIRTUAL_ENV, .venv, python3, python)
  --env-file FILE     variables the tests run with (SECRET_KEY, DATABASE_URL of a test server…)
  --env KEY=VALUE     one more variable (repeatable; after --env-file)

Exit codes: 0 the tests passed; 1 they failed; 2 bad input (no such branch, not a git repository).

Share the notes with your team (they are not pushed by default):
  git push origin refs/notes/implanta
  git fetch origin refs/notes/implanta:refs/notes/implanta

Examples:
  implanta test
  implanta test --python .venv/bin/python --env-file .env.test
  implanta test --branch main --command "pytest -q"
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('test', argv, {
      branch: { type: 'string' },
      command: { type: 'string' },
      python: { type: 'string' },
      'env-file': { type: 'string' },
      env: { type: 'string', multiple: true },
    });
    if (positionals.length > 1) throw new InputError('expected at most one project folder (see `implanta test --help`)');
    const envFile = values['env-file'];
    const env = { ...(envFile ? readDotenvFile(resolve(envFile), envFile) : {}), ...parseEnvPairs(values.env) };
    // What the tests print, and the command line shown, may quote the variables they were given.
    const redactor = new Redactor(secretValues(env));
    const steps = printSteps((text) => process.stdout.write(redactor.redact(text)));
    const { commit, note } = await runProjectTests({
      repo: positionals[0] ?? '.',
      ...(values.branch && { ref: values.branch }),
      ...(values.command && { command: values.command }),
      ...(values.python && { python: values.python }),
      env,
      ...steps,
    });
    const verdict = note.result === 'passed' ? 'passed' : `failed (exit status ${note.exit_code})`;
    // Made of the commit, the verdict and fixed words: nothing here to redact (a short password such as
    // "implanta" would otherwise mask the tool's own name).
    process.stdout.write(
      `\nThe tests of ${commit.slice(0, 12)} ${verdict} in ${note.duration_s}s; recorded in ${NOTES_REF} (see it with git log --notes=implanta -1 ${commit.slice(0, 12)}).\n` +
        (note.result === 'passed' ? `Share it so a teammate's deploy accepts the commit: git push origin ${NOTES_REF}\n` : 'Fix the tests, commit, and run implanta test again.\n'),
    );
    return note.result === 'passed' ? 0 : 1;
  },
};
