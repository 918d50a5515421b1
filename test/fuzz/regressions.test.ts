/**
 * Cases the fuzz campaign (npm run bench fuzz) found, kept: each hung past 30 s before its fix. Procfiles
 * and requirements files of ~4 MB made of one slice repeated 20,000 times give 20,000 findings, and the
 * text report copied its list of findings once per finding (quadratic: 20 s and more).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FUZZ_SEED, generateCases } from './cases.js';
import { problemOf, runCases } from './pool.js';

const FOUND = [518, 657, 800, 988, 1150, 1159, 1184, 1299, 1469, 1518];

test('fuzz regressions: the cases that hung give a report or one line', { timeout: 20 * 60_000 }, async () => {
  const all = generateCases(FUZZ_SEED, Math.max(...FOUND) + 1);
  const cases = FOUND.map((id) => all[id]!);
  const results = await runCases(cases, { workers: 2, hangMs: 30_000, heapMb: 300 });
  const problems = results.flatMap((r) => (problemOf(r) ? [`#${r.fuzzCase.id} ${r.fuzzCase.base}/${r.fuzzCase.file}: ${problemOf(r)}`] : []));
  assert.deepEqual(problems, []);
});
