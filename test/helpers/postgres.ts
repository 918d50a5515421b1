import { execFileSync } from 'node:child_process';

/** Whether the test server has a database of that name, asked with psql as an outsider would. */
export function databaseExists(name: string): boolean {
  const out = execFileSync('psql', ['-X', '-A', '-t', '-c', `SELECT count(*) FROM pg_database WHERE datname = '${name}'`], {
    env: { ...process.env, PGHOST: '127.0.0.1', PGUSER: 'implanta', PGPASSWORD: 'implanta', PGDATABASE: 'postgres' },
    encoding: 'utf8',
  });
  return out.trim() === '1';
}
