import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { shellQuote } from '../core/shell-quote.js';

/**
 * Paths a user types, and paths git prints. Findings name a file from manage.py's folder
 * (`../requirements.txt`), but a command is typed in the folder implanta was run in, which in a
 * monorepo is usually the repository's top; and a diff header is the path git shows, from the top.
 */
export interface UserPlace {
  /** The folder implanta was run in. */
  cwd: string;
  /** The top of the git work tree holding the project, or undefined outside one. */
  top?: string;
}

/** A path as the shell takes it where the user is: from their folder, or absolute when that is shorter; quoted when the shell would split it. */
export function typedPath(path: string, cwd: string): string {
  const full = real(path);
  const from = slashes(relative(real(cwd), full)) || '.';
  return shellQuote(from.length <= full.length ? from : full);
}

/**
 * A git command the user can type where they are: paths from their folder when it is inside the work
 * tree (git takes pathspecs from there), else `git -C TOP` with the paths from the top.
 */
export function gitCommand(user: UserPlace, verb: string, paths: string[]): string {
  const { cwd, top } = user;
  if (!top || isInside(real(top), real(cwd))) return `git ${verb} ${paths.map((p) => typedPath(p, cwd)).join(' ')}`;
  return `git -C ${typedPath(top, cwd)} ${verb} ${paths.map((p) => shellQuote(fromTop(top, p))).join(' ')}`;
}

/**
 * A file as a diff header names it (`a/requirements.txt`): from the top of the work tree, as git shows
 * it; outside one, from the folder Heroku builds, which is the top of what is pushed.
 */
export function diffName(path: string, top: string | undefined, buildRoot: string): string {
  return fromTop(top ?? buildRoot, path);
}

function fromTop(top: string, path: string): string {
  return slashes(relative(real(top), real(path)));
}

function isInside(top: string, dir: string): boolean {
  const rel = relative(top, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** git prints the real path of its top; a path given through a symlinked folder must be compared as real too. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // A file the upgrade creates (.python-version) or has removed: its folder is there.
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

function slashes(path: string): string {
  return path.split(sep).join('/');
}
