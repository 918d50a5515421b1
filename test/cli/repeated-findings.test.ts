/**
 * A requirements file with one bad line pasted thousands of times (a bad merge, or a stranger's pull
 * request): the report lists the first REPEAT_CAP findings and one summary of the rest, in every format,
 * and still fails as the uncapped report would.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { REPEAT_CAP } from '../../src/core/repeat-cap.js';
import type { Finding } from '../../src/core/finding.js';
import { implanta } from './helpers/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'implanta-repeated-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** examples/hollow with `repeats` copies of a line pip refuses after its pins, one per line from line 6. */
function project(name: string, repeats: number): string {
  const root = join(scratch, name);
  cpSync(resolve(import.meta.dirname, '../../examples/hollow'), root, { recursive: true });
  const pins = ['Django==5.2.8', 'gunicorn==23.0.0', 'whitenoise==6.8.2', 'dj-database-url==2.3.0', 'psycopg2==2.9.10'];
  writeFileSync(join(root, 'requirements.txt'), [...pins, ...Array<string>(repeats).fill('.1.15')].join('\n') + '\n');
  return root;
}

const json = async (root: string, ...args: string[]) => {
  const run = await implanta(['check', root, '--format', 'json', ...args], { timeoutMs: 120_000 });
  return { code: run.code, report: JSON.parse(run.stdout) as { findings: Finding[]; counts: Record<string, number> } };
};
const badLines = (findings: Finding[]) => findings.filter((f) => f.rule === 'codebase.dependencies' && f.file === 'requirements.txt');

test(`${REPEAT_CAP} bad lines: all listed, no summary`, async () => {
  const { code, report } = await json(project('at-cap', REPEAT_CAP));
  assert.equal(code, 1);
  const listed = badLines(report.findings);
  assert.equal(listed.length, REPEAT_CAP);
  assert.ok(listed.every((f) => f.more === undefined));
});

test(`${REPEAT_CAP + 1} bad lines: ${REPEAT_CAP} listed and a summary of one more`, async () => {
  const { report } = await json(project('past-cap', REPEAT_CAP + 1));
  const listed = badLines(report.findings);
  assert.equal(listed.length, REPEAT_CAP + 1);
  const summary = listed.filter((f) => f.more);
  assert.deepEqual(summary.map((f) => [f.severity, f.line, f.more]), [['error', 6 + REPEAT_CAP, { count: 1, first_line: 6 + REPEAT_CAP, last_line: 6 + REPEAT_CAP }]]);
});

test('20,000 bad lines: every format shows the summary, counts and the exit code see all 20,000', async () => {
  const root = project('twenty-thousand', 20_000);
  const { code, report } = await json(root);
  assert.equal(code, 1);
  const listed = badLines(report.findings);
  assert.equal(listed.length, REPEAT_CAP + 1);
  const summary = listed.find((f) => f.more)!;
  assert.deepEqual(summary.more, { count: 20_000 - REPEAT_CAP, first_line: 6 + REPEAT_CAP, last_line: 20_005 });
  const message = `… and 19,980 more like this in requirements.txt (lines ${6 + REPEAT_CAP}–20005)`;
  assert.ok(summary.message.startsWith(message), summary.message);
  assert.ok(report.counts.error >= 20_000, JSON.stringify(report.counts));

  // --fail-level error: the capped findings are errors, so the check still fails on them.
  assert.equal((await json(root, '--fail-level', 'error')).code, 1);

  const text = await implanta(['check', root], { timeoutMs: 120_000 });
  assert.equal(text.code, 1);
  assert.ok(text.stdout.includes(message), text.stdout.slice(-2000));
  assert.match(text.stdout, new RegExp(`${report.counts.error} error\\(s\\)`));

  const sarif = await implanta(['check', root, '--format', 'sarif'], { timeoutMs: 120_000 });
  const results = (JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ ruleId: string; message: { text: string }; properties?: { more?: unknown } }> }> }).runs[0]!.results;
  const sarifSummary = results.filter((r) => r.properties?.more);
  assert.equal(sarifSummary.length, 1);
  assert.ok(sarifSummary[0]!.message.text.startsWith(message));
  assert.deepEqual(sarifSummary[0]!.properties!.more, summary.more);
  assert.equal(results.filter((r) => r.ruleId === 'codebase.dependencies').length, REPEAT_CAP + 1);

  const github = await implanta(['check', root, '--format', 'github'], { timeoutMs: 120_000 });
  assert.equal(github.code, 1);
  assert.ok(github.stdout.includes(`::error file=`) && github.stdout.includes(`line=${6 + REPEAT_CAP},title=implanta codebase.dependencies::${message}`), github.stdout.slice(0, 3000));
});
