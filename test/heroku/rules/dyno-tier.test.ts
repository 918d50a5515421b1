import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSkip } from '../../../src/core/rule.js';
import type { Formation } from '../../../src/heroku/schema-extensions.js';
import { dynoTierRule } from '../../../src/heroku/rules/dyno-tier.js';
import { appWith } from '../../fixtures/heroku/app-facts.js';

function withWeb(web: Formation) {
  return dynoTierRule.check(appWith((f) => { f.formation = [web, { type: 'worker', quantity: 1, size: 'Eco' }]; }));
}

const cases: [string, Formation, 'error' | 'warning' | 'pass'][] = [
  ['Standard-1X', { type: 'web', quantity: 2, dyno_size: { name: 'Standard-1X' } }, 'pass'],
  ['PERFORMANCE-L in capitals', { type: 'web', quantity: 2, dyno_size: { name: 'PERFORMANCE-L' } }, 'pass'],
  ['Private-M', { type: 'web', quantity: 2, dyno_size: { name: 'Private-M' } }, 'pass'],
  ['Shield-L', { type: 'web', quantity: 2, dyno_size: { name: 'Shield-L' } }, 'pass'],
  ['a Fir size', { type: 'web', quantity: 2, dyno_size: { name: 'dyno-2c-4gb' } }, 'pass'],
  ['only the deprecated size field', { type: 'web', quantity: 2, size: 'standard-2x' }, 'pass'],
  ['Eco', { type: 'web', quantity: 1, dyno_size: { name: 'Eco' } }, 'error'],
  ['legacy Free', { type: 'web', quantity: 1, size: 'Free' }, 'error'],
  ['Basic', { type: 'web', quantity: 1, dyno_size: { name: 'Basic' } }, 'warning'],
  ['legacy Hobby', { type: 'web', quantity: 1, size: 'Hobby' }, 'warning'],
  ['dyno_size wins over a stale size', { type: 'web', quantity: 1, size: 'Standard-1X', dyno_size: { name: 'Basic' } }, 'warning'],
  ['an unknown size', { type: 'web', quantity: 1, dyno_size: { name: 'Quantum-9X' } }, 'warning'],
];

for (const [name, web, expected] of cases) {
  test(`web on ${name}: ${expected}`, () => {
    const result = withWeb(web);
    assert.ok(!isSkip(result));
    if (expected === 'pass') return assert.deepEqual(result, []);
    assert.equal(result.length, 1);
    assert.equal(result[0]!.severity ?? dynoTierRule.meta.severity, expected);
    assert.equal(result[0]!.hint, 'heroku ps:type web=standard-1x -a hollow');
  });
}

test('an app without a web process is skipped', () => {
  const result = dynoTierRule.check(appWith((f) => { f.formation = [{ type: 'worker', quantity: 1, size: 'Eco' }]; }));
  assert.ok(isSkip(result));
});
