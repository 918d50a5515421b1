import { rmSync, statSync } from 'node:fs';
import { Redactor, secretParts } from '../core/redact.js';
import { runChild } from './child.js';

/**
 * libpq's environment for a postgres:// URL, so that pg_dump gets the password from its environment and
 * not from argv, where `ps` would show it.
 */
function libpqEnv(databaseUrl: string): Record<string, string> {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error('the database URL is not a URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error('the database URL is not a postgres:// URL');
  const env: Record<string, string> = {
    PGHOST: decodeURIComponent(url.hostname),
    PGPORT: url.port || '5432',
    PGDATABASE: decodeURIComponent(url.pathname.replace(/^\//, '')),
  };
  if (url.username) env['PGUSER'] = decodeURIComponent(url.username);
  if (url.password) env['PGPASSWORD'] = decodeURIComponent(url.password);
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode) env['PGSSLMODE'] = sslmode;
  return env;
}

/**
 * `pg_dump --format=custom` of the database into `file`. A failure (pg_dump missing, the database
 * unreachable, a refused password) throws with pg_dump's reason, secrets masked, and leaves no partial file.
 */
export async function dumpDatabase(databaseUrl: string, file: string): Promise<{ bytes: number }> {
  const redactor = new Redactor(secretParts(databaseUrl));
  const env = { ...process.env, ...libpqEnv(databaseUrl), PGCONNECT_TIMEOUT: '15' };
  const result = await runChild('pg_dump', ['--format=custom', '--no-owner', '--no-acl', `--file=${file}`], { cwd: process.cwd(), env });
  if (result.code !== 0) {
    rmSync(file, { force: true });
    const reason = result.failure ?? result.stderr.split('\n').map((l) => l.trim()).filter(Boolean).at(-1) ?? `exit status ${result.code}`;
    throw new Error(redactor.redact(`pg_dump failed: ${reason}`));
  }
  return { bytes: statSync(file).size };
}
