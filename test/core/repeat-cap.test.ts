/**
 * The engine's cap on repeated findings (src/core/repeat-cap.ts): past REPEAT_CAP findings of one rule,
 * message ID, severity and file, the rest become one summary finding that says how many and where.
 * Counts and the exit code still see every finding: a capped error is still an error.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRules } from '../../src/core/engine.js';
import { defineRule } from '../../src/core/define-rule.js';
import { REPEAT_CAP } from '../../src/core/repeat-cap.js';
import type { Report } from '../../src/core/rule.js';
import { buildCheckReport } from '../../src/report/check-report.js';

const explain = { checks: 'c', why: 'w', example: 'e', fix: 'f' };
/** A rule reporting whatever its facts list. */
const echo = defineRule({
  id: 'x.bad-line',
  area: 'codebase',
  severity: 'error',
  title: 'bad line',
  docs: 'https://d/x',
  explain,
  messages: { bad: 'a line pip would refuse', odd: 'an odd line' },
  check: (reports: Report[]) => reports,
});
const bad = (line: number, file = 'requirements.txt'): Report => ({ messageId: 'bad', message: `${file}:${line}: Invalid requirement: '.1.15'`, file, line, hint: 'fix it' });
const lines = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);

test(`${REPEAT_CAP} findings of one kind are all listed, with no summary`, () => {
  const { findings } = runRules([echo], lines(REPEAT_CAP).map((l) => bad(l)));
  assert.equal(findings.length, REPEAT_CAP);
  assert.ok(findings.every((f) => f.more === undefined && f.message.startsWith('requirements.txt:')));
});

test(`${REPEAT_CAP + 1} findings of one kind: the first ${REPEAT_CAP} and a summary of the one more`, () => {
  const { findings } = runRules([echo], lines(REPEAT_CAP + 1).map((l) => bad(l * 7)));
  assert.equal(findings.length, REPEAT_CAP + 1);
  assert.deepEqual(findings.slice(0, REPEAT_CAP).map((f) => f.line), lines(REPEAT_CAP).map((l) => l * 7));
  const summary = findings.at(-1)!;
  assert.deepEqual(summary.more, { count: 1, first_line: (REPEAT_CAP + 1) * 7, last_line: (REPEAT_CAP + 1) * 7 });
  assert.equal(summary.message, `… and 1 more like this in requirements.txt (line ${(REPEAT_CAP + 1) * 7}): a line pip would refuse`);
});

test('20,000 repeats: the summary counts the rest and names their lines; it keeps rule, severity, file, hint and docs', () => {
  const { findings } = runRules([echo], lines(20_000).map((l) => bad(l)));
  assert.equal(findings.length, REPEAT_CAP + 1);
  const summary = findings.at(-1)!;
  assert.deepEqual(
    { ...summary, message: undefined },
    { rule: 'x.bad-line', area: 'codebase', severity: 'error', message_id: 'bad', message: undefined, hint: 'fix it', file: 'requirements.txt', line: REPEAT_CAP + 1, docs: 'https://d/x', more: { count: 20_000 - REPEAT_CAP, first_line: REPEAT_CAP + 1, last_line: 20_000 } },
  );
  assert.equal(summary.message, `… and 19,980 more like this in requirements.txt (lines 21–20000): a line pip would refuse`);
  // The report counts every finding, the hidden ones included: the summary stands for 19,980 errors.
  const report = buildCheckReport({ root: '/p', settings_module: null, django: null, settings_source: 'static' }, findings, []);
  assert.deepEqual(report.counts, { error: 20_000, warning: 0, info: 0 });
});

test('each file, message ID and severity is its own kind; other findings keep their places', () => {
  const reports = [
    ...lines(REPEAT_CAP + 3).map((l) => bad(l, 'a.txt')),
    ...lines(REPEAT_CAP).map((l) => bad(l, 'b.txt')),
    { messageId: 'odd', message: 'odd', file: 'a.txt', line: 99 },
    ...lines(5).map((l): Report => ({ ...bad(l, 'a.txt'), severity: 'warning' })),
  ];
  const { findings } = runRules([echo], reports);
  assert.equal(findings.length, REPEAT_CAP + 1 + REPEAT_CAP + 1 + 5);
  const summaries = findings.filter((f) => f.more);
  assert.equal(summaries.length, 1);
  assert.equal(summaries[0]!.file, 'a.txt');
  assert.equal(summaries[0]!.more!.count, 3);
  // The summary sits where the first hidden finding was: before b.txt's findings.
  assert.equal(findings.indexOf(summaries[0]!), REPEAT_CAP);
  assert.equal(findings[REPEAT_CAP + 1]!.file, 'b.txt');
});

test('findings with no file or line are capped too, and the summary says so without a place', () => {
  const { findings } = runRules([echo], lines(REPEAT_CAP + 2).map((): Report => ({ messageId: 'odd', message: 'odd' })));
  const summary = findings.at(-1)!;
  assert.deepEqual(summary.more, { count: 2 });
  assert.equal(summary.message, '… and 2 more like this: an odd line');
  assert.equal(summary.line, undefined);
});
