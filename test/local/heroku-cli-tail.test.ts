import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { cliNode, herokuCli, herokuCliEntry } from '../helpers/heroku-cli.js';
import { startRunningPlatform, TOKEN, waitFor } from '../helpers/local-runtime.js';

/**
 * `heroku logs --tail` from the official CLI (which reads the log session as Server-Sent Events) against
 * `implanta local`: it prints the recent lines, then each new line as it happens, until stopped.
 */
test('heroku logs --tail from the official CLI follows the log as lines happen', { timeout: 600_000 }, async (t) => {
  const local = await startRunningPlatform(t);
  const cli = await herokuCli(t, local, TOKEN);
  const [node, entry] = await Promise.all([cliNode(), herokuCliEntry()]);
  const app = (await local.call('POST', '/apps', { name: 'tailed' })).body as { id: string };
  const say = (message: string) => local.runtime!.appLogs.add(app.id, 'app', 'web.1', message);
  say('before the tail started');

  const child = spawn(node, [entry, 'logs', '--tail', '-a', 'tailed'], { cwd: cli.home, env: cli.env });
  t.after(() => child.kill('SIGKILL'));
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const seen = (text: string) => waitFor(`"${text}" in the tail`, async () => stdout, (out) => out.includes(text), 120_000);

  await seen('before the tail started');
  say('first line while tailing');
  say('second line while tailing');
  await seen('second line while tailing');
  assert.match(stdout, /^\S+ app\[web\.1\]: before the tail started$/m);
  assert.match(stdout, /^\S+ app\[web\.1\]: first line while tailing\n\S+ app\[web\.1\]: second line while tailing$/m);
  assert.equal(child.exitCode, null, 'the tail is still following');
});
