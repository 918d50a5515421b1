import { existsSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { readAppJson } from './app-json.js';
import { listFiles } from './discover.js';
import { fromProjectRoot } from './build-root.js';
import { readBuildHooks, type BuildHook } from './build-hooks.js';
import { readHerokuYml } from './heroku-yml.js';
import { readProcfile } from './procfile.js';
import { readPythonVersion } from './python-version.js';
import { readDependencies } from './requirements/read-dependencies.js';
import type { AppJson, ContainerBuild, DependencySet, Procfile, PythonVersionDecl } from './types.js';

/** What Heroku reads at the top of the folder it builds. */
export interface BuildFiles {
  procfile?: Procfile;
  dependencies?: DependencySet;
  python?: PythonVersionDecl;
  appJson?: AppJson;
  container?: ContainerBuild;
  buildHooks: BuildHook[];
  /**
   * A monorepo's Python files outside the project root, relative to the build root: the Procfile's
   * commands run there, so `gunicorn heroku_wsgi` may load a module beside the project's folder.
   */
  buildRootPython?: string[];
}

const HOOKS = ['bin/pre_compile', 'bin/post_compile'];

type Namer = (file: string) => string;

/**
 * The Procfile (or heroku.yml's processes), dependency files, Python version, app.json and build hooks, read where Heroku reads
 * them (the build root, see build-root.ts). Every file they name is given relative to the project root,
 * as all findings are: `../requirements.txt` when the build root is the folder above manage.py's.
 */
export function readBuildFiles(root: string, buildRoot: string, env: Record<string, string>, files: string[]): BuildFiles {
  const at = namer(root, buildRoot);
  const dependencies = readBuildDependencies(root, buildRoot, env, at);
  const python = readBuildPythonVersion(root, buildRoot, at);
  const appJson = readAppJson(buildRoot);
  // On the container stack Heroku runs heroku.yml's processes (or the Dockerfile's CMD), never a Procfile's.
  const herokuYml = readHerokuYml(buildRoot);
  const container: ContainerBuild | undefined = herokuYml
    ? { file: herokuYml.file, line: 1 }
    : appJson?.stack === 'container'
      ? { file: appJson.file, line: appJson.stackLine ?? 1 }
      : undefined;
  const procfile = herokuYml ? (herokuYml.processes.entries.length ? herokuYml.processes : undefined) : container ? undefined : readProcfile(buildRoot);
  const hooks = buildRoot === root ? files : HOOKS.filter((f) => isFile(join(buildRoot, f)));
  const buildHooks = readBuildHooks(buildRoot, hooks);
  return {
    ...(procfile && { procfile: at ? { ...procfile, file: at(procfile.file), problems: procfile.problems.map((p) => ({ ...p, file: at(p.file) })) } : procfile }),
    ...(dependencies && { dependencies }),
    ...(python && { python }),
    ...(appJson && { appJson: at ? { ...appJson, file: at(appJson.file) } : appJson }),
    ...(container && { container: at ? { ...container, file: at(container.file) } : container }),
    buildHooks: at ? buildHooks.map((h) => ({ ...h, file: at(h.file) })) : buildHooks,
    ...(buildRoot !== root && { buildRootPython: pythonOutside(root, buildRoot) }),
  };
}

/** The dependency files Heroku installs from (the build root's), their files named from the project root. */
export function readBuildDependencies(root: string, buildRoot: string, env: Record<string, string>, at = namer(root, buildRoot)): DependencySet | undefined {
  const deps = readDependencies(buildRoot, env);
  if (!deps || !at) return deps;
  return {
    ...deps,
    file: at(deps.file),
    files: deps.files.map(at),
    requirements: deps.requirements.map((r) => ({ ...r, file: at(r.file) })),
    problems: deps.problems.map((p) => ({ ...p, file: at(p.file) })),
    ...(deps.options && { options: deps.options.map((o) => ({ ...o, file: at(o.file) })) }),
  };
}

/**
 * The Python version Heroku builds with (the build root's runtime.txt, .python-version or Pipfile.lock).
 * `file` stays the kind of file; `path` names it from the project root when the build root is above it.
 */
export function readBuildPythonVersion(root: string, buildRoot: string, at = namer(root, buildRoot)): PythonVersionDecl | undefined {
  const python = readPythonVersion(buildRoot);
  return python && at ? { ...python, path: at(python.file) } : python;
}

/**
 * How a build-root file is named in findings, or undefined when the build root is the project root
 * (names are then as read). Memoised: a file of 50,000 bad lines names the same few files 50,000 times.
 */
function namer(root: string, buildRoot: string): Namer | undefined {
  if (buildRoot === root) return undefined;
  const named = new Map<string, string>();
  return (file) => named.get(file) ?? named.set(file, fromProjectRoot(root, buildRoot, file)).get(file)!;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** The build root's Python files that are not under the project root, relative to the build root. */
function pythonOutside(root: string, buildRoot: string): string[] {
  // The project's own folder was listed already (ProjectFacts.files): not walked again.
  return listFiles(buildRoot, relative(buildRoot, root).split(sep).join('/')).filter((f) => f.endsWith('.py'));
}
