import { relative } from 'node:path';
import { InputError } from '../core/errors.js';
import { git, gitReason, gitText } from '../deploy/git.js';

/** The top of the git work tree holding `dir`, or undefined outside one. */
export async function gitTop(dir: string): Promise<string | undefined> {
  const result = await git(dir, ['rev-parse', '--show-toplevel']);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/**
 * `--commit` commits exactly the upgrade: a file to edit that already has changes of its own (or is
 * not committed at all) would smuggle them into the upgrade commit, so it stops the upgrade first.
 */
export async function assertCommittable(top: string, paths: string[]): Promise<void> {
  const status = await git(top, ['status', '--porcelain', '--', ...paths.map((p) => relative(top, p))]);
  if (status.code !== 0) throw new InputError(`git status in ${top}: ${gitReason(status)}`);
  const dirty = status.stdout.split('\n').filter(Boolean).map((l) => l.slice(3));
  if (dirty.length > 0) {
    throw new InputError(`--commit: ${dirty.join(', ')} ${dirty.length > 1 ? 'have' : 'has'} uncommitted changes: commit or set them aside first, so the upgrade commit holds only the upgrade`);
  }
}

export async function currentBranch(top: string): Promise<string> {
  return gitText(top, ['rev-parse', '--abbrev-ref', 'HEAD']);
}

/** One commit of exactly these files (`--only`: whatever else is staged stays staged, uncommitted). */
export async function commitFiles(top: string, paths: string[], message: string): Promise<string> {
  const files = paths.map((p) => relative(top, p));
  await gitText(top, ['add', '--', ...files]);
  const result = await git(top, ['commit', '--only', '-m', message, '--', ...files]);
  if (result.code !== 0) {
    // Unstage what `add` staged, so a refused commit (a hook, no identity) leaves the index as it was.
    await git(top, ['reset', '-q', '--', ...files]);
    throw new InputError(`git commit: ${gitReason(result)}`);
  }
  return gitText(top, ['rev-parse', 'HEAD']);
}
