import { spawn } from 'node:child_process';
import { InputError } from '../core/errors.js';
import { git, gitEnv, gitReason } from '../deploy/git.js';
import { keyOfPath } from './read-migration.js';

/** The migration files of two commits, as git holds them. */
export interface MigrationTrees {
  /** Every migration file of the head commit: path (relative to the project) → source. */
  head: Map<string, string>;
  /** Paths (relative to the project) of the migration files the base commit has. */
  base: Set<string>;
  /** Paths present at both ends whose content differs. */
  edited: Set<string>;
}

/** A ref's commit; an InputError naming the ref when it names none. */
export async function commitOf(repo: string, ref: string, what: string): Promise<string> {
  const result = await git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (result.code !== 0) throw new InputError(`${what} ${ref}: not a commit of ${repo} (git fetch it first?)`);
  return result.stdout.trim();
}

/**
 * Reads the migration files (`*\/migrations/*.py`, not `__init__.py`) under `prefix` at `head`, and which
 * of them exist at `base` or changed since. Contents come from git, not the working tree, so what is
 * judged is exactly what the commit ships.
 */
export async function readMigrationTrees(repo: string, prefix: string, base: string, head: string): Promise<MigrationTrees> {
  const [headPaths, basePaths, changed] = await Promise.all([
    listMigrations(repo, head, prefix),
    listMigrations(repo, base, prefix),
    gitLines(repo, ['diff', '--name-only', '--no-renames', '--diff-filter=M', base, head, '--', prefix || '.']),
  ]);
  const contents = await catFiles(repo, headPaths.map((p) => `${head}:${p}`));
  const strip = (p: string) => (prefix ? p.slice(prefix.length + 1) : p);
  const baseSet = new Set(basePaths.map(strip));
  return {
    head: new Map(headPaths.map((p, i) => [strip(p), contents[i]!])),
    base: baseSet,
    edited: new Set(changed.filter((p) => isMigration(p)).map(strip).filter((p) => baseSet.has(p))),
  };
}

function isMigration(path: string): boolean {
  return keyOfPath(path) !== undefined;
}

async function listMigrations(repo: string, commit: string, prefix: string): Promise<string[]> {
  const paths = await gitLines(repo, ['ls-tree', '-r', '--name-only', '--full-tree', commit, '--', ...(prefix ? [prefix] : [])]);
  return paths.filter(isMigration);
}

async function gitLines(repo: string, args: string[]): Promise<string[]> {
  const result = await git(repo, ['-c', 'core.quotePath=false', ...args]);
  if (result.code !== 0) throw new InputError(`git ${args[0]} in ${repo}: ${gitReason(result)}`);
  return result.stdout.split('\n').filter(Boolean);
}

/** Many blobs in one `git cat-file --batch`: a project has hundreds of migrations. */
function catFiles(repo: string, specs: string[]): Promise<string[]> {
  if (specs.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: repo, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', (error) => reject(new InputError(`git cat-file: ${error.message}`)));
    child.on('close', () => {
      const out = Buffer.concat(chunks);
      const texts: string[] = [];
      let at = 0;
      for (const spec of specs) {
        const eol = out.indexOf(10, at);
        const header = out.subarray(at, eol).toString();
        const size = Number(/^\S+ blob (\d+)$/.exec(header)?.[1]);
        if (eol < 0 || Number.isNaN(size)) return reject(new InputError(`git cat-file ${spec}: ${header || 'no answer'}`));
        texts.push(out.subarray(eol + 1, eol + 1 + size).toString('utf8'));
        at = eol + 1 + size + 1;
      }
      resolve(texts);
    });
    child.stdin.end(specs.join('\n') + '\n');
  });
}
