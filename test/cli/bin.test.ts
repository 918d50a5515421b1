/**
 * The installed `implanta` command, run as the kernel runs it (from the shebang of the built
 * dist/main.cjs), must start Node so that Node reads none of implanta's arguments: `--env-file` is
 * implanta's, and an env file must never be able to set NODE_OPTIONS for implanta's own process.
 * Needs `npm run build` (make test builds first).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'dist', 'main.cjs');
const scratch = mkdtempSync(join(tmpdir(), 'implanta-bin-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** What execve does with `#!interpreter arg`: one argument after the interpreter, then the script. */
function runBin(args: string[]) {
  const shebang = readFileSync(bin, 'utf8').split('\n', 1)[0]!;
  assert.match(shebang, /^#!/);
  const [interpreter, ...rest] = shebang.slice(2).trim().split(/ (.*)/s).filter(Boolean);
  return spawnSync(interpreter!, [...rest, bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
}

test('the built bin passes --env-file to implanta: an env file setting NODE_OPTIONS runs nothing', () => {
  const marker = join(scratch, 'marker');
  const payload = join(scratch, 'payload.cjs');
  writeFileSync(payload, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\n`);
  const envFile = join(scratch, 'hostile.env');
  writeFileSync(envFile, `NODE_OPTIONS=--require ${payload}\nSECRET_KEY=${'k'.repeat(60)}\n`);
  const result = runBin(['check', 'examples/hollow', '--env-file', envFile, '--format', 'json']);
  assert.ok([0, 1].includes(result.status!), `exit ${result.status}: ${result.stderr}`);
  assert.equal(existsSync(marker), false, 'the file named by NODE_OPTIONS was run');
  JSON.parse(result.stdout);
});

test('the built bin: a missing env file is implanta\'s one-line error with exit 2, not Node\'s', () => {
  const missing = join(scratch, 'missing.env');
  const result = runBin(['check', 'examples/hollow', '--env-file', missing]);
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /^implanta: .*missing\.env/);
  assert.doesNotMatch(result.stderr, /^node:/m);
});
