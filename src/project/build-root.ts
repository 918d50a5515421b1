import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { findProjectRoot } from './discover.js';

/** The package manager files the Python buildpack needs at the top of what it builds (a Pipfile it refuses). */
const PACKAGE_MANAGER_FILES = ['requirements.txt', 'Pipfile', 'Pipfile.lock', 'poetry.lock', 'uv.lock'];
/**
 * Files that are only ever Heroku's. pyproject.toml and .python-version are left out: a monorepo keeps
 * them at its top for its tools (ruff, pyenv) too.
 */
const HEROKU_FILES = ['runtime.txt', 'Procfile', 'app.json'];

/**
 * The folder Heroku builds, for the folder given and the project root found in it (the folder of
 * manage.py, possibly below). Heroku builds the top of what is pushed, and reads its requirements,
 * runtime files, Procfile, app.json and bin/ hooks there. So when manage.py sits in `backend/`, those
 * files are read from the folder given, the first on the way down to manage.py that has a package
 * manager file: a Python app cannot be built from a folder without one, so a site whose files sit only
 * next to manage.py is deployed from there (`git subtree push --prefix`, a monorepo buildpack's
 * APP_BASE), whatever a Procfile at the top (a Node front end's) says. With no package manager file
 * anywhere, the first folder with a Procfile, runtime.txt or app.json; with none, the folder given:
 * the build would find nothing there, and the rules say so.
 */
export function findBuildRoot(dir: string, root: string): string {
  const top = resolve(dir);
  const rel = relative(top, root);
  if (rel === '' || rel.startsWith('..')) return root;
  const steps = rel.split(sep);
  const folders = Array.from({ length: steps.length + 1 }, (_, depth) => join(top, ...steps.slice(0, depth)));
  const holding = (files: string[]) => folders.find((folder) => files.some((file) => existsSync(join(folder, file))));
  return holding(PACKAGE_MANAGER_FILES) ?? holding(HEROKU_FILES) ?? top;
}

/** Where a project is, from the folder given: what check, versions and upgrade all start from. */
export interface ProjectPlace {
  /** The Django project's root: the folder of manage.py (discover.ts). */
  root: string;
  /** The folder Heroku builds: the project root, or a monorepo's top above it. */
  buildRoot: string;
  /** The project root's path inside the build root, forward slashes (`backend`); '' when they are one folder. */
  buildPrefix: string;
}

/** The project root found in (or below) the folder given, and the folder Heroku builds for it. */
export function locateProject(dir: string): ProjectPlace {
  const root = findProjectRoot(dir);
  const buildRoot = findBuildRoot(dir, root);
  return { root, buildRoot, buildPrefix: relative(buildRoot, root).split(sep).join('/') };
}

/** A build-root file as findings name it, relative to the project root: `../requirements.txt`. */
export function fromProjectRoot(root: string, buildRoot: string, file: string): string {
  if (buildRoot === root) return file;
  return relative(root, join(buildRoot, file)).split(sep).join('/');
}
