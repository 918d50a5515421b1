import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import assert from 'node:assert/strict';
import { startLocalPlatform, type LocalPlatform, type LocalPlatformOptions } from '../../src/local/server.js';
import { schemaErrors } from './heroku-schema.js';
import { API_HEADERS, type ApiAnswer } from './local-api.js';

/** The superuser that scripts/setup-postgres.sh creates. */
export const ADMIN_URL = 'postgres://implanta:implanta@127.0.0.1:5432/postgres';
export const PYTHON = '/usr/bin/python3';
export const TOKEN = 'test-token';

export type RunningPlatform = LocalPlatform & { dataDir: string; call: (method: string, path: string, body?: unknown) => Promise<ApiAnswer> };

/**
 * The one place a running platform departs from the published schema: its app URLs point at this machine,
 * and the schema's patterns for `git_url` and `web_url` name Heroku's hosts.
 */
const LOCAL_URL_PATTERN = /^\/(?:\d+\/)?(?:git_url|web_url) must match pattern/;

/** One API request whose answer must match Heroku's schema, local app URLs aside. */
export async function runningCall(baseUrl: string, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { ...API_HEADERS, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  const errors = schemaErrors(method, path, response.status, parsed).filter((e) => !LOCAL_URL_PATTERN.test(e));
  assert.deepEqual(errors, [], `${method} ${path} (${response.status}) does not match the Platform API schema`);
  return { status: response.status, headers: response.headers, body: parsed };
}

/**
 * A local platform that runs pushed apps with Debian's Python and real PostgreSQL databases; when the test
 * ends its apps are deleted (dropping their databases), it stops every process it started, and its data
 * folder goes.
 */
export async function startRunningPlatform(
  t: { after(fn: () => unknown): void },
  run: LocalPlatformOptions['run'] = {},
  dataDir = mkdtempSync(join(tmpdir(), 'implanta-local-run-')),
): Promise<RunningPlatform> {
  const local = await startLocalPlatform({ port: 0, dataDir, postgresUrl: ADMIN_URL, run: { python: PYTHON, ...run } });
  const call = (method: string, path: string, body?: unknown) => runningCall(local.url, method, path, body);
  t.after(async () => {
    try {
      const apps = (await call('GET', '/apps')).body as { name: string }[];
      for (const app of apps) await call('DELETE', `/apps/${app.name}`);
    } finally {
      await local.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
  return { ...local, dataDir, call };
}

export interface GitResult {
  code: number | null;
  output: string;
}

/** Runs git without blocking the event loop (the platform answering it lives in this process). */
export function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** `git push <git_url> <refspec>` with the API token as the password, as Heroku's git takes it. */
export function push(repo: string, gitUrl: string, refspec: string, token = TOKEN): Promise<GitResult> {
  const helper = `!f() { test "$1" = get && printf 'username=heroku\\npassword=%s\\n' "${token}"; }; f`;
  return git(repo, ['-c', 'credential.helper=', '-c', `credential.helper=${helper}`, 'push', gitUrl, refspec]);
}

/** A temporary git repository holding `files` (path → content), one commit. */
export async function appRepo(t: { after(fn: () => unknown): void }, files: Record<string, string>): Promise<string> {
  const repo = mkdtempSync(join(tmpdir(), 'implanta-app-'));
  t.after(() => rmSync(repo, { recursive: true, force: true }));
  await git(repo, ['init', '--quiet', '--initial-branch=main']);
  for (const [path, content] of Object.entries(files)) writeFileSync(join(repo, path), content);
  await commit(repo, 'initial');
  return repo;
}

/** A temporary git repository with a copy of examples/hollow, one commit. */
export async function hollowRepo(t: { after(fn: () => unknown): void }): Promise<string> {
  const repo = mkdtempSync(join(tmpdir(), 'implanta-hollow-'));
  t.after(() => rmSync(repo, { recursive: true, force: true }));
  cpSync(join(import.meta.dirname, '../../examples/hollow'), repo, {
    recursive: true,
    filter: (source) => !/(__pycache__|staticfiles|production\.env)$/.test(source),
  });
  await git(repo, ['init', '--quiet', '--initial-branch=main']);
  await commit(repo, 'hollow');
  return repo;
}

export async function commit(repo: string, message: string): Promise<string> {
  await git(repo, ['add', '-A']);
  await git(repo, ['-c', 'user.email=dev@example.com', '-c', 'user.name=Dev', 'commit', '--quiet', '--allow-empty', '-m', message]);
  return (await git(repo, ['rev-parse', 'HEAD'])).output.trim();
}

/** Polls `read` until `done` holds (or fails the test after `ms`). */
export async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last saw ${JSON.stringify(value)}`);
    await sleep(200);
  }
}

interface DynoView {
  name: string;
  type: string;
  state: string;
  release: { version: number };
}

/** Waits until every web dyno runs release `version` and is up, as `implanta deploy` waits before its smoke test. */
export function waitForWeb(local: RunningPlatform, app: string, version: number, count = 1): Promise<DynoView[]> {
  return waitFor(
    `web dynos up on v${version}`,
    async () => ((await local.call('GET', `/apps/${app}/dynos`)).body as DynoView[]).filter((d) => d.type === 'web'),
    (web) => web.length === count && web.every((d) => d.state === 'up' && d.release.version === version),
  );
}

/** The app's log through a log session, as `heroku logs` reads it. */
export async function appLog(local: RunningPlatform, app: string): Promise<string> {
  const session = await local.call('POST', `/apps/${app}/log-sessions`, { lines: 1500 });
  return (await fetch(session.body.logplex_url)).text();
}
