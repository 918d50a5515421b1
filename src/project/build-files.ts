import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readAppJson } from './app-json.js';
import { fromProjectRoot } from './build-root.js';
import { readBuildHooks, type BuildHook } from './build-hooks.js';
import { readProcfile } from './procfile.js';
import { readPythonVersion } from './python-version.js';
import { readDependencies } from './requirements/read-dependencies.js';
import type { AppJson, DependencySet, Procfile, PythonVersionDecl } from './types.js';

/** What Heroku reads at the top of the folder it builds. */
export interface BuildFiles {
  procfile?: Procfile;
  dependencies?: DependencySet;
  python?: PythonVersionDecl;
  appJson?: AppJson;
  buildHooks: BuildHook[];
}

const HOOKS = ['bin/pre_compile', 'bin/post_compile'];

/**
 * The Procfile, dependency files, Python version, app.json and build hooks, read where Heroku reads
 * them (the build root, see build-root.ts). Every file they name is given relative to the project root,
 * as all findings are: `../requirements.txt` when the build root is the folder above manage.py's.
 */
export function readBuildFiles(root: string, buildRoot: string, env: Record<string, string>, files: string[]): BuildFiles {
  const procfile = readProcfile(buildRoot);
  const dependencies = readDependencies(buildRoot, env);
  const python = readPythonVersion(buildRoot);
  const appJson = readAppJson(buildRoot);
  const hooks = buildRoot === root ? files : HOOKS.filter((f) => isFile(join(buildRoot, f)));
  const read: BuildFiles = {
    ...(procfile && { procfile }),
    ...(dependencies && { dependencies }),
    ...(python && { python }),
    ...(appJson && { appJson }),
    buildHooks: readBuildHooks(buildRoot, hooks),
  };
  if (buildRoot === root) return read;
  // Memoised: a file of 50,000 bad lines names the same few files 50,000 times.
  const relocated = new Map<string, string>();
  return relocate(read, (file) => relocated.get(file) ?? relocated.set(file, fromProjectRoot(root, buildRoot, file)).get(file)!);
}

function relocate(read: BuildFiles, at: (file: string) => string): BuildFiles {
  const { procfile, dependencies: deps, python, appJson } = read;
  return {
    ...(procfile && { procfile: { ...procfile, file: at(procfile.file), problems: procfile.problems.map((p) => ({ ...p, file: at(p.file) })) } }),
    ...(deps && {
      dependencies: {
        ...deps,
        file: at(deps.file),
        files: deps.files.map(at),
        requirements: deps.requirements.map((r) => ({ ...r, file: at(r.file) })),
        problems: deps.problems.map((p) => ({ ...p, file: at(p.file) })),
        ...(deps.options && { options: deps.options.map((o) => ({ ...o, file: at(o.file) })) }),
      },
    }),
    ...(python && { python: { ...python, path: at(python.file) } }),
    ...(appJson && { appJson: { ...appJson, file: at(appJson.file) } }),
    buildHooks: read.buildHooks.map((h) => ({ ...h, file: at(h.file) })),
  };
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
