import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { parseUrlSpec, parseUrlSpecs, requestSequence } from '../../src/size/url-spec.js';

describe('parseUrlSpec', () => {
  const valid = [
    { spec: '/', path: '/', weight: 1 },
    { spec: '/health:3', path: '/health', weight: 3 },
    { spec: '/search?q=a', path: '/search?q=a', weight: 1 },
    { spec: '/a:b', path: '/a:b', weight: 1 },
    { spec: '/a:b:2', path: '/a:b', weight: 2 },
  ];
  for (const c of valid) {
    test(`${c.spec} is ${c.path} with weight ${c.weight}`, () => {
      assert.deepEqual(parseUrlSpec(c.spec), { path: c.path, weight: c.weight });
    });
  }

  const invalid = [
    { spec: 'http://example.com/', reason: /only sends load to the process it starts on 127\.0\.0\.1/ },
    { spec: '//example.com/x', reason: /only sends load/ },
    { spec: 'health', reason: /starts with \// },
    { spec: '/x:0', reason: /whole number from 1 to 100/ },
    { spec: '/a b', reason: /no spaces/ },
  ];
  for (const c of invalid) {
    test(`${c.spec} is refused`, () => {
      assert.throws(() => parseUrlSpec(c.spec), (e: unknown) => e instanceof InputError && c.reason.test(e.message));
    });
  }
});

describe('parseUrlSpecs', () => {
  test('defaults to / and /health', () => {
    assert.deepEqual(parseUrlSpecs(undefined).map((p) => p.path), ['/', '/health']);
  });

  test('a path given twice is refused', () => {
    assert.throws(() => parseUrlSpecs(['/a', '/a:2']), InputError);
  });
});

describe('requestSequence', () => {
  test('each path appears as often as its weight, interleaved', () => {
    const sequence = requestSequence([{ path: '/', weight: 3 }, { path: '/health', weight: 1 }]);
    assert.equal(sequence.filter((p) => p === '/').length, 3);
    assert.equal(sequence.filter((p) => p === '/health').length, 1);
    assert.equal(sequence[1], '/health');
  });
});
