import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors.js';
import { drawFault, parseFault, parseLatency, seededRandom } from '../../src/local/api/faults.js';
import { startTestPlatform } from '../helpers/local-api.js';

const faultSpecs: [string, ReturnType<typeof parseFault> | undefined][] = [
  ['429:0.2', { kind: 'status', status: 429, probability: 0.2 }],
  ['500:0.1', { kind: 'status', status: 500, probability: 0.1 }],
  ['503:1', { kind: 'status', status: 503, probability: 1 }],
  ['reset:0.05', { kind: 'reset', probability: 0.05 }],
  ['404:0.1', undefined],
  ['500:1.5', undefined],
  ['500', undefined],
  ['boom:0.1', undefined],
];

for (const [spec, expected] of faultSpecs) {
  test(`--fault ${spec} ${expected ? 'parses' : 'is refused'}`, () => {
    if (expected) assert.deepEqual(parseFault(spec), expected);
    else assert.throws(() => parseFault(spec), (e: unknown) => e instanceof InputError && e.message.startsWith(`--fault ${spec}:`));
  });
}

for (const [spec, ms] of [['50ms', 50], ['1s', 1000], ['0.5s', 500], ['20', 20], ['fast', undefined]] as const) {
  test(`--latency ${spec} ${ms === undefined ? 'is refused' : `is ${ms} ms`}`, () => {
    if (ms === undefined) assert.throws(() => parseLatency(spec), InputError);
    else assert.equal(parseLatency(spec), ms);
  });
}

test('the same seed draws the same faults', () => {
  const faults = [parseFault('429:0.3'), parseFault('reset:0.3')];
  const run = (seed: number) => {
    const random = seededRandom(seed);
    return Array.from({ length: 50 }, () => drawFault(faults, random)?.kind ?? 'none');
  };
  assert.deepEqual(run(42), run(42));
  assert.notDeepEqual(run(42), run(43));
  assert.ok(run(42).includes('none') && run(42).includes('status') && run(42).includes('reset'));
});

test('injected faults reach the wire: an error body, a dropped connection', async (t) => {
  const failing = await startTestPlatform(t, { faults: [parseFault('503:1')] });
  const answer = await failing.call('GET', '/account');
  assert.equal(answer.status, 503);
  assert.equal(answer.body.id, 'service_unavailable');

  const dropping = await startTestPlatform(t, { faults: [parseFault('reset:1')] });
  await assert.rejects(fetch(`${dropping.url}/account`, { headers: { Authorization: 'Bearer t' } }), TypeError);
});
