import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import { InputError } from '../core/errors.js';

/**
 * A throwaway copy of the project, standing for the slug. The build steps write into the tree
 * (collectstatic fills STATIC_ROOT, Python writes __pycache__), and sizing must not touch the user's
 * checkout; setting STATIC_ROOT through the environment would only work for settings that read it.
 * Version control and local virtualenvs are left out: a slug has neither, and they can be large.
 */

const SKIPPED = new Set(['.git', '.hg', '.svn', '.venv', 'venv', 'node_modules', '__pycache__', '.mypy_cache', '.pytest_cache', '.tox']);

export interface Workspace {
  dir: string;
  remove(): void;
}

export function copyProject(root: string): Workspace {
  const parent = mkdtempSync(join(tmpdir(), 'implanta-size-'));
  const dir = join(parent, 'app');
  const remove = () => rmSync(parent, { recursive: true, force: true });
  try {
    cpSync(root, dir, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => {
        const rel = relative(root, source);
        return rel === '' || !rel.split(sep).some((part) => SKIPPED.has(part));
      },
    });
  } catch (error) {
    remove();
    throw new InputError(`${basename(root)}: cannot copy the project to a temporary folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return { dir, remove };
}
