import { randomBytes } from 'node:crypto';
import { InputError } from '../core/errors.js';
import { interpreterEnv } from '../python/child-env.js';
import { lastLine, runProcess } from '../python/run-process.js';

/**
 * A PostgreSQL database made for one sizing run on the server the user names, and dropped afterwards,
 * so the app runs migrations and queries against a real, empty database and nothing of the user's data
 * is touched. Uses `psql`, the PostgreSQL client; the password travels in PGPASSWORD, never in argv.
 */

export const DEFAULT_POSTGRES_URL = 'postgres://implanta:implanta@127.0.0.1:5432/postgres';
const PSQL_TIMEOUT_MS = 30_000;

export interface RunDatabase {
  name: string;
  /** DATABASE_URL for the app: the server URL with this database. */
  url: string;
  drop(): Promise<void>;
}

interface Server {
  url: URL;
  env: NodeJS.ProcessEnv;
  where: string;
}

function parseServer(serverUrl: string): Server {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new InputError('--postgres: not a URL (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new InputError(`--postgres: expected a postgres:// URL, got ${url.protocol}//…`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = url.port || '5432';
  const env: NodeJS.ProcessEnv = {
    ...interpreterEnv(),
    PGHOST: host,
    PGPORT: port,
    PGDATABASE: decodeURIComponent(url.pathname.slice(1)) || 'postgres',
    PGCONNECT_TIMEOUT: '10',
    PGSSLMODE: url.searchParams.get('sslmode') ?? 'prefer',
  };
  if (url.username) env.PGUSER = decodeURIComponent(url.username);
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  return { url, env, where: `${host}:${port}${url.username ? ` as ${decodeURIComponent(url.username)}` : ''}` };
}

async function psql(server: Server, sql: string): Promise<{ ok: boolean; reason: string }> {
  const result = await runProcess('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { cwd: '/', env: server.env, timeoutMs: PSQL_TIMEOUT_MS });
  if (result.failure === 'not found') {
    throw new InputError('psql (the PostgreSQL client) is not installed: install it (apt-get install postgresql-client) so implanta size can create its database');
  }
  const reason = result.failure ?? lastLine(result.stderr)?.replace(/^(psql: )?(error: )?/, '') ?? `exit status ${result.exitCode}`;
  return { ok: result.exitCode === 0 && !result.failure, reason };
}

export async function createRunDatabase(serverUrl: string = DEFAULT_POSTGRES_URL): Promise<RunDatabase> {
  const server = parseServer(serverUrl);
  const name = `implanta_size_${randomBytes(5).toString('hex')}`;
  const created = await psql(server, `CREATE DATABASE "${name}"`);
  if (!created.ok) {
    throw new InputError(`cannot create a database on PostgreSQL at ${server.where} (${created.reason}); start it (scripts/setup-postgres.sh) or pass --postgres URL`);
  }
  const url = new URL(server.url.href);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.href,
    async drop() {
      if (dropped) return;
      dropped = true;
      // FORCE (PostgreSQL 13+) ends connections a killed worker may have left behind.
      const forced = await psql(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      if (!forced.ok) await psql(server, `DROP DATABASE IF EXISTS "${name}"`);
    },
  };
}
