import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crashRestartDelay } from '../../../src/local/dynos/crash-backoff.js';

const cases: [number, number][] = [
  [1, 0],
  [2, 10_000],
  [3, 20_000],
  [4, 40_000],
  [9, 20 * 60_000],
  [50, 20 * 60_000],
];

for (const [crashes, delay] of cases) {
  test(`after crash ${crashes} in a row a dyno restarts after ${delay / 1000} s`, () => {
    assert.equal(crashRestartDelay(crashes, 10_000), delay);
  });
}
