import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { toolVersion } from '../core/version.js';
import { findProjectRoot } from '../project/discover.js';
import { findPython } from '../python/interpreter.js';
import { startChild } from './child.js';
import { loadDeployConfig } from './config.js';
import { git, gitEnv, gitReason, repoRoot, resolveCommit } from './git.js';
import { onInterrupt } from './interrupt.js';
import { appendNote, type TestNote } from './notes.js';
import type { Progress } from './steps.js';

export interface TestRunOptions extends Progress {
  /** The repository (any folder inside its working tree). */
  repo: string;
  /** What to test: a branch, tag or commit. The deploy branch of the config by default. */
  ref?: string;
  /** A shell command; else the config's test_command, else `<python> manage.py test`. */
  command?: string;
  /** --python: the interpreter of the default command. */
  python?: string;
  /** Added to implanta's own environment for the test command (DATABASE_URL of a test server, …). */
  env?: Record<string, string>;
}

export interface TestRunResult {
  commit: string;
  note: TestNote;
}

/**
 * Runs the project's tests on the tip of `ref` exactly as committed: in a temporary worktree of that
 * commit, never the working folder (whose uncommitted edits would make the result a lie). The result is
 * recorded as a git note on the commit; the worktree is removed afterwards, on failure and on Ctrl-C too.
 */
export async function runProjectTests(options: TestRunOptions): Promise<TestRunResult> {
  const repo = await repoRoot(options.repo);
  const config = loadDeployConfig(repo);
  const ref = options.ref ?? config.branch;
  const commit = await resolveCommit(repo, ref);
  if (!commit) throw new InputError(`${ref}: no such branch or commit in ${repo}`);

  const base = mkdtempSync(join(tmpdir(), 'implanta-test-'));
  const tree = join(base, 'tree');
  const added = await git(repo, ['worktree', 'add', '--detach', tree, commit]);
  if (added.code !== 0) {
    rmSync(base, { recursive: true, force: true });
    throw new InputError(`cannot check out ${ref} into a temporary worktree: ${gitReason(added)}`);
  }
  // Synchronous, so that it can also run from a signal handler just before the process dies.
  const removeTree = () => {
    try {
      execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: repo, env: gitEnv(), stdio: 'ignore' });
    } catch {
      // Deleting the folder and `git worktree prune` clean up what `worktree remove` could not.
    }
    rmSync(base, { recursive: true, force: true });
  };
  let killChild: (() => void) | undefined;
  const forget = onInterrupt(() => {
    killChild?.();
    removeTree();
  });
  try {
    const command = options.command ?? config.testCommand;
    const run = command !== undefined ? { shown: command, file: '/bin/sh', args: ['-c', command], cwd: tree } : await defaultCommand(repo, options.python, tree);
    options.onStep?.({ name: 'tests', status: 'start', detail: `${run.shown} on ${ref} (${commit.slice(0, 12)})` });
    const started = Date.now();
    const child = startChild(run.file, run.args, {
      cwd: run.cwd,
      env: { ...process.env, ...options.env },
      onLine: (line) => options.onOutput?.(line),
    });
    killChild = () => child.kill('SIGTERM');
    const result = await child.done;
    killChild = undefined;
    if (result.failure) throw new InputError(`cannot run the tests: ${result.failure}`);

    const note: TestNote = {
      kind: 'test',
      command: maskUrlPasswords(run.shown),
      result: result.code === 0 ? 'passed' : 'failed',
      exit_code: result.code,
      duration_s: Math.round((Date.now() - started) / 100) / 10,
      at: new Date().toISOString(),
      machine: hostname(),
      implanta: toolVersion(),
    };
    await appendNote(repo, commit, note);
    const how = result.signal ? `killed by ${result.signal}` : `exit status ${result.code}`;
    options.onStep?.({ name: 'tests', status: note.result === 'passed' ? 'ok' : 'fail', detail: `${note.result} (${how})` });
    return { commit, note };
  } finally {
    forget();
    removeTree();
    await git(repo, ['worktree', 'prune']);
  }
}

/** `<python> manage.py test`, run where manage.py is in the checked-out tree. */
async function defaultCommand(repo: string, python: string | undefined, tree: string) {
  // The interpreter is looked for in the real folder: its .venv is not committed, so the worktree has none.
  const interpreter = await findPython({ root: repo, ...(python !== undefined && { explicit: python }) });
  const cwd = findProjectRoot(tree);
  const where = cwd === tree ? '' : ` (in ${cwd.slice(tree.length + 1)})`;
  return { shown: `${interpreter.path} manage.py test${where}`, file: interpreter.path, args: ['manage.py', 'test'], cwd };
}

/** A command may carry a database URL; its password must not travel in a note that is pushed to a remote. */
function maskUrlPasswords(command: string): string {
  return command.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:)[^@\s/]+@/gi, '$1***@');
}
