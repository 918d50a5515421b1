import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dynoSizeData, findDynoSize } from '../../src/heroku/platform-data.js';
import { fitMemory, predictMemory } from '../../src/size/fit.js';
import { MEMORY_HEADROOM, MIN_WEB_DYNOS, recommend, TARGET_UTILISATION, type RecommendInput } from '../../src/size/recommend.js';
import { formationOf } from '../helpers/size-result.js';

const sizes = dynoSizeData().sizes;

/** An app whose memory is base + perWorker × workers, measured at 1, 2 and 4 workers. */
function app(base: number, perWorker: number, overrides: Partial<RecommendInput> = {}): RecommendInput {
  return {
    fit: fitMemory([1, 2, 4].map((w) => ({ workers: w, memory_mb: base + perWorker * w }))),
    cpuSecondsPerRequest: 0.004,
    serviceMs: 12,
    p95Ms: 500,
    peakRps: 100,
    sizes,
    ...overrides,
  };
}

describe('recommend', () => {
  test('the recommendation is the cheapest suitable option, and its predicted peak stays under 80% of its memory', () => {
    const out = recommend(app(40, 60));
    const rec = formationOf(out.recommendation);
    const suitable = out.options.filter((o) => o.suitable);
    assert.equal(rec.monthly_cost_usd, Math.min(...suitable.map((o) => o.monthly_cost_usd)));
    assert.ok(rec.peak_memory_mb <= rec.memory_mb * MEMORY_HEADROOM);
    for (const o of suitable) assert.ok(o.peak_memory_mb <= o.memory_mb * MEMORY_HEADROOM, o.dyno_size);
  });

  test('every option is priced as quantity × the size list price', () => {
    for (const o of recommend(app(40, 60)).options) {
      assert.equal(o.monthly_cost_usd, o.quantity * findDynoSize(o.dyno_size)!.monthly_usd, o.dyno_size);
    }
  });

  test('a memory-heavy app gets fewer workers on the same size, or a bigger size', () => {
    const light = formationOf(recommend(app(40, 40)).recommendation);
    const heavy = formationOf(recommend(app(40, 190)).recommendation);
    const lightOnHeavySize = recommend(app(40, 40)).options.find((o) => o.dyno_size === heavy.dyno_size)!;
    assert.ok(heavy.memory_mb > light.memory_mb || heavy.web_concurrency < light.web_concurrency, JSON.stringify({ light, heavy }));
    assert.ok(heavy.web_concurrency <= lightOnHeavySize.web_concurrency);
  });

  test('the workers on a size are the most whose predicted peak fits in 80% (or gunicorn\'s 2 × cores + 1)', () => {
    const input = app(50, 150);
    const option = recommend(input).options.find((o) => o.dyno_size === 'standard-2x')!;
    const budget = 1024 * MEMORY_HEADROOM;
    assert.ok(predictMemory(input.fit, option.web_concurrency) <= budget);
    assert.ok(predictMemory(input.fit, option.web_concurrency + 1) > budget || option.web_concurrency === 5);
  });

  test('a size that cannot hold one worker within 80% is not suitable, and says why', () => {
    const option = recommend(app(100, 400)).options.find((o) => o.dyno_size === 'standard-1x')!;
    assert.equal(option.suitable, false);
    assert.match(option.reason!, /one worker needs about \d+ MB, over 80% of its 512 MB/);
  });

  const redundancy = [
    { name: 'a tiny peak', peakRps: 0.5 },
    { name: 'no traffic at all', peakRps: 0 },
  ];
  for (const c of redundancy) {
    test(`${c.name} still gets ${MIN_WEB_DYNOS} web dynos`, () => {
      const out = recommend(app(40, 60, { peakRps: c.peakRps }));
      assert.equal(formationOf(out.recommendation).quantity, MIN_WEB_DYNOS);
      for (const o of out.options) assert.ok(o.quantity >= MIN_WEB_DYNOS);
    });
  }

  test('a higher peak needs more dynos, each planned at no more than 70% of its capacity', () => {
    const low = formationOf(recommend(app(40, 60, { peakRps: 50 })).recommendation);
    const high = formationOf(recommend(app(40, 60, { peakRps: 2000 })).recommendation);
    assert.ok(high.quantity * high.capacity_rps > low.quantity * low.capacity_rps);
    assert.ok(high.utilisation <= TARGET_UTILISATION + 0.01, `utilisation ${high.utilisation}`);
  });

  test('CPU-heavy requests rule out the shared sizes whose CPU share makes one request slower than the target', () => {
    const out = recommend(app(40, 60, { cpuSecondsPerRequest: 0.2, serviceMs: 210 }));
    const standard = out.options.find((o) => o.dyno_size === 'standard-1x')!;
    assert.equal(standard.suitable, false);
    assert.match(standard.reason!, /one request would take about \d+ ms on its CPU share, over the 500 ms p95 target/);
    assert.equal(findDynoSize(formationOf(out.recommendation).dyno_size)!.dedicated, true);
  });

  test('when one request is slower than the p95 target on every size, the result says so, why, and the formation a target it names would get', () => {
    const input = app(40, 60, { cpuSecondsPerRequest: 0.3, serviceMs: 720 });
    const rec = recommend(input).recommendation;
    assert.equal(rec.meets_targets, false);
    assert.ok(!rec.meets_targets);
    assert.match(rec.reason, /^one request takes about 720 ms even on performance-[a-z0-9]+'s CPU share, over the 500 ms p95 target$/);
    const fit = rec.would_fit!;
    assert.equal(fit.p95_ms, 720);
    assert.match(rec.next_step, /--p95 720ms/);
    // What would fit is exactly what `implanta size --p95 720ms` recommends, and it holds its workers in memory.
    assert.deepEqual({ ...fit, p95_ms: undefined }, { ...recommend({ ...input, p95Ms: 720 }).recommendation, p95_ms: undefined });
    assert.ok(fit.peak_memory_mb <= fit.memory_mb * MEMORY_HEADROOM);
    assert.ok(fit.web_concurrency >= 1 && fit.quantity >= MIN_WEB_DYNOS);
    // Just under that target, still nothing; at it, a formation.
    assert.equal(recommend({ ...input, p95Ms: 710 }).recommendation.meets_targets, false);
  });

  // make test once failed here: one request took 610.x ms, the target named was 610 ms, and at 610 ms
  // nothing fit, so the result named no formation although memory allowed several.
  test('a request just over a multiple of 10 ms: the target named is met, and what would fit is named', () => {
    const rec = recommend(app(40, 60, { cpuSecondsPerRequest: 0.1, serviceMs: 600.3 })).recommendation;
    assert.ok(!rec.meets_targets);
    assert.match(rec.reason, /one request takes about 600 ms/);
    assert.equal(rec.would_fit?.p95_ms, 610);
    assert.match(rec.next_step, /--p95 610ms/);
  });

  test('when one worker outgrows every Common Runtime size, the result says so and that nothing there fits', () => {
    const rec = recommend(app(100, 200_000)).recommendation;
    assert.ok(!rec.meets_targets);
    assert.match(rec.reason, /^one worker needs about \d+ MB, over 80% of \d+ MB on performance-[a-z0-9]+, the largest Common Runtime size$/);
    assert.equal(rec.would_fit, null);
    assert.match(rec.next_step, /less memory/);
  });

  const neverRecommended = [
    { size: 'eco', reason: /not for production/ },
    { size: 'basic', reason: /not for production/ },
    { size: 'private-s', reason: /Private Space/ },
    { size: 'shield-m', reason: /Shield/ },
    { size: 'dyno-2c-1gb', reason: /Fir/ },
  ];
  for (const c of neverRecommended) {
    test(`${c.size} is listed as not suitable`, () => {
      const option = recommend(app(30, 30)).options.find((o) => o.dyno_size === c.size)!;
      assert.equal(option.suitable, false);
      assert.match(option.reason!, c.reason);
    });
  }

  test('retired sizes are not offered at all', () => {
    const names = recommend(app(30, 30)).options.map((o) => o.dyno_size);
    assert.ok(!names.includes('free') && !names.includes('hobby'));
  });

  test("warns where the buildpack's default WEB_CONCURRENCY would exceed the memory", () => {
    const out = recommend(app(60, 230));
    const standard2x = out.options.find((o) => o.dyno_size === 'standard-2x')!;
    assert.equal(standard2x.buildpack_default!.web_concurrency, findDynoSize('standard-2x')!.web_concurrency);
    assert.notEqual(standard2x.buildpack_default!.verdict, 'fits');
    assert.ok(out.warnings.some((w) => /WEB_CONCURRENCY is \d+ on standard-\dx \(the Python buildpack's default\)/.test(w)), out.warnings.join('\n'));
  });

  test('no buildpack warning when its defaults fit', () => {
    const out = recommend(app(30, 20));
    assert.deepEqual(out.warnings, []);
    for (const o of out.options.filter((o) => o.suitable)) assert.equal(o.buildpack_default?.verdict ?? 'fits', 'fits');
  });

  test('the buildpack verdict names R14 past the memory and R15 past its restart multiple', () => {
    const options = recommend(app(100, 300)).options;
    const oneX = options.find((o) => o.dyno_size === 'standard-1x')!.buildpack_default!;
    const predicted = predictMemory(fitMemory([1, 2, 4].map((w) => ({ workers: w, memory_mb: 100 + 300 * w }))), oneX.web_concurrency);
    assert.equal(oneX.verdict, predicted >= 512 * 2 ? 'R15 (killed)' : 'R14 (swap)');
  });
});
