import { Redactor } from '../core/redact.js';
import { interpreterEnv } from '../python/child-env.js';
import { findPython, type PythonInterpreter } from '../python/interpreter.js';
import { runProcess } from '../python/run-process.js';
import { InputError } from '../core/errors.js';

/** How the project's tests are run, and how that reads in the output. */
export interface TestPlan {
  display: string;
  command: string;
  args: string[];
  /** The interpreter `manage.py test` runs with; absent for a custom command. */
  interpreter?: PythonInterpreter;
}

export interface TestOutcome {
  command: string;
  passed: boolean;
  exitCode: number | null;
  /** The last lines of the output, secrets masked: what a failure needs to be understood. */
  tail: string;
}

const TEST_TIMEOUT_MS = 30 * 60 * 1000;
const TAIL_LINES = 30;

/** `--test-command`, else `.implanta.json`'s `test_command`, else `<python> manage.py test`. */
export async function planTests(root: string, opts: { testCommand?: string; configured?: string; python?: string }): Promise<TestPlan> {
  const shell = opts.testCommand ?? opts.configured;
  if (shell !== undefined) {
    const source = opts.testCommand !== undefined ? '' : ' (test_command in .implanta.json)';
    return { display: `${shell}${source}`, command: 'sh', args: ['-c', shell] };
  }
  const interpreter = await findPython({ root, ...(opts.python && { explicit: opts.python }) });
  if (!interpreter.django) throw new InputError(`--python ${interpreter.path}: it cannot import Django, so it cannot run manage.py test`);
  return { display: `${interpreter.path} manage.py test`, command: interpreter.path, args: ['manage.py', 'test'], interpreter };
}

/**
 * Runs the tests in the project root with only PATH, HOME, LANG and the `--env-file` variables, as the
 * check evaluates settings: a DEBUG=1 left in the user's shell cannot make them pass.
 */
export async function runTests(root: string, plan: TestPlan, env: Record<string, string>): Promise<TestOutcome> {
  const childEnv = { ...env, ...interpreterEnv(), PYTHONDONTWRITEBYTECODE: '1' };
  const result = await runProcess(plan.command, plan.args, { cwd: root, env: childEnv, timeoutMs: TEST_TIMEOUT_MS });
  const output = `${result.stdout}${result.stderr}${result.failure ? `\n${plan.command}: ${result.failure}` : ''}`;
  const tail = output.split('\n').filter((l) => l.trim()).slice(-TAIL_LINES).join('\n');
  return { command: plan.display, passed: result.exitCode === 0, exitCode: result.exitCode, tail: new Redactor(Object.values(env)).redact(tail) };
}
