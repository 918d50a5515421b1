/**
 * Mistakes in how a command is called are the user's to fix: one line naming the problem and exit
 * 2, never exit 4 ("internal error"), and nothing written.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { implanta } from './helpers/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'implanta-mistakes-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

async function oneLineExit2(args: string[], message: RegExp): Promise<void> {
  const run = await implanta(args);
  assert.equal(run.code, 2, run.stderr);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, message);
}

test('check -o into a folder that does not exist', async () => {
  const target = join(scratch, 'missing', 'report.json');
  await oneLineExit2(['check', 'examples/hollow', '--format', 'json', '-o', target], /-o .*report\.json: the folder it would go in does not exist/);
  assert.equal(existsSync(target), false);
});

test('check -o onto a folder', async () => {
  await oneLineExit2(['check', 'examples/hollow', '-o', scratch], /-o .*: is a folder; give a file name/);
});

test('check -o into a folder that exists writes the report', async () => {
  const target = join(scratch, 'report.json');
  const run = await implanta(['check', 'examples/hollow', '--format', 'json', '-o', target]);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  assert.ok(existsSync(target));
});

test('check --django-version of a series that does not exist', async () => {
  await oneLineExit2(['check', 'examples/hollow', '--django-version', '99.9'], /--django-version 99\.9: there is no Django 99\.9 \(known series: 1\.0 to \d+\.\d+\)/);
});

test('check --django-version of a real series is accepted', async () => {
  const run = await implanta(['check', 'examples/hollow', '--django-version', '4.2', '--format', 'json']);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
});

test('local --data pointing at a file', async () => {
  const file = join(scratch, 'not-a-folder');
  writeFileSync(file, 'x');
  await oneLineExit2(['local', '--port', '0', '--data', file], /--data .*not-a-folder: is a file; give a folder/);
});
