import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { appLog, appRepo, push, startRunningPlatform, TOKEN, waitFor, waitForWeb, type RunningPlatform } from '../../helpers/local-runtime.js';

const SERVE = 'web: python -m http.server --bind 127.0.0.1 $PORT\n';
const MAIN = join(import.meta.dirname, '../../../src/cli/main.ts');

interface DynoView {
  name: string;
  type: string;
  state: string;
  command: string;
  attach_url: string | null;
  release: { version: number };
}

/** An app with released code and a config var, its web dyno up. */
async function deployed(t: { after(fn: () => unknown): void }, local: RunningPlatform, name: string): Promise<number> {
  const app = (await local.call('POST', '/apps', { name })).body;
  await local.call('PATCH', `/apps/${name}/config-vars`, { GREETING: 'hello from config' });
  const pushed = await push(await appRepo(t, { Procfile: SERVE, 'requirements.txt': '' }), app.git_url, 'HEAD:main');
  assert.equal(pushed.code, 0, pushed.output);
  const current = ((await local.call('GET', `/apps/${name}/releases`)).body as { version: number; current: boolean }[]).find((r) => r.current)!;
  await waitForWeb(local, name, current.version);
  return current.version;
}

/** `implanta run …` as a user runs it, against the platform. */
function implantaRun(local: RunningPlatform, args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'run', ...args], {
      env: { ...process.env, IMPLANTA_API_URL: local.url, HEROKU_API_KEY: TOKEN },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(input);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('a detached one-off dyno runs from the current slug with the config vars and DYNO=run.N, is listed, logged and stoppable', async (t) => {
  const local = await startRunningPlatform(t);
  const version = await deployed(t, local, 'one-off');
  const created = await local.call('POST', '/apps/one-off/dynos', { command: 'echo "$DYNO says $GREETING ($EXTRA)"; sleep 600', env: { EXTRA: 'asked for' } });
  assert.equal(created.status, 201);
  const dyno = created.body as DynoView;
  assert.match(dyno.name, /^run\.\d+$/);
  assert.equal(dyno.type, 'run');
  assert.equal(dyno.attach_url, null);
  assert.equal(dyno.release.version, version);
  await waitFor('run dyno up', async () => ((await local.call('GET', '/apps/one-off/dynos')).body as DynoView[]).find((d) => d.name === dyno.name), (d) => d?.state === 'up');
  await waitFor('its output in the log', () => appLog(local, 'one-off'), (log) => log.includes(`app[${dyno.name}]: ${dyno.name} says hello from config (asked for)`));
  assert.equal((await local.call('GET', `/apps/one-off/dynos/${dyno.name}`)).body.command, dyno.command);

  assert.equal((await local.call('POST', `/apps/one-off/dynos/${dyno.name}/actions/stop`)).status, 202);
  await waitFor('run dyno gone', async () => (await local.call('GET', '/apps/one-off/dynos')).body as DynoView[], (dynos) => !dynos.some((d) => d.name === dyno.name));
  const log = await appLog(local, 'one-off');
  assert.match(log, new RegExp(`heroku\\[${dyno.name.replace('.', '\\.')}\\]: Stopping all processes with SIGTERM`));
  assert.match(log, new RegExp(`heroku\\[${dyno.name.replace('.', '\\.')}\\]: State changed from up to complete`));
  assert.deepEqual(((await local.call('GET', '/apps/one-off/dynos')).body as DynoView[]).map((d) => d.name), ['web.1'], 'the formation is untouched');
});

test('one-off dynos are refused without a command, before any code is released, and with bad env or size', async (t) => {
  const local = await startRunningPlatform(t);
  await local.call('POST', '/apps', { name: 'no-code' });
  const early = await local.call('POST', '/apps/no-code/dynos', { command: 'ls' });
  assert.equal(early.status, 409);
  assert.match(early.body.message, /push it first/);
  for (const body of [{}, { command: '' }, { command: 'ls', env: ['A=1'] }, { command: 'ls', env: { 'NOT A NAME': '1' } }, { command: 'ls', size: 'enormous' }, { command: 'ls', attach: 'yes' }]) {
    assert.equal((await local.call('POST', '/apps/no-code/dynos', body)).status, 422, JSON.stringify(body));
  }
  assert.equal((await local.call('POST', '/apps/no-code/dynos/run.9/actions/stop')).status, 404);
});

test('an attached dyno starts when its client connects to the rendezvous with the secret, and talks through it', async (t) => {
  const local = await startRunningPlatform(t);
  await deployed(t, local, 'attached');
  const dyno = (await local.call('POST', '/apps/attached/dynos', { command: 'read line; echo "got $line on $DYNO"', attach: true })).body as DynoView;
  assert.match(dyno.attach_url ?? '', /^rendezvous:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{48}$/);
  const url = new URL(dyno.attach_url!);
  assert.equal(url.port, new URL(local.url).port, 'the rendezvous is on the API port');

  const talk = (secret: string, input: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect({ host: url.hostname, port: Number(url.port), rejectUnauthorized: false });
      let received = '';
      socket.on('secureConnect', () => socket.write(`${secret}\r\n`));
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString();
        if (received.startsWith('rendezvous\r\n') && input) {
          socket.write(input);
          input = '';
        }
      });
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
  assert.equal(await talk(url.pathname.slice(1), 'typed\n\u0004'), `rendezvous\r\ngot typed on ${dyno.name}\n`);
  assert.match(await talk(url.pathname.slice(1), ''), /No such dyno is waiting/, 'a secret works once');
  assert.match(await appLog(local, 'attached'), new RegExp(`app\\[${dyno.name.replace('.', '\\.')}\\]: got typed`));
});

test('implanta run prints the output, feeds standard input and exits with the command\'s status; --detach returns the dyno', async (t) => {
  const local = await startRunningPlatform(t);
  await deployed(t, local, 'cli-run');
  const echoed = await implantaRun(local, ['-a', 'cli-run', '--', 'python', '-c', '"import sys; print(sys.stdin.read().upper())"'], 'shout\n');
  assert.equal(echoed.code, 0, echoed.stderr);
  assert.equal(echoed.stdout, 'SHOUT\n\n');
  assert.match(echoed.stderr, /^Running python .* on cli-run: run\.\d+$/m);
  const failed = await implantaRun(local, ['-a', 'cli-run', '--', 'echo "$GREETING"; exit 7']);
  assert.equal(failed.code, 7);
  assert.equal(failed.stdout, '[redacted]\n', 'config-var values are masked in what implanta prints');
  const detached = await implantaRun(local, ['-a', 'cli-run', '--detach', '--', 'sleep 600']);
  assert.equal(detached.code, 0, detached.stderr);
  const name = /(run\.\d+)/.exec(detached.stdout)?.[1];
  assert.ok(name, detached.stdout);
  assert.ok(((await local.call('GET', '/apps/cli-run/dynos')).body as DynoView[]).some((d) => d.name === name));
  assert.equal((await implantaRun(local, ['-a', 'cli-run'])).code, 2);
  assert.equal((await implantaRun(local, ['-a', 'no-such-app', '--', 'ls'])).code, 3);
});
