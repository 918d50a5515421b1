/**
 * python-dotenv: `load_dotenv()` loads a .env into the environment (set variables win unless
 * override=True), `dotenv_values()` returns one as a dict, `find_dotenv()` finds one walking up from
 * the calling file. A relative path is relative to the working directory: the project root.
 */
import { dirname, join } from 'node:path';
import { PyDict, PyPath, Unknown, type PyValue } from '../../python-value.js';
import { argument, type Call, type CallHandler, type Frame } from '../context.js';
import { writeEnv } from './environment.js';
import { expandVariables, findUpwards, loadEnvFile, type EnvFileValues } from './env-files.js';

function findDotenv(frame: Frame, filename: string, useCwd: boolean): string | undefined {
  return findUpwards(frame, useCwd ? frame.ev.root : dirname(frame.module.abs), [filename]);
}

/** The file a call names, or the one find_dotenv() gives; Unknown when the path cannot be known. */
function targetFile(call: Call): string | undefined | Unknown {
  const { frame } = call;
  const path = argument(call, 0, 'dotenv_path', null);
  if (path instanceof Unknown) return path;
  if (path === null) {
    if (argument(call, 1, 'stream', null) !== null) return frame.unknown('a .env read from a stream', call.node);
    return findDotenv(frame, '.env', false);
  }
  const text = typeof path === 'string' ? path : path instanceof PyPath ? path.path : undefined;
  if (text === undefined) return frame.unknown('a .env path that is not text', call.node);
  if (text === '') return undefined;
  return text.startsWith('/') ? text : join(frame.ev.root, text);
}

/**
 * Values with `${NAME}` expanded as python-dotenv does: from earlier lines of the file and the
 * environment, the environment winning unless `fileWins`. Unknown when an expansion reads an
 * environment value that is not known.
 */
function resolveValues(frame: Frame, raw: EnvFileValues, interpolate: boolean, fileWins: boolean): Map<string, string | null> | Unknown {
  const resolved = new Map<string, string | null>();
  let unknown: Unknown | undefined;
  for (const [key, value] of raw) {
    if (value === null || !interpolate) {
      resolved.set(key, value);
      continue;
    }
    resolved.set(
      key,
      expandVariables(value, (name) => {
        const fromEnv = frame.ev.environ.get(name);
        const fromFile = resolved.get(name);
        const pick = fileWins ? (resolved.has(name) ? fromFile : fromEnv) : fromEnv !== undefined ? fromEnv : fromFile;
        if (pick instanceof Unknown) {
          unknown ??= pick;
          return '';
        }
        return pick;
      }),
    );
  }
  return unknown ?? resolved;
}

function loadDotenv(call: Call): PyValue {
  const { frame } = call;
  const file = targetFile(call);
  if (file instanceof Unknown) return file;
  const raw = file === undefined ? undefined : loadEnvFile(frame, file, 'python-dotenv');
  if (!raw) return false;
  const override = argument(call, 3, 'override', false) === true;
  const values = resolveValues(frame, raw, argument(call, 4, 'interpolate', true) !== false, override);
  if (values instanceof Unknown) {
    // Some value depends on an unknown variable: what the file sets is unknown, not absent.
    for (const key of raw.keys()) if (override || !frame.ev.environ.has(key)) writeEnv(frame, key, values);
    return raw.size > 0;
  }
  for (const [key, value] of values) {
    if (value === null || (frame.ev.environ.has(key) && !override)) continue;
    writeEnv(frame, key, value);
  }
  return values.size > 0;
}

function dotenvValues(call: Call): PyValue {
  const { frame } = call;
  const file = targetFile(call);
  if (file instanceof Unknown) return file;
  const raw = file === undefined ? undefined : loadEnvFile(frame, file, 'python-dotenv');
  if (!raw) return new PyDict();
  const values = resolveValues(frame, raw, argument(call, 3, 'interpolate', true) !== false, true);
  return values instanceof Unknown ? values : new PyDict(new Map(values));
}

export const dotenvHandlers: Record<string, CallHandler> = {
  'dotenv.load_dotenv': loadDotenv,
  'dotenv.dotenv_values': dotenvValues,
  'dotenv.find_dotenv': (call) => {
    const filename = argument(call, 0, 'filename', '.env');
    if (typeof filename !== 'string') return call.frame.unknown('find_dotenv() of a name not known', call.node);
    return findDotenv(call.frame, filename, argument(call, 2, 'usecwd', false) === true) ?? '';
  },
};
