import { FUZZ_CASES, FUZZ_SEED, generateCases } from '../test/fuzz/cases.js';
import { problemOf, runCases } from '../test/fuzz/pool.js';

/**
 * `npm run bench fuzz`: the suite's fuzz campaign (test/fuzz), timed. Goal (issue 9): no case over 2 s,
 * peak memory under 300 MB, no crash. Prints cases per second, the slowest cases and the peak RSS of
 * the worker processes (each runs cases one after another, so its peak is the largest case's).
 */
export async function benchFuzz(count = FUZZ_CASES): Promise<{ cases: number; perSecond: number; slowestMs: number; peakRssMb: number; over2s: number; problems: number }> {
  const cases = generateCases(FUZZ_SEED, count);
  const start = performance.now();
  const results = await runCases(cases, { workers: 2, hangMs: 30_000, heapMb: 300 });
  const seconds = (performance.now() - start) / 1000;
  const timed = results.filter((r) => r.outcome).sort((a, b) => b.outcome!.ms - a.outcome!.ms);
  const problems = results.filter((r) => problemOf(r));
  const peakRssMb = Math.max(...results.map((r) => r.outcome?.maxRssMb ?? 0));
  const over2s = timed.filter((r) => r.outcome!.ms > 2000).length;
  console.log(`fuzz (seed ${FUZZ_SEED}, ${results.length} cases, 2 workers): ${(results.length / seconds).toFixed(1)} cases/s, ${seconds.toFixed(0)} s in all`);
  for (const r of timed.slice(0, 5)) {
    console.log(`  ${r.outcome!.ms.toFixed(0).padStart(6)} ms  #${r.fuzzCase.id} ${r.fuzzCase.base}/${r.fuzzCase.file} (${r.fuzzCase.mutation}) exit ${r.outcome!.exitCode}`);
  }
  console.log(`  peak worker RSS ${peakRssMb.toFixed(0)} MB (goal < 300) ${peakRssMb < 300 ? 'OK' : 'OVER'}; ${over2s} case(s) over 2 s ${over2s ? 'OVER' : 'OK'}; ${problems.length} crash(es) or bad outcome(s)`);
  for (const r of problems.slice(0, 10)) console.log(`  PROBLEM #${r.fuzzCase.id} ${r.fuzzCase.base}/${r.fuzzCase.file} (${r.fuzzCase.mutation}): ${problemOf(r)}`);
  return { cases: results.length, perSecond: results.length / seconds, slowestMs: timed[0]?.outcome!.ms ?? 0, peakRssMb, over2s, problems: problems.length };
}
