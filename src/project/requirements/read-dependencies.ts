import { ProjectFileRefused, readProjectText } from '../project-file.js';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { DependencyFileKind, DependencySet, FileProblem, Requirement } from '../types.js';
import { readPipfileLock } from './pipfile-lock.js';
import { readPoetryLock } from './poetry-lock.js';
import { readRequirementsFile } from './requirements-file.js';
import { readUvLock } from './uv-lock.js';

/**
 * The package manager files Heroku's Python buildpack looks for, in the order it lists them. The
 * buildpack refuses to build when it finds more than one (since 2025) and when a Pipfile has no
 * Pipfile.lock; both are reported as problems on the file read here.
 */
const MANAGERS: DependencyFileKind[] = ['Pipfile.lock', 'requirements.txt', 'poetry.lock', 'uv.lock'];

export function readDependencies(root: string, env: Record<string, string> = {}): DependencySet | undefined {
  const found = MANAGERS.filter((file) => isFile(join(root, file)));
  if (!found[0]) return isFile(join(root, 'Pipfile')) ? pipfileWithoutLock() : undefined;
  const set = readApp(root, found, env);
  const kind = set.kind;
  if (found.length > 1) {
    set.problems.unshift(problem(kind, `Heroku refuses to build with several package manager files (${found.join(', ')}): keep only one`));
  }
  if ((kind === 'poetry.lock' || kind === 'uv.lock') && !isFile(join(root, 'pyproject.toml'))) {
    set.problems.push(problem(kind, `${kind} without pyproject.toml: the install on Heroku will fail`));
  }
  return set;
}

/**
 * The file that describes the app. Of several, the build refuses them all (reported on the one kept), and
 * which one the app means is the one declaring Django: a requirements.txt that only installs poetry for a
 * bin/post_compile hook, beside the poetry.lock that holds the app, is a leftover, and reading it would
 * report every package of the app as undeclared. Otherwise the first the buildpack lists.
 */
function readApp(root: string, found: DependencyFileKind[], env: Record<string, string>): DependencySet {
  const first = read(root, found[0]!, env);
  if (found.length === 1 || declaresDjango(first)) return first;
  for (const kind of found.slice(1)) {
    const set = read(root, kind, env);
    if (declaresDjango(set)) return set;
  }
  return first;
}

function declaresDjango(set: DependencySet): boolean {
  return set.requirements.some((r) => r.kind === 'requirement' && r.name === 'django');
}

function read(root: string, kind: DependencyFileKind, env: Record<string, string>): DependencySet {
  if (kind === 'requirements.txt') {
    const { requirements, problems, files, options } = readRequirementsFile(root, kind, env);
    return { kind, file: kind, requirements, files, problems, options };
  }
  const text = readText(root, kind);
  const readers: Record<Exclude<DependencyFileKind, 'requirements.txt'>, (text: string) => Requirement[]> = {
    'Pipfile.lock': readPipfileLock,
    'poetry.lock': readPoetryLock,
    'uv.lock': readUvLock,
  };
  return { kind, file: kind, requirements: readers[kind](text), files: [kind], problems: [] };
}

function pipfileWithoutLock(): DependencySet {
  return {
    kind: 'Pipfile.lock',
    file: 'Pipfile',
    requirements: [],
    files: [],
    problems: [problem('Pipfile', 'a Pipfile without Pipfile.lock: Heroku refuses to build it; run `pipenv lock` and commit the lock file')],
  };
}

function readText(root: string, file: string): string {
  try {
    return readProjectText(join(root, file), { root, display: file }).replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof ProjectFileRefused) throw error;
    throw new InputError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** A problem with the file as a whole is reported on its first line. */
function problem(file: string, message: string): FileProblem {
  return { file, line: 1, message };
}

/** There, and not a folder: a FIFO or a device named requirements.txt is found, then refused by name when read. */
function isFile(path: string): boolean {
  return existsSync(path) && !statSync(path).isDirectory();
}
