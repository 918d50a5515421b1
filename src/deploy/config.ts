import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { ProjectFileRefused, readProjectText } from '../project/project-file.js';
import { jsonSyntaxMessage } from '../project/json-error.js';

export const CONFIG_FILE = '.implanta.json';

export interface SmokePath {
  path: string;
  /** The status the path must answer with (after redirects, when they are followed). */
  status: number;
  /** Text the body must contain. */
  contains?: string;
}

export interface SmokeConfig {
  paths: SmokePath[];
  /** Host header to send instead of web_url's host: a custom domain routed to the app. */
  host?: string;
  followRedirects: boolean;
  /** Slowest acceptable answer, per request. */
  maxMs: number;
}

export interface DeployConfig {
  /** Shell command that runs the project's tests; `<python> manage.py test` when absent. */
  testCommand?: string;
  /** The branch that is deployed. */
  branch: string;
  smoke: SmokeConfig;
  healthPath: string;
  /** A lock older than this may be broken (with --break-lock, never silently). */
  lockTimeoutMinutes: number;
  /** pg_dump DATABASE_URL before a release that runs migrations (default true). */
  backupBeforeMigrations: boolean;
  /** After the smoke test, how long the deploy watches the new release's log (0: not at all). */
  watchSeconds: number;
  /** The file these came from, when there was one. */
  file?: string;
}

const DEFAULTS = { branch: 'production', healthPath: '/health', maxMs: 5000, lockTimeoutMinutes: 30, watchSeconds: 60 };
const TOP_KEYS = ['test_command', 'branch', 'smoke', 'health_path', 'lock_timeout_minutes', 'backup_before_migrations', 'watch_seconds'];
const SMOKE_KEYS = ['paths', 'host', 'follow_redirects', 'max_ms'];
const PATH_KEYS = ['path', 'status', 'contains'];

/** The deploy settings of the repository at `repoRoot`: its `.implanta.json`, or the defaults when there is none. */
export function loadDeployConfig(repoRoot: string): DeployConfig {
  const file = join(repoRoot, CONFIG_FILE);
  let text: string;
  try {
    text = readProjectText(file, { root: repoRoot, display: CONFIG_FILE });
  } catch (error) {
    if (error instanceof ProjectFileRefused) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return parseDeployConfig({}, CONFIG_FILE);
    throw new InputError(`${file}: cannot read it (${code ?? (error as Error).message})`);
  }
  return { ...parseDeployConfig(parseJson(text, file), file), file };
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(jsonSyntaxMessage(file, text));
  }
}

/** Validates a parsed config; every problem is an InputError naming the file and the key. */
export function parseDeployConfig(raw: unknown, file: string): DeployConfig {
  const top = object(raw, file, 'the file');
  unknownKeys(top, TOP_KEYS, file, '');
  const healthPath = urlPath(top['health_path'], file, 'health_path') ?? DEFAULTS.healthPath;
  const smoke = object(top['smoke'] ?? {}, file, 'smoke');
  unknownKeys(smoke, SMOKE_KEYS, file, 'smoke.');
  const testCommand = text(top['test_command'], file, 'test_command');
  const host = text(smoke['host'], file, 'smoke.host');
  return {
    ...(testCommand !== undefined && { testCommand }),
    branch: text(top['branch'], file, 'branch') ?? DEFAULTS.branch,
    healthPath,
    lockTimeoutMinutes: positive(top['lock_timeout_minutes'], file, 'lock_timeout_minutes') ?? DEFAULTS.lockTimeoutMinutes,
    backupBeforeMigrations: flag(top['backup_before_migrations'], file, 'backup_before_migrations') ?? true,
    watchSeconds: zeroOrMore(top['watch_seconds'], file, 'watch_seconds') ?? DEFAULTS.watchSeconds,
    smoke: {
      paths: smokePaths(smoke['paths'], file) ?? [
        { path: '/', status: 200 },
        { path: healthPath, status: 200 },
      ],
      ...(host !== undefined && { host }),
      followRedirects: flag(smoke['follow_redirects'], file, 'smoke.follow_redirects') ?? false,
      maxMs: positive(smoke['max_ms'], file, 'smoke.max_ms') ?? DEFAULTS.maxMs,
    },
  };
}

function smokePaths(value: unknown, file: string): SmokePath[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) throw new InputError(`${file}: smoke.paths must be a non-empty list of {path, status, contains?}`);
  return value.map((item, i) => {
    const key = `smoke.paths[${i}]`;
    const entry = object(item, file, key);
    unknownKeys(entry, PATH_KEYS, file, `${key}.`);
    const path = urlPath(entry['path'], file, `${key}.path`);
    if (path === undefined) throw new InputError(`${file}: ${key}.path is required`);
    const status = entry['status'] === undefined ? 200 : entry['status'];
    if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599) {
      throw new InputError(`${file}: ${key}.status must be an HTTP status code (100-599)`);
    }
    const contains = text(entry['contains'], file, `${key}.contains`);
    return { path, status: status as number, ...(contains !== undefined && { contains }) };
  });
}

function object(value: unknown, file: string, key: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InputError(`${file}: ${key} must be a JSON object`);
  return value as Record<string, unknown>;
}

function unknownKeys(value: Record<string, unknown>, known: string[], file: string, prefix: string): void {
  const unknown = Object.keys(value).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new InputError(`${file}: unknown key ${prefix}${unknown[0]} (known: ${known.map((k) => prefix + k).join(', ')})`);
}

function text(value: unknown, file: string, key: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new InputError(`${file}: ${key} must be a non-empty string`);
  return value;
}

function urlPath(value: unknown, file: string, key: string): string | undefined {
  const path = text(value, file, key);
  if (path !== undefined && !path.startsWith('/')) throw new InputError(`${file}: ${key} must start with / (got ${JSON.stringify(path)})`);
  return path;
}

function flag(value: unknown, file: string, key: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new InputError(`${file}: ${key} must be true or false`);
  return value;
}

function zeroOrMore(value: unknown, file: string, key: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new InputError(`${file}: ${key} must be a number of seconds, 0 or more`);
  return value;
}

function positive(value: unknown, file: string, key: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new InputError(`${file}: ${key} must be a positive number`);
  return value;
}
