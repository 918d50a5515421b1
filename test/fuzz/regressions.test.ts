/**
 * Cases the fuzz campaign (npm run bench fuzz) found, kept. Procfiles and requirements files of ~4 MB
 * made of one slice repeated 20,000 times or more give that many findings: each hung past 30 s at first
 * (the text report copied its list once per finding), then took several seconds and 300 MB listing
 * 20,000 copies of one finding. Now the engine lists REPEAT_CAP of each kind and one summary of the rest
 * (src/core/repeat-cap.ts). Asserted here: each gives a complete JSON report whose repeats are capped and
 * whose counts still count every finding. How fast they run is the bench's to say, not this test's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../src/core/finding.js';
import { REPEAT_CAP } from '../../src/core/repeat-cap.js';
import { FUZZ_SEED, generateCases } from './cases.js';
import { problemOf, runCases } from './pool.js';

const FOUND = [518, 657, 800, 988, 1150, 1159, 1184, 1299, 1469, 1518];
/** The summaries some of them must give: rule, file, and how many findings the summary stands for. */
const SUMMARIES: Record<number, Array<[rule: string, file: string, count: number]>> = {
  518: [['codebase.dependencies', 'requirements.txt', 20_000 - REPEAT_CAP]],
  1159: [['codebase.procfile', '../Procfile', 50_000 - REPEAT_CAP]],
};

interface JsonReport {
  findings: Finding[];
  counts: Record<'error' | 'warning' | 'info', number>;
}

test('fuzz regressions: the cases that hung or ran for seconds give a complete report, repeats capped', { timeout: 20 * 60_000 }, async () => {
  const all = generateCases(FUZZ_SEED, Math.max(...FOUND) + 1);
  const cases = FOUND.map((id) => all[id]!);
  const results = await runCases(cases, { workers: 2, hangMs: 30_000, heapMb: 300, args: ['--format', 'json'] });
  const problems = results.flatMap((r) => (problemOf(r) ? [`#${r.fuzzCase.id} ${r.fuzzCase.base}/${r.fuzzCase.file}: ${problemOf(r)}`] : []));
  assert.deepEqual(problems, []);
  for (const { fuzzCase, outcome } of results) {
    if (outcome!.exitCode === 2) continue;
    const report = JSON.parse(outcome!.stdout) as JsonReport;
    const kinds = new Map<string, Finding[]>();
    for (const f of report.findings) {
      const kind = `${f.rule} ${f.message_id ?? f.message} ${f.severity} ${f.file ?? ''}`;
      kinds.set(kind, [...(kinds.get(kind) ?? []), f]);
    }
    for (const [kind, findings] of kinds) {
      const summaries = findings.filter((f) => f.more);
      // At most REPEAT_CAP of a kind, and a summary only after exactly REPEAT_CAP.
      assert.ok(findings.length - summaries.length <= REPEAT_CAP, `#${fuzzCase.id} ${kind}: ${findings.length} listed`);
      assert.ok(summaries.length === 0 || (summaries.length === 1 && findings.length === REPEAT_CAP + 1), `#${fuzzCase.id} ${kind}`);
    }
    // Complete: the counts are every finding, a summary standing for the ones it hides.
    const counted = { error: 0, warning: 0, info: 0 };
    for (const f of report.findings) counted[f.severity] += f.more?.count ?? 1;
    assert.deepEqual(report.counts, counted, `#${fuzzCase.id}`);
    for (const [rule, file, count] of SUMMARIES[fuzzCase.id] ?? []) {
      const summary = report.findings.find((f) => f.more && f.rule === rule && f.file === file);
      assert.equal(summary?.more?.count, count, `#${fuzzCase.id}: no summary of ${count} ${rule} findings in ${file}`);
    }
  }
});
