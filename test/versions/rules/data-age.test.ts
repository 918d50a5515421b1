import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRules } from '../../../src/core/engine.js';
import { dataAgeRule } from '../../../src/versions/rules/data-age.js';
import { facts, TODAY } from '../helpers/facts.js';

const run = (f: ReturnType<typeof facts>) => runRules([dataAgeRule], f);
const lifecycle = (asOf: string) => ({ asOf, django: [], python: [] });

test('versions.data-age passes data up to 180 days old', () => {
  assert.deepEqual(run(facts({ lifecycle: lifecycle('2026-11-27') })).findings, []);
  assert.deepEqual(run(facts({ lifecycle: lifecycle('2026-05-31') })).findings, []);
});

test('versions.data-age warns when the lifecycle or the stack data is more than 180 days old', () => {
  const { findings } = run(
    facts({
      today: TODAY,
      lifecycle: lifecycle('2026-05-29'),
      stack: { name: 'heroku-24', defaultStack: 'heroku-24', asOf: '2025-11-27' },
    }),
  );
  assert.deepEqual(findings.map((f) => [f.severity, f.message]), [
    ['warning', "implanta's Django and Python lifecycle data is as of 2026-05-29 (182 days ago): end-of-life verdicts may be stale."],
    ['warning', "implanta's Heroku stack data is as of 2025-11-27 (365 days ago): end-of-life verdicts may be stale."],
  ]);
});
