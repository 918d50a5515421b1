import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSkip } from '../../../src/core/rule.js';
import { prebootRule } from '../../../src/heroku/rules/preboot.js';
import { appWith } from '../../fixtures/heroku/app-facts.js';

test('preboot on passes', () => {
  assert.deepEqual(prebootRule.check(appWith(() => {})), []);
});

test('preboot off, or listed but disabled, fails with the features:enable command', () => {
  for (const features of [[], [{ name: 'preboot', enabled: false }]]) {
    const result = prebootRule.check(appWith((f) => { f.features = features; }));
    assert.ok(!isSkip(result) && result.length === 1);
    assert.equal(result[0]!.hint, 'heroku features:enable preboot -a hollow');
  }
});

const skips: [string, Parameters<typeof appWith>[0], RegExp][] = [
  ['Private Space app', (f) => { f.features = []; f.app.space = { name: 'tokyo' }; }, /rolling deploys/],
  ['Fir app', (f) => { f.features = []; f.app.generation = { name: 'fir' }; }, /rolling deploys/],
  ['basic web dynos', (f) => { f.features = []; f.formation[0]!.dyno_size = { name: 'Basic' }; }, /professional dynos/],
  ['no web process', (f) => { f.features = []; f.formation = []; }, /no web process/],
];

for (const [name, change, reason] of skips) {
  test(`${name}: skipped`, () => {
    const result = prebootRule.check(appWith(change));
    assert.ok(isSkip(result));
    assert.match(result.skip, reason);
  });
}
