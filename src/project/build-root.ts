import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/**
 * Files that say "Heroku builds this folder": its package manager files, the Python version files
 * that are only ever Heroku's (runtime.txt), and the Procfile and app.json. pyproject.toml and
 * .python-version are left out: a monorepo keeps them at its top for its tools (ruff, pyenv) too.
 */
const BUILD_MARKERS = ['requirements.txt', 'Pipfile', 'Pipfile.lock', 'poetry.lock', 'uv.lock', 'runtime.txt', 'Procfile', 'app.json'];

/**
 * The folder Heroku builds, for the folder given and the project root found in it (the folder of
 * manage.py, possibly below). Heroku builds the top of what is pushed, and reads its requirements,
 * runtime files, Procfile, app.json and bin/ hooks there. So when manage.py sits in `backend/`, those
 * files are read from the folder given. When that folder has none of them but a folder on the way
 * down to manage.py has (the site is deployed from its own folder: `git subtree push --prefix`, or a
 * monorepo buildpack's APP_BASE), that folder is the one built. With none anywhere, the folder given:
 * the build would find nothing there, and the rules say so.
 */
export function findBuildRoot(dir: string, root: string): string {
  const top = resolve(dir);
  const rel = relative(top, root);
  if (rel === '' || rel.startsWith('..')) return root;
  const steps = rel.split(sep);
  for (let depth = 0; depth <= steps.length; depth++) {
    const folder = join(top, ...steps.slice(0, depth));
    if (BUILD_MARKERS.some((file) => existsSync(join(folder, file)))) return folder;
  }
  return top;
}

/** A build-root file as findings name it, relative to the project root: `../requirements.txt`. */
export function fromProjectRoot(root: string, buildRoot: string, file: string): string {
  if (buildRoot === root) return file;
  return relative(root, join(buildRoot, file)).split(sep).join('/');
}
