import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const HOLLOW = resolve(import.meta.dirname, '../../../examples/hollow');
const SUPERUSER = 'postgres://implanta:implanta@127.0.0.1:5432/postgres';

/** Temporary folders of this test file, removed when its process ends. */
const created: string[] = [];
process.on('exit', () => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** A throwaway copy of examples/hollow, and a folder beside it for files that must stay out of the project. */
export function hollowCopy(files: Record<string, string | Buffer> = {}): { root: string; outside: string } {
  const base = tempDir('implanta-upgrade-');
  const root = join(base, 'hollow');
  cpSync(HOLLOW, root, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(root, file), content);
  return { root, outside: base };
}

/**
 * A monorepo: examples/hollow in `backend/` under `top`, with `moved` (requirements.txt, .python-version…)
 * taken out of backend/ to the top, where Heroku reads them when it builds the repository. A Procfile
 * moved to the top runs the site from backend/.
 */
export function monorepoCopy(moved: string[]): { top: string; backend: string; outside: string } {
  const base = tempDir('implanta-upgrade-monorepo-');
  const top = join(base, 'repo');
  const backend = join(top, 'backend');
  cpSync(HOLLOW, backend, { recursive: true });
  writeFileSync(join(top, 'README.md'), '# A front end and a Django back end\n');
  for (const file of moved) renameSync(join(backend, file), join(top, file));
  if (moved.includes('Procfile')) {
    writeFileSync(join(top, 'Procfile'), 'web: gunicorn --chdir backend hollow.wsgi --log-file -\nrelease: python backend/manage.py migrate --noinput\n');
  }
  return { top, backend, outside: base };
}

export function read(root: string, file: string): Buffer {
  return readFileSync(join(root, file));
}

/** Every file's bytes, to prove an upgrade that failed or was refused left the project as it was. */
export function snapshot(root: string, files: string[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f, read(root, f).toString('base64')]));
}

export function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' } }).trim();
}

/** `git init` with everything committed on `branch`, and an identity so commits work anywhere. */
export function gitInit(root: string, branch = 'main'): void {
  git(root, 'init', '-q', '-b', branch);
  git(root, 'config', 'user.name', 'Test');
  git(root, 'config', 'user.email', 'test@example.test');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'Hollow');
}

/**
 * A database name of the test's own (the Django test runner creates and drops `test_<name>` next to
 * it), created now and dropped by the returned function; an env file for the hollow settings, outside
 * the project so it is never part of a diff or a commit.
 */
export function hollowDatabase(outside: string, label: string): { envFile: string; drop: () => void } {
  const name = `implanta_upgrade_${label}_${process.pid}`;
  psql(`CREATE DATABASE ${name}`);
  const envFile = join(outside, 'test.env');
  writeFileSync(envFile, `SECRET_KEY=upgrade-test-key-not-secret-4f9a\nDATABASE_URL=postgres://implanta:implanta@127.0.0.1:5432/${name}\nALLOWED_HOSTS=testserver\n`);
  return { envFile, drop: () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function psql(sql: string): void {
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', SUPERUSER, '-c', sql], { stdio: 'pipe' });
}
