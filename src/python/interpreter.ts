import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { interpreterEnv } from './child-env.js';
import { lastLine, runProcess } from './run-process.js';

export interface PythonInterpreter {
  /** Absolute path (or the path given with --python) to run. */
  path: string;
  /** The rule that picked it: "--python", "$VIRTUAL_ENV", ".venv", "python3 on PATH", "python on PATH". */
  how: string;
  /** django.get_version() as that interpreter imports it; absent when an explicit --python lacks Django. */
  django?: string;
}

interface Candidate {
  how: string;
  /** undefined when the rule does not apply here (no $VIRTUAL_ENV, nothing on PATH): the reason instead. */
  path?: string;
  missing?: string;
}

const PROBE = 'import django; print(django.get_version())';
const PROBE_TIMEOUT_MS = 30_000;

/**
 * The interpreter that runs the project: `--python` when given, else the first of the active virtualenv,
 * the project's `.venv`, `python3` and `python` on PATH that can import Django. Each candidate costs one
 * short subprocess; nothing is cached, so a venv created since the last run is seen.
 */
export async function findPython(opts: { root: string; explicit?: string; env?: NodeJS.ProcessEnv }): Promise<PythonInterpreter> {
  const env = opts.env ?? process.env;
  // A path typed on the command line is relative to where the user stands, not to the project.
  if (opts.explicit !== undefined) return explicitPython(opts.explicit.includes('/') ? resolve(opts.explicit) : opts.explicit, opts.root, env);

  const tried: string[] = [];
  for (const candidate of candidates(opts.root, env)) {
    if (!candidate.path) {
      tried.push(`${candidate.how} (${candidate.missing})`);
      continue;
    }
    const probe = await probeDjango(candidate.path, opts.root, env);
    if (probe.django) return { path: candidate.path, how: candidate.how, django: probe.django };
    tried.push(`${candidate.how} ${candidate.path} (${probe.reason})`);
  }
  throw new InputError(`no Python that can import Django: tried ${tried.join(', ')}; pass --python PATH to the project's interpreter`);
}

async function explicitPython(path: string, root: string, env: NodeJS.ProcessEnv): Promise<PythonInterpreter> {
  const probe = await probeDjango(path, root, env);
  if (probe.django) return { path, how: '--python', django: probe.django };
  if (!probe.ran) throw new InputError(`--python ${path}: cannot run it (${probe.reason})`);
  return { path, how: '--python' };
}

function candidates(root: string, env: NodeJS.ProcessEnv): Candidate[] {
  const venv = env.VIRTUAL_ENV;
  return [
    venv ? existing('$VIRTUAL_ENV', join(venv, 'bin', 'python')) : { how: '$VIRTUAL_ENV', missing: 'not set' },
    existing('.venv', join(resolve(root), '.venv', 'bin', 'python')),
    onPath('python3', env),
    onPath('python', env),
  ];
}

function existing(how: string, path: string): Candidate {
  return isExecutable(path) ? { how, path } : { how, missing: `no ${path}` };
}

function onPath(name: string, env: NodeJS.ProcessEnv): Candidate {
  const how = `${name} on PATH`;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, name);
    if (isExecutable(path)) return { how, path };
  }
  return { how, missing: 'not found' };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

interface Probe {
  django?: string;
  /** False when the interpreter could not even start. */
  ran: boolean;
  reason: string;
}

async function probeDjango(path: string, root: string, env: NodeJS.ProcessEnv): Promise<Probe> {
  // The same minimal environment the settings will be imported under, so "can import Django" holds then too.
  const result = await runProcess(path, ['-c', PROBE], { cwd: root, env: interpreterEnv(env), timeoutMs: PROBE_TIMEOUT_MS });
  if (result.failure) return { ran: false, reason: result.failure };
  const version = lastLine(result.stdout);
  if (result.exitCode === 0 && version && /^\d+\.\d+/.test(version)) return { ran: true, django: version, reason: '' };
  return { ran: true, reason: lastLine(result.stderr) ?? `exit status ${result.exitCode}` };
}
