import { readProcfile } from '../../project/procfile.js';
import { pythonSeriesOf, readPythonVersion } from '../../project/python-version.js';
import { readDependencies } from '../../project/requirements/read-dependencies.js';
import { BuildFailure } from './build-failure.js';
import type { BuildpackOutput } from './buildpack-output.js';
import { runCollectstatic } from './collectstatic.js';
import { checkDependencies } from './dependency-check.js';
import { runLogged } from './run-logged.js';
import { createVirtualenv } from './virtualenv.js';

export interface CompileInput {
  slugDir: string;
  /** The platform's interpreter (`implanta local --python`). */
  python: string;
  /** The build environment: the app's config vars, PATH through the slug's virtualenv. */
  env: NodeJS.ProcessEnv;
  out: BuildpackOutput;
  signal?: AbortSignal;
}

export interface Compiled {
  processTypes: Record<string, string>;
  description: string;
}

/**
 * The Python buildpack's steps, on this machine: detect the app by its package manager file, set up
 * Python (a virtualenv of the platform's interpreter, as nothing can be downloaded), make sure the
 * dependencies are there, run collectstatic, and read the Procfile's process types.
 */
export async function compilePython(input: CompileInput): Promise<Compiled> {
  const { slugDir, out } = input;
  const deps = readDependencies(slugDir);
  if (!deps) {
    throw new BuildFailure([
      'App not compatible with buildpack: heroku/python',
      'No requirements.txt, Pipfile.lock, poetry.lock or uv.lock at the top of the app.',
      'More info: https://devcenter.heroku.com/articles/buildpacks#detection-failure',
    ]);
  }
  out.step('Python app detected');
  await announcePython(input);
  await createVirtualenv(slugDir, input.python, input.env);
  await checkDependencies(deps, slugDir, input.env, out);
  await runCollectstatic(slugDir, input.env, out, input.signal);
  return { processTypes: discoverProcessTypes(slugDir, out), description: 'Python' };
}

async function announcePython(input: CompileInput): Promise<void> {
  const probe = await runLogged({
    command: input.python,
    args: ['-c', 'import platform; print(platform.python_version())'],
    cwd: input.slugDir,
    env: input.env,
    onLine: () => undefined,
    timeoutMs: 30_000,
  });
  const version = probe.code === 0 ? probe.stdout.trim() : undefined;
  if (!version) throw new BuildFailure([`The platform's Python (${input.python}) does not run: ${probe.failure ?? `exit status ${probe.code}`}.`]);
  const declared = readPythonVersion(input.slugDir);
  input.out.step(`Using Python ${version} (${input.python}, the interpreter implanta local runs apps with)`);
  const wanted = declared && pythonSeriesOf(declared.version);
  if (wanted && wanted !== pythonSeriesOf(version)) {
    input.out.warn(`${declared.file} asks for Python ${declared.version}; this local build runs ${version}, so it proves less than Heroku's would.`);
  }
}

function discoverProcessTypes(slugDir: string, out: BuildpackOutput): Record<string, string> {
  out.step('Discovering process types');
  const procfile = readProcfile(slugDir);
  const types = Object.fromEntries((procfile?.entries ?? []).map((entry) => [entry.name, entry.command]));
  const names = Object.keys(types).sort();
  out.detail(`Procfile declares types -> ${names.length ? names.join(', ') : '(none)'}`);
  return types;
}
