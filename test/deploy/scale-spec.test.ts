import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { parseScaleSpec } from '../../src/deploy/scale-spec.js';

describe('parseScaleSpec', () => {
  const valid: [string, ReturnType<typeof parseScaleSpec>][] = [
    ['web=2', [{ type: 'web', quantity: 2 }]],
    ['web=2:standard-1x worker=0', [{ type: 'web', quantity: 2, size: 'standard-1x' }, { type: 'worker', quantity: 0 }]],
    ['web=1:Standard-2X', [{ type: 'web', quantity: 1, size: 'standard-2x' }]],
    ['web+1', [{ type: 'web', delta: 1 }]],
    ['worker-2', [{ type: 'worker', delta: -2 }]],
    ['  clock_1=0   ', [{ type: 'clock_1', quantity: 0 }]],
    ['web+2:performance-m', [{ type: 'web', delta: 2, size: 'performance-m' }]],
  ];
  for (const [spec, expected] of valid) {
    it(`reads ${JSON.stringify(spec)}`, () => assert.deepEqual(parseScaleSpec(spec), expected));
  }

  const invalid: [string, RegExp][] = [
    ['', /say what to change/],
    ['web', /"web" is not TYPE=QUANTITY/],
    ['web=two', /"web=two" is not/],
    ['web=-1', /"web=-1" is not/],
    ['web=1:', /"web=1:" is not/],
    ['web=1 web=2', /web is given twice/],
  ];
  for (const [spec, message] of invalid) {
    it(`rejects ${JSON.stringify(spec)}`, () => {
      assert.throws(() => parseScaleSpec(spec), (error: unknown) => error instanceof InputError && message.test(error.message));
    });
  }
});
