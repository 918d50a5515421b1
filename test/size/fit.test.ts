import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fitMemory, predictMemory } from '../../src/size/fit.js';

/** A deterministic wobble of ±amplitude, so the tests are repeatable without a random seed. */
function noise(i: number, amplitude: number): number {
  return Math.sin(i * 2.7 + 1) * amplitude;
}

function line(base: number, perWorker: number, workers: number[], amplitude = 0) {
  return workers.map((w, i) => ({ workers: w, memory_mb: base + perWorker * w + noise(i, amplitude) }));
}

describe('fitMemory', () => {
  const cases = [
    { name: 'a light app', base: 30, perWorker: 35, workers: [1, 2, 4, 8], amplitude: 2 },
    { name: 'a heavy app', base: 60, perWorker: 210, workers: [1, 2, 4], amplitude: 5 },
    { name: 'an exact line', base: 12, perWorker: 48, workers: [1, 2, 3, 4, 5], amplitude: 0 },
  ];
  for (const c of cases) {
    test(`recovers base and per-worker memory of ${c.name}`, () => {
      const fit = fitMemory(line(c.base, c.perWorker, c.workers, c.amplitude));
      const tolerance = c.amplitude * 2 + 0.1;
      assert.ok(Math.abs(fit.base_mb - c.base) <= tolerance, `base ${fit.base_mb} vs ${c.base}`);
      assert.ok(Math.abs(fit.per_worker_mb - c.perWorker) <= tolerance, `per worker ${fit.per_worker_mb} vs ${c.perWorker}`);
      assert.ok(fit.max_residual_mb <= c.amplitude + 0.1);
      assert.ok(fit.r2 > 0.99);
    });
  }

  test('an exact line has R² 1 and no residual', () => {
    const fit = fitMemory(line(20, 40, [1, 2, 4]));
    assert.equal(fit.r2, 1);
    assert.equal(fit.max_residual_mb, 0);
  });

  test('measurements that do not follow a line get a low R² and a large residual', () => {
    const fit = fitMemory([
      { workers: 1, memory_mb: 100 },
      { workers: 2, memory_mb: 400 },
      { workers: 4, memory_mb: 120 },
      { workers: 8, memory_mb: 380 },
    ]);
    assert.ok(fit.r2 < 0.5, `R² ${fit.r2}`);
    assert.ok(fit.max_residual_mb > 100);
  });

  test('one worker count cannot make a line', () => {
    assert.throws(() => fitMemory([{ workers: 2, memory_mb: 90 }, { workers: 2, memory_mb: 95 }]));
  });

  test('the planned memory is the line plus its largest miss, so no measured run lies above it', () => {
    const points = line(30, 35, [1, 2, 4, 8], 4);
    const fit = fitMemory(points);
    for (const p of points) assert.ok(predictMemory(fit, p.workers) >= p.memory_mb - 0.1);
  });
});
