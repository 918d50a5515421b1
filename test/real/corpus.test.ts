/**
 * Precision on real projects: each fixture under test/fixtures/real is a public Django-on-Heroku
 * repository (see its SOURCE.json), checked with the config vars its Heroku app would have. Every error
 * and warning has a verdict written after reading the project (expected.json). This fails when:
 * a project whose Python is valid is refused (exit 2); a finding judged right is no longer reported;
 * a finding judged wrong and since fixed comes back; or a finding nobody has judged appears (judge it:
 * `node --import tsx bench/corpus-precision.ts --record NAME`, then set verdict and reason).
 * Known misses (wrong, with `known` naming the owner and cause) may still appear; the bench counts them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, corpusProjects, findingKey, readExpected, runProject } from './corpus.js';

const projects = corpusProjects();

test('the corpus holds at least 10 projects', () => {
  assert.ok(projects.length >= 10, `only ${projects.length} projects under test/fixtures/real`);
});

for (const name of projects) {
  test(`real project ${name}`, async () => {
    const expected = readExpected(name);
    const run = await runProject(name, expected);
    assert.equal(run.exitCode, 0, `${name} was refused: ${run.error}`);
    const c = compare(expected, run.findings);
    const problems = [
      ...c.lostRight.map((v) => `judged right, no longer reported: ${findingKey(v)} (${v.reason})`),
      ...c.regressedWrong.map(({ verdict }) => `judged wrong and fixed, reported again: ${findingKey(verdict)} (${verdict.reason})`),
      ...c.unjudged.map((f) => `not judged yet: ${findingKey(f)} ${f.severity}: ${f.message}`),
    ];
    assert.deepEqual(problems, [], `${name}:\n  ${problems.join('\n  ')}`);
  });
}
