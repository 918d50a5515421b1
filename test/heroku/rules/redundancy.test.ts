import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSkip } from '../../../src/core/rule.js';
import { redundancyRule } from '../../../src/heroku/rules/redundancy.js';
import { appWith } from '../../fixtures/heroku/app-facts.js';

const cases: [number, 'error' | 'warning' | 'pass'][] = [[0, 'error'], [1, 'warning'], [2, 'pass'], [5, 'pass']];

for (const [quantity, expected] of cases) {
  test(`${quantity} web dynos: ${expected}`, () => {
    const result = redundancyRule.check(appWith((f) => { f.formation[0]!.quantity = quantity; }));
    assert.ok(!isSkip(result));
    if (expected === 'pass') return assert.deepEqual(result, []);
    assert.equal(result[0]!.severity, expected);
    assert.equal(result[0]!.hint, 'heroku ps:scale web=2 -a hollow');
  });
}

test('only web dynos count: two workers and one web still fail', () => {
  const result = redundancyRule.check(appWith((f) => { f.formation = [{ type: 'web', quantity: 1 }, { type: 'worker', quantity: 2 }]; }));
  assert.ok(!isSkip(result) && result.length === 1);
});

test('an app without a web process is skipped', () => {
  assert.ok(isSkip(redundancyRule.check(appWith((f) => { f.formation = []; }))));
});
