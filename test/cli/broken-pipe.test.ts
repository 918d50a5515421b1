/**
 * A reader that goes away before implanta has printed (`implanta check | head -1`, `implanta logs --tail
 * | grep -m1 H12`) is ordinary use of a command-line tool: no stack trace, the exit code the command
 * would have given anyway, and a tail that stops following. Through the built CLI, with the reading end
 * of its output closed before it starts, so every write finds no reader. Needs `npm run build`.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startRunningPlatform, TOKEN } from '../helpers/local-runtime.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'dist', 'main.cjs');
const hollow = join(root, 'examples/hollow');
const scratch = mkdtempSync(join(tmpdir(), 'implanta-broken-pipe-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const ENV = { ...process.env, XDG_CACHE_HOME: join(scratch, 'cache'), NODE_OPTIONS: '', NO_COLOR: '1' };

/** The CLI with nobody reading its standard output: its stderr and exit code. */
function withoutReader(args: string[], env: NodeJS.ProcessEnv = ENV): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed at once, long before Node has started: the child's first write to stdout finds no reader.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const net = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(net);
      done({ code, stderr });
    });
  });
}

/** The same command read to the end: what it prints and its exit code. */
function withReader(args: string[]): { code: number | null; stdout: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, env: ENV, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout };
}

const STACK_TRACE = /EPIPE|^\s+at /m;

test('implanta check whose reader left: no stack trace, and the exit code of its findings', async () => {
  for (const args of [
    ['check', hollow],
    ['check', hollow, '--env-file', join(hollow, 'production.env'), '--format', 'json'],
  ]) {
    const read = withReader(args);
    assert.ok(read.stdout.length > 0, `${args.join(' ')} printed a report`);
    const unread = await withoutReader(args);
    assert.doesNotMatch(unread.stderr, STACK_TRACE, `${args.join(' ')} with no reader`);
    assert.equal(unread.code, read.code, `${args.join(' ')}: the same exit code with no reader as with one`);
  }
  // Both outcomes are seen: the project without its environment has findings, with it none.
  assert.deepEqual([withReader(['check', hollow]).code, withReader(['check', hollow, '--env-file', join(hollow, 'production.env')]).code], [1, 0]);
});

test('implanta logs --file whose reader left: no stack trace, exit 0', async () => {
  const lines = readFileSync(join(root, 'test/fixtures/logs/mixed.log'), 'utf8');
  const log = join(scratch, 'long.log');
  // Well past a pipe's buffer: the printing meets the closed pipe however the writes are grouped.
  writeFileSync(log, lines.repeat(400));
  const unread = await withoutReader(['logs', '--file', log]);
  assert.doesNotMatch(unread.stderr, STACK_TRACE);
  assert.equal(unread.code, 0);
});

test('implanta logs --tail stops following when its reader leaves', { timeout: 300_000 }, async (t) => {
  const local = await startRunningPlatform(t);
  const app = (await local.call('POST', '/apps', { name: 'unread' })).body as { id: string };
  local.runtime!.appLogs.add(app.id, 'app', 'web.1', 'a line for a reader that is not there');
  const env = { ...ENV, HEROKU_API_KEY: TOKEN, IMPLANTA_API_URL: local.url, HOME: scratch };
  // Without the fix the tail would follow the empty pipe until this test's timeout.
  const unread = await withoutReader(['logs', '-a', 'unread', '--tail'], env);
  assert.doesNotMatch(unread.stderr, STACK_TRACE);
  assert.equal(unread.code, 0);
});
