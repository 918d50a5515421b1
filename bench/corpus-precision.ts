/**
 * Precision of `implanta check` on the real-project corpus (test/fixtures/real): for every project, the
 * errors and warnings it gives in a production-like environment against the verdicts written after
 * reading the project. Prints one line per project and the share of findings judged wrong.
 *
 *   node --import tsx bench/corpus-precision.ts              # the table and the precision
 *   node --import tsx bench/corpus-precision.ts --show NAME  # every finding of NAME with its verdict
 *   node --import tsx bench/corpus-precision.ts --record     # add unjudged findings to expected.json
 *   node --import tsx bench/corpus-precision.ts --settle     # a known miss no longer reported is fixed:
 *                                                            # drop its `known`, so the test fails if it returns
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compare, CORPUS_DIR, corpusProjects, findingKey, readExpected, runProject, type Verdict } from '../test/real/corpus.js';

const args = process.argv.slice(2);
const record = args.includes('--record');
const settle = args.includes('--settle');
const show = args.includes('--show') ? args[args.indexOf('--show') + 1] : undefined;
const only = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--show');

let total = 0;
let wrong = 0;
let unjudgedTotal = 0;
let refused = 0;
const misses: string[] = [];
for (const name of only.length ? only : show ? [show] : corpusProjects()) {
  const expected = readExpected(name);
  const run = await runProject(name, expected);
  if (run.exitCode !== 0) refused++;
  const c = compare(expected, run.findings);
  const w = c.knownWrong.length + c.regressedWrong.length;
  total += c.total;
  wrong += w;
  unjudgedTotal += c.unjudged.length;
  for (const { finding, verdict } of [...c.knownWrong, ...c.regressedWrong]) misses.push(`${name} ${findingKey(finding)}: ${verdict.reason}${verdict.known ? ` [${verdict.known}]` : ' [REGRESSION]'}`);
  const notes = [
    run.exitCode !== 0 && `exit ${run.exitCode}: ${run.error}`,
    c.unjudged.length && `${c.unjudged.length} unjudged`,
    c.lostRight.length && `${c.lostRight.length} right finding(s) gone: ${c.lostRight.map(findingKey).join(', ')}`,
    c.fixedWrong.length && `${c.fixedWrong.length} wrong finding(s) fixed`,
  ].filter(Boolean);
  console.log(`${name.padEnd(48)} ${String(c.total).padStart(3)} findings ${String(w).padStart(3)} wrong ${notes.join('; ')}`);
  if (show) {
    for (const f of run.findings) {
      const v = c.verdictOf.get(f);
      console.log(`  [${v?.verdict ?? 'new'}] ${f.severity} ${findingKey(f)}\n      ${f.message}${v?.reason ? `\n      -> ${v.reason}` : ''}`);
    }
  }
  const fixed = settle ? c.fixedWrong.filter((v) => v.known) : [];
  for (const v of fixed) delete v.known;
  if ((record && c.unrecorded.length) || fixed.length) {
    for (const f of record ? c.unrecorded : []) {
      expected.findings.push({ rule: f.rule, severity: f.severity as Verdict['severity'], ...(f.file && { file: f.file }), ...(f.line !== undefined && { line: f.line }), message: f.message, verdict: 'unjudged', reason: '' });
    }
    writeFileSync(join(CORPUS_DIR, name, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  }
}
console.log(`\n${total} errors and warnings, ${wrong} judged wrong (${total ? ((100 * wrong) / total).toFixed(1) : '0.0'}%), ${unjudgedTotal} unjudged, ${refused} project(s) refused (exit 2/3)`);
if (misses.length && !show) console.log(`\nWrong findings still reported:\n  ${misses.join('\n  ')}`);
