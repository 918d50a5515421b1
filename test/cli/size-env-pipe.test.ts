/**
 * `implanta size --env-file <(heroku config -s)`: the env file is a pipe, which can be read once. The
 * size command read it twice (once for the redactor, once for the run), and the second read waited for
 * a writer that had gone. Here the pipe is a FIFO written once, holding the only SECRET_KEY the app gets.
 */
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { implanta } from './helpers/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'implanta-size-pipe-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('size reads an --env-file that is a pipe once, and the app boots with its variables', { timeout: 240_000 }, async () => {
  const dir = join(scratch, 'site');
  cpSync(resolve(import.meta.dirname, '../../examples/hollow'), dir, { recursive: true });
  const envText = readFileSync(join(dir, 'production.env'), 'utf8');
  rmSync(join(dir, 'production.env'));
  const fifo = join(scratch, 'config.env');
  execFileSync('mkfifo', [fifo]);
  // One writer, one pass, like a shell's <(…): a second open of the FIFO would find no writer.
  const writer = spawn('sh', ['-c', 'cat > "$1"', 'sh', fifo], { stdio: ['pipe', 'ignore', 'ignore'] });
  writer.stdin.end(envText);
  const run = await implanta(['size', dir, '--env-file', fifo, '--python', '/usr/bin/python3', '--step-seconds', '0.5', '--max-workers', '2', '--format', 'json'], { timeoutMs: 200_000 });
  writer.kill();
  assert.notEqual(run.code, null, 'implanta size hung on the pipe');
  assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr.slice(0, 400)}`);
  const result = JSON.parse(run.stdout) as { recommendation: { meets_targets: boolean } };
  assert.equal(typeof result.recommendation.meets_targets, 'boolean');
  const secret = /^SECRET_KEY=(.*)$/m.exec(envText)![1]!.replace(/^['"]|['"]$/g, '');
  assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), 'the SECRET_KEY from the pipe is masked');
});
