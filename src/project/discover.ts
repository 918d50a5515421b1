import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { readGitIndexPaths } from './git-index.js';

/** Folders that are never part of the deployed code: VCS data, dependencies, caches. */
const SKIPPED_DIRS = new Set(['.git', '.hg', 'node_modules', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'venv', '.venv', 'virtualenv']);

function isSkippedDir(path: string, name: string): boolean {
  // Any virtualenv, whatever its name, has a pyvenv.cfg at its top.
  return SKIPPED_DIRS.has(name) || existsSync(join(path, 'pyvenv.cfg'));
}

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * The Django project's root: DIR itself when it holds manage.py, else the one folder at most two
 * levels down that does. Monorepos keep the site in `backend/` or `src/site/`; guessing among several
 * would check the wrong project, so several is an error that lists them.
 */
export function findProjectRoot(dir: string): string {
  const start = resolve(dir);
  let stat;
  try {
    stat = statSync(start);
  } catch {
    throw new InputError(`${dir}: no such folder`);
  }
  if (!stat.isDirectory()) throw new InputError(`${dir}: not a folder; pass the Django project's folder (the one with manage.py)`);
  if (existsSync(join(start, 'manage.py'))) return scriptFolder(start);
  const found: string[] = [];
  const search = (folder: string, depth: number): void => {
    for (const entry of entries(folder)) {
      if (!entry.isDirectory() || isSkippedDir(join(folder, entry.name), entry.name)) continue;
      const child = join(folder, entry.name);
      if (existsSync(join(child, 'manage.py'))) found.push(child);
      else if (depth < 2) search(child, depth + 1);
    }
  };
  search(start, 1);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new InputError(`${dir}: no manage.py here or two levels below; pass the Django project's folder (the one with manage.py)`);
  const listed = found.map((f) => relative(start, join(f, 'manage.py'))).sort().join(', ');
  throw new InputError(`${dir}: several Django projects (${listed}); pass the folder of the one to check`);
}

/**
 * The folder of `start/manage.py` as Python sees it: a manage.py that is a symlink to one in a subfolder
 * (TabbycatDebate/tabbycat: manage.py -> tabbycat/manage.py) puts that subfolder on the import path, so
 * the settings are found there, and the project root is it (the folder given stays the build root).
 */
function scriptFolder(start: string): string {
  const script = join(start, 'manage.py');
  try {
    if (!lstatSync(script).isSymbolicLink()) return start;
    const real = dirname(realpathSync(script));
    const top = realpathSync(start);
    const inside = relative(top, real);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return start;
    return join(start, inside);
  } catch {
    return start;
  }
}

/** Every file under root, relative with forward slashes, sorted; skips VCS data, virtualenvs and caches, and `except` (a folder relative to root). */
export function listFiles(root: string, except?: string): string[] {
  const files: string[] = [];
  const walk = (folder: string, prefix: string): void => {
    for (const entry of entries(folder)) {
      const path = join(folder, entry.name);
      const rel = prefix + entry.name;
      if (entry.isDirectory()) {
        if (!isSkippedDir(path, entry.name) && rel !== except) walk(path, `${rel}/`);
      } else if (!entry.isSymbolicLink() || isFileTarget(path)) {
        // FIFOs, sockets, devices and links to them are listed too: a reader that meets one refuses it
        // by name (project-file.ts) instead of the file silently not being there.
        files.push(rel);
      }
      // Linked folders are not followed: a link back up the tree would never end.
    }
  };
  walk(root, '');
  return files.sort();
}

/** A link to anything but a folder; a dangling link is not listed. */
function isFileTarget(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Files git tracks under root (committed or staged), relative to root; undefined when root is not in a
 * git work tree or git is missing. This is what a `git push heroku` deploys.
 */
export async function gitTrackedFiles(root: string): Promise<string[] | undefined> {
  // Read from the index file when its layout is a common one: no git process to start.
  const read = readGitIndexPaths(root);
  if (read !== 'ask-git') return read;
  try {
    // One process, not two: outside a work tree `git ls-files` fails, and that is the answer.
    // child_process loads only here: with its streams it is a tenth of Node's own start-up.
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { stdout } = await promisify(execFile)('git', ['ls-files', '-z'], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
    return stdout.split('\0').filter((f) => f !== '');
  } catch {
    return undefined;
  }
}
