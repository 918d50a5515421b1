import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectstaticDisabled } from '../../../src/local/build/collectstatic.js';

const cases: [string | undefined, boolean][] = [
  [undefined, false],
  ['', false],
  ['0', false],
  ['1', true],
  ['true', true],
  ['yes', true],
];

for (const [value, disabled] of cases) {
  test(`DISABLE_COLLECTSTATIC=${JSON.stringify(value)} ${disabled ? 'skips' : 'runs'} collectstatic`, () => {
    assert.equal(collectstaticDisabled(value === undefined ? {} : { DISABLE_COLLECTSTATIC: value }), disabled);
  });
}
