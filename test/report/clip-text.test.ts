/**
 * A hostile file can hold a line of a megabyte, and rules quote the line they judge: the report cuts a
 * finding's text at MAX_FINDING_TEXT, says how much it left out, and masks secrets before it cuts.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import type { Finding } from '../../src/core/finding.js';
import { Redactor } from '../../src/core/redact.js';
import { clipFindingText, MAX_FINDING_TEXT } from '../../src/report/clip-text.js';
import { implanta } from '../cli/helpers/run-cli.js';

const finding = (message: string, extra: Partial<Finding> = {}): Finding => ({ rule: 'codebase.procfile', area: 'codebase', severity: 'error', message, ...extra });

test('text up to the limit is left whole', () => {
  const exact = 'a'.repeat(MAX_FINDING_TEXT);
  const report = { findings: [finding(exact, { hint: 'short', source: exact })] };
  assert.deepEqual(clipFindingText(report), report);
});

test('message, hint and source past the limit are cut, saying how much was left out', () => {
  const long = 'b'.repeat(MAX_FINDING_TEXT + 250);
  const [clipped] = clipFindingText({ findings: [finding(long, { hint: long, source: long, file: 'Procfile', line: 3 })] }).findings;
  for (const text of [clipped!.message, clipped!.hint!, clipped!.source!]) {
    assert.ok(text.startsWith('b'.repeat(MAX_FINDING_TEXT)));
    assert.match(text, /… \[250 more characters\]$/);
  }
  assert.equal(clipped!.file, 'Procfile');
  assert.equal(clipped!.line, 3);
});

test('a secret across the cut is masked whole, not cut in two', () => {
  const secret = 'sk_live_' + 'Q'.repeat(40);
  const message = 'x'.repeat(MAX_FINDING_TEXT - 10) + secret + 'y'.repeat(500);
  const redactor = new Redactor([secret]);
  const [clipped] = clipFindingText(redactor.redactMessages({ findings: [finding(message)] })).findings;
  assert.ok(!clipped!.message.includes('sk_live_'));
  assert.ok(!clipped!.message.includes('QQQQ'));
});

const scratch = mkdtempSync(join(tmpdir(), 'implanta-clip-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('a Procfile line of 200,000 characters gives a short finding, in JSON and text', async () => {
  const root = join(scratch, 'huge-line');
  cpSync(resolve(import.meta.dirname, '../../examples/hollow'), root, { recursive: true });
  writeFileSync(join(root, 'Procfile'), `web: gunicorn hollow.wsgi --log-file - ${'x'.repeat(200_000)}\n`);
  const run = await implanta(['check', root, '--format', 'json'], { timeoutMs: 120_000 });
  assert.equal(run.code, 1);
  const report = JSON.parse(run.stdout) as { findings: Finding[] };
  const procfile = report.findings.filter((f) => f.file === 'Procfile');
  assert.ok(procfile.length > 0, 'the Procfile line is still judged');
  for (const f of report.findings) assert.ok(f.message.length <= MAX_FINDING_TEXT + 40, `${f.rule}: ${f.message.length} characters`);
  assert.ok(procfile.some((f) => /more characters\]$/.test(f.message)));
  const text = await implanta(['check', root], { timeoutMs: 120_000 });
  assert.ok(text.stdout.length < 50_000, `text report of ${text.stdout.length} characters`);
});
