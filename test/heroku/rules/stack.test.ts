import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSkip } from '../../../src/core/rule.js';
import { stackRule } from '../../../src/heroku/rules/stack.js';
import { appWith } from '../../fixtures/heroku/app-facts.js';

function onStack(stack: string, today = '2026-11-27', buildStack = stack) {
  return stackRule.check(appWith((f) => {
    f.app.stack = { name: stack };
    f.app.build_stack = { name: buildStack };
    f.today = new Date(`${today}T00:00:00Z`);
  }));
}

const cases: [string, string, 'error' | 'warning' | 'pass', RegExp?][] = [
  ['heroku-18', '2026-11-27', 'error', /reached end-of-life on 2023-04-30/],
  ['heroku-20', '2026-11-27', 'error', /reached end-of-life on 2025-04-30/],
  ['heroku-22', '2026-11-27', 'warning', /deprecated and reaches end-of-life on 2027-04-30 \(in 154 days\)/],
  ['heroku-22', '2027-04-29', 'warning', /\(in 1 day\)/],
  ['heroku-22', '2027-04-30', 'error', /reached end-of-life on 2027-04-30/],
  ['Heroku-24', '2026-11-27', 'pass'],
  ['heroku-26', '2026-11-27', 'pass'],
  ['cedar-14', '2026-11-27', 'warning', /a stack implanta does not know/],
];

for (const [stack, today, expected, message] of cases) {
  test(`${stack} on ${today}: ${expected}`, () => {
    const result = onStack(stack, today);
    assert.ok(!isSkip(result));
    if (expected === 'pass') return assert.deepEqual(result, []);
    assert.equal(result.length, 1);
    assert.equal(result[0]!.severity ?? stackRule.meta.severity, expected);
    assert.match(result[0]!.message, message!);
    assert.match(result[0]!.hint!, /heroku stack:set heroku-24 -a hollow/);
  });
}

test('after stack:set, the hint says only a new build is left', () => {
  const result = onStack('heroku-20', '2026-11-27', 'heroku-24');
  assert.ok(!isSkip(result));
  assert.match(result[0]!.hint!, /next build already uses heroku-24/);
});

test('Fir apps and container apps are skipped with the reason', () => {
  const fir = stackRule.check(appWith((f) => { f.app.generation = { name: 'fir' }; f.app.stack = { name: 'cnb' }; }));
  assert.ok(isSkip(fir) && /Fir apps/.test(fir.skip));
  const container = stackRule.check(appWith((f) => { f.app.stack = { name: 'container' }; }));
  assert.ok(isSkip(container) && /Docker image/.test(container.skip));
});
