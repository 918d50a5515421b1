import { isAbsolute, join } from 'node:path';
import { InputError } from '../core/errors.js';
import { runChild, type ChildResult } from './child.js';

/** Git as implanta runs it: never prompting, never paging, messages in English so they can be matched. */
export function gitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C', ...extra };
}

export function git(repo: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ChildResult> {
  return runChild('git', args, { cwd: repo, env: gitEnv(options.env), input: options.input });
}

/** stdout of a git command that must succeed, trimmed; a failure is an InputError quoting git's reason. */
export async function gitText(repo: string, args: string[], options: { input?: string } = {}): Promise<string> {
  const result = await git(repo, args, options);
  if (result.code !== 0) throw new InputError(`git ${args[0]} in ${repo}: ${gitReason(result)}`);
  return result.stdout.trim();
}

/** The last line git wrote to stderr, or why it did not run. */
export function gitReason(result: ChildResult): string {
  if (result.failure) return result.failure;
  if (result.signal) return `killed by ${result.signal}`;
  const lines = result.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? `exit status ${result.code}`;
}

/** The commit a ref names, or undefined when it names none. */
export async function resolveCommit(repo: string, ref: string): Promise<string | undefined> {
  const result = await git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/** The top of the working tree that holds `dir`; an InputError when it is not in a git repository. */
export async function repoRoot(dir: string): Promise<string> {
  const result = await git(dir, ['rev-parse', '--show-toplevel']);
  if (result.code !== 0) throw new InputError(`${dir}: not inside a git repository (${gitReason(result)})`);
  return result.stdout.trim();
}

/** The git dir shared by every worktree of the repository: state that must be seen by all of them lives there. */
export async function commonGitDir(repo: string): Promise<string> {
  const dir = await gitText(repo, ['rev-parse', '--git-common-dir']);
  return isAbsolute(dir) ? dir : join(repo, dir);
}
