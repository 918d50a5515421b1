import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { parseCheckOutput } from './check-output.js';
import { pythonChildEnv } from './child-env.js';
import { lastLine, runProcess } from './run-process.js';
import type { PythonRunOptions } from './settings-from-python.js';

const CHECK_TIMEOUT_MS = 120_000;

/**
 * Django's own verdict: runs `manage.py check --deploy` with the project's interpreter under the
 * evaluation environment and returns each issue as a finding under Django's ID. Exit status 1 with a
 * report is Django saying "there are errors", not a failure of the run.
 */
export async function runDjangoCheckDeploy(opts: PythonRunOptions): Promise<Finding[]> {
  if (!existsSync(join(opts.root, 'manage.py'))) throw new InputError(`${opts.root}: no manage.py, cannot run \`manage.py check --deploy\``);
  const result = await runProcess(opts.python, ['manage.py', 'check', '--deploy'], {
    cwd: opts.root,
    env: pythonChildEnv(opts.env, opts.module),
    timeoutMs: CHECK_TIMEOUT_MS,
  });
  if (result.failure) throw new InputError(`\`manage.py check --deploy\` with ${opts.python}: ${result.failure}`);
  // Warnings go to stderr, "no issues" to stdout, so read both.
  const issues = parseCheckOutput(`${result.stdout}\n${result.stderr}`);
  if (!issues) {
    const reason = lastLine(result.stderr) ?? lastLine(result.stdout) ?? `exit status ${result.exitCode}`;
    throw new InputError(`\`manage.py check --deploy\` failed for settings ${opts.module}: ${reason}`);
  }
  return issues.map((issue) => ({
    rule: issue.id,
    area: 'django',
    severity: issue.severity,
    message: issue.object ? `${issue.object}: ${issue.message}` : issue.message,
    ...(issue.hint !== undefined && { hint: issue.hint }),
  }));
}
