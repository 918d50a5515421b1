import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs, isRetryable, retryAfterMs, type Outcome } from '../../src/heroku/retry-policy.js';

const status = (s: number): Outcome => ({ kind: 'status', status: s, retryAfter: null });
const reset: Outcome = { kind: 'network', code: 'ECONNRESET' };
const refused: Outcome = { kind: 'network', code: 'ECONNREFUSED' };
const timeout: Outcome = { kind: 'timeout' };

const table: [string, Outcome, boolean][] = [
  ['GET', status(429), true],
  ['POST', status(429), true],
  ['GET', status(500), true],
  ['PATCH', status(503), true],
  ['DELETE', status(502), true],
  ['PUT', status(504), true],
  ['POST', status(500), false],
  ['POST', status(503), false],
  ['GET', status(501), false],
  ['GET', status(422), false],
  ['GET', status(404), false],
  ['GET', reset, true],
  ['PATCH', reset, true],
  ['POST', reset, false],
  ['POST', refused, true],
  ['GET', timeout, true],
  ['POST', timeout, false],
];

for (const [method, outcome, expected] of table) {
  test(`${method} after ${outcome.kind === 'status' ? outcome.status : outcome.kind === 'network' ? outcome.code : 'a timeout'} is ${expected ? '' : 'not '}retried`, () => {
    assert.equal(isRetryable(method, outcome), expected);
  });
}

test('backoff doubles per attempt, is jittered within the upper half, and is capped', () => {
  const backoff = { baseMs: 100, capMs: 1000 };
  assert.equal(backoffMs(0, backoff, () => 0), 50);
  assert.equal(backoffMs(0, backoff, () => 1), 100);
  assert.equal(backoffMs(2, backoff, () => 1), 400);
  assert.equal(backoffMs(10, backoff, () => 1), 1000);
  assert.equal(backoffMs(10, backoff, () => 0), 500);
});

test('Retry-After is read as seconds or as an HTTP date', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(retryAfterMs('3', now), 3000);
  assert.equal(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', now), 10_000);
  assert.equal(retryAfterMs('soon', now), undefined);
  assert.equal(retryAfterMs(null, now), undefined);
});
