/**
 * The fuzz campaign of issue 9, in the normal suite: 2,000 hostile variants of real projects' deployment
 * files (test/fuzz/cases.ts, fixed seed), each through `implanta check` in a worker process with a heap
 * cap. Every one must end as a report (exit 0/1) or one `implanta: ` line with exit 2: no exit 4, no
 * worker death (a crash, or a heap past the cap), no hang, and no config-var value in the output.
 *
 * A hang here is a case that never ends (killed after HANG_MS, far above the 2 s goal so that a busy
 * machine does not fail the suite); how fast the cases run, the slowest one and the peak memory are
 * measured by `npm run bench fuzz`, not asserted here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FUZZ_CASES, FUZZ_SEED, generateCases } from './cases.js';
import { problemOf, runCases } from './pool.js';
const HANG_MS = 30_000;

test(`fuzz: ${FUZZ_CASES} hostile inputs from seed ${FUZZ_SEED} give a report or one line, never a crash, a hang or a secret`, { timeout: 60 * 60_000 }, async () => {
  const cases = generateCases(FUZZ_SEED, FUZZ_CASES);
  assert.equal(new Set(cases.map((c) => c.mutation.replace(/^issue case: .*/, 'issue case'))).size >= 14, true, 'every kind of mutation is generated');
  const results = await runCases(cases, { workers: 2, hangMs: HANG_MS, heapMb: 300 });
  assert.equal(results.length, FUZZ_CASES);
  const problems = results.flatMap((r) => {
    const problem = problemOf(r);
    return problem ? [`#${r.fuzzCase.id} ${r.fuzzCase.base}/${r.fuzzCase.file} (${r.fuzzCase.mutation}): ${problem}`] : [];
  });
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} case(s) failed`);
  // The campaign reaches both outcomes: reports, and one-line refusals of broken files.
  assert.ok(results.some((r) => r.outcome?.exitCode === 2));
  assert.ok(results.some((r) => r.outcome && r.outcome.exitCode < 2));
});
