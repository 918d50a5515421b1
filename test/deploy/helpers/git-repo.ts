import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com', LC_ALL: 'C' };

export function sh(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

const made: string[] = [];
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system's temp dir, removed when the test process exits. */
export function tempDir(prefix = 'implanta-deploy-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

/** A repository with one commit on `production` (checked out), holding `files`. */
export function makeRepo(files: Record<string, string> = { 'README.md': 'hello\n' }, branch = 'production'): string {
  const repo = tempDir();
  sh(repo, ['init', '--quiet', `--initial-branch=${branch}`]);
  // implanta writes git notes, which are commits: they need an identity like any other.
  sh(repo, ['config', 'user.name', 'Test']);
  sh(repo, ['config', 'user.email', 't@example.com']);
  commit(repo, files, 'first');
  return repo;
}

export function commit(repo: string, files: Record<string, string>, message = 'change'): string {
  writeFiles(repo, files);
  sh(repo, ['add', '--all']);
  sh(repo, ['commit', '--quiet', '-m', message]);
  return sh(repo, ['rev-parse', 'HEAD']);
}
