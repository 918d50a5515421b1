import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { InputError } from '../core/errors.js';
import { packagePath } from '../core/package-root.js';
import { readProjectText } from '../project/project-file.js';
import { PyDict, PyOpaque, type PyValue } from '../project/python-value.js';
import type { Binding, Origin, SettingsView } from '../project/settings/types.js';
import { pythonChildEnv } from './child-env.js';
import { lastLine, runProcess, type ProcessResult } from './run-process.js';

export interface PythonSettings {
  settings: SettingsView;
  /** django.get_version() of the interpreter that imported them, e.g. "3.2.25". */
  djangoVersion: string;
}

export interface PythonRunOptions {
  python: string;
  root: string;
  /** Dotted settings module, e.g. `hollow.settings`. */
  module: string;
  /** The evaluation environment: the only variables the settings see (plus PATH, HOME, LANG). */
  env: Record<string, string>;
}

/** What python/dump_settings.py prints on success. */
interface SettingsDump {
  django: string;
  file: string | null;
  files: string[];
  explicit: string[];
  settings: Record<string, unknown>;
}

/** What it prints when the settings cannot be imported. */
interface DumpError {
  error: string;
  file?: string;
  line?: number;
}

const IMPORT_TIMEOUT_MS = 60_000;
/** dump_settings.py's marker for a value JSON cannot hold (a class, a function, a lazy object). */
const REPR_MARKER = '__repr__';

/**
 * The settings as Django itself sees them: imports the module with the project's interpreter under the
 * evaluation environment. Only names the module sets are returned; Django's defaults stay undefined so
 * rules apply each version's defaults themselves, exactly as with the static source.
 */
export async function settingsFromPython(opts: PythonRunOptions): Promise<PythonSettings> {
  const root = realRoot(opts.root);
  const result = await runProcess(opts.python, [packagePath('python', 'dump_settings.py')], {
    cwd: root,
    env: pythonChildEnv(opts.env, opts.module),
    timeoutMs: IMPORT_TIMEOUT_MS,
  });
  const dump = readDump(result, opts, root);
  const moduleFile = dump.file ?? `${root}/${opts.module.replace(/\./g, '/')}.py`;
  const originOf = originFinder(root, moduleFile, dump.files);
  const bindings = new Map<string, Binding>();
  for (const name of dump.explicit) bindings.set(name, { value: toPyValue(dump.settings[name]), origin: originOf(name) });
  return {
    djangoVersion: dump.django,
    settings: {
      module: opts.module,
      file: relativePath(root, moduleFile),
      source: 'python',
      get: (name) => bindings.get(name),
      names: () => [...bindings.keys()],
    },
  };
}

function realRoot(root: string): string {
  try {
    // Python reports real paths; resolving links here keeps every relative path inside the project.
    return realpathSync(root);
  } catch {
    throw new InputError(`${root}: no such project folder`);
  }
}

function readDump(result: ProcessResult, opts: PythonRunOptions, root: string): SettingsDump {
  if (result.failure) throw new InputError(`cannot import settings ${opts.module} with ${opts.python}: ${result.failure}`);
  const parsed = parseJsonLine(lastLine(result.stdout));
  if (result.exitCode === 0 && isDump(parsed)) return parsed;
  if (isDumpError(parsed)) {
    const where = parsed.file && parsed.line ? ` (${relativePath(root, parsed.file)}:${parsed.line})` : '';
    throw new InputError(`settings ${opts.module} cannot be imported: ${parsed.error}${where}`);
  }
  const reason = lastLine(result.stderr) ?? `exit status ${result.exitCode}`;
  throw new InputError(`cannot import settings ${opts.module} with ${opts.python}: ${reason}`);
}

function parseJsonLine(line: string | undefined): unknown {
  if (!line) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function isDump(v: unknown): v is SettingsDump {
  const d = v as SettingsDump;
  return typeof d === 'object' && d !== null && typeof d.django === 'string' && Array.isArray(d.explicit) && typeof d.settings === 'object';
}

function isDumpError(v: unknown): v is DumpError {
  return typeof v === 'object' && v !== null && typeof (v as DumpError).error === 'string';
}

function toPyValue(json: unknown): PyValue {
  if (json === null || json === undefined) return null;
  if (typeof json === 'boolean' || typeof json === 'number' || typeof json === 'string') return json;
  if (Array.isArray(json)) return json.map(toPyValue);
  const entries = Object.entries(json as Record<string, unknown>);
  const [first] = entries;
  if (entries.length === 1 && first?.[0] === REPR_MARKER && typeof first[1] === 'string') return new PyOpaque(first[1]);
  return new PyDict(new Map(entries.map(([key, value]) => [key, toPyValue(value)])));
}

/**
 * Where each setting was set, by a cheap text search for `NAME =` in the settings module first, then in
 * the project files it imported (a base module it star-imports). Line 1 of the module when not found
 * (a name set through globals() or a loop).
 */
function originFinder(root: string, moduleFile: string, importedFiles: string[]): (name: string) => Origin {
  const sources = [moduleFile, ...importedFiles.filter((f) => f !== moduleFile)].map((file) => ({
    file: relativePath(root, file),
    lines: readLines(root, file),
  }));
  const fallback = { file: relativePath(root, moduleFile), line: 1 };
  return (name) => {
    const assignment = new RegExp(`^${name.replace(/[^\w]/g, '\\$&')}\\s*[-+|&]?=(?!=)`);
    for (const source of sources) {
      // The last assignment is the one that sticks.
      for (let i = source.lines.length - 1; i >= 0; i--) if (assignment.test(source.lines[i])) return { file: source.file, line: i + 1 };
    }
    return fallback;
  };
}

/** The child names the files; only regular files inside the project are read (the special-file rules of project-file.ts). */
function readLines(root: string, file: string): string[] {
  try {
    return readProjectText(file, { root }).split('\n');
  } catch {
    return [];
  }
}

function relativePath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}
