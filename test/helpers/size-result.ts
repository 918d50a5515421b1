import assert from 'node:assert/strict';
import { dynoSizeData } from '../../src/heroku/platform-data.js';
import { fitMemory } from '../../src/size/fit.js';
import { recommend } from '../../src/size/recommend.js';
import type { LoadStep, Recommendation, RunMeasurement, SizeRecommendation, SizeResult } from '../../src/size/types.js';

/** The formation, after asserting there is one (the failure message carries the reason when there is not). */
export function formationOf(rec: SizeRecommendation): Recommendation {
  assert.ok(rec.meets_targets, `no formation meets the targets: ${rec.meets_targets ? '' : `${rec.reason}. ${rec.next_step}`}`);
  return rec;
}

/**
 * A SizeResult as runSize would build it, from synthetic runs of an app using base + perWorker × w MB,
 * each request taking `serviceMs` (10 by default) of which 4 ms CPU.
 */
export function syntheticResult(base = 40, perWorker = 60, workers = [1, 2, 4, 8], serviceMs = 10): SizeResult {
  const measurements: RunMeasurement[] = workers.map((w) => {
    const steps: LoadStep[] = [1, 2, 4, 8, 16].map((c) => ({
      concurrency: c,
      seconds: 1,
      requests: 100 * Math.min(c, w),
      rps: 100 * Math.min(c, w),
      p50_ms: 10 * Math.max(1, c / w),
      p95_ms: 25 * Math.max(1, c / w),
      p99_ms: 40 * Math.max(1, c / w),
      errors: 0,
      h12_timeouts: 0,
      client_errors: 0,
      cpu_seconds_per_request: 0.004,
    }));
    const peak = base + perWorker * w;
    return {
      web_concurrency: w,
      boot_ms: 300,
      processes: w + 2,
      urls: [{ path: '/', weight: 1, status: 200, p50_ms: 10 }],
      steps,
      rps_at_target: Math.max(...steps.map((s) => s.rps)),
      stopped: 'throughput stopped growing at 16 connections',
      memory: { basis: 'pss', peak_mb: peak, steady_mb: peak - 5, peak_rss_mb: peak + 20, steady_rss_mb: peak + 15, samples: 40 },
      cpu_seconds_per_request: 0.004,
      service_ms: serviceMs,
    };
  });
  const fit = fitMemory(measurements.map((m) => ({ workers: m.web_concurrency, memory_mb: m.memory.peak_mb })));
  const out = recommend({ fit, cpuSecondsPerRequest: 0.004, serviceMs, p95Ms: 500, peakRps: 120, sizes: dynoSizeData().sizes });
  return {
    project: { root: '/tmp/shop', python: '/usr/bin/python3', python_how: '--python', web_command: 'gunicorn shop.wsgi', host: 'shop.example.org' },
    targets: { p95_ms: 500, peak_rps: 120, peak_source: 'flag' },
    machine: { cpus: 2, memory_mb: 4096 },
    measurements,
    fit,
    options: out.options,
    recommendation: out.recommendation,
    warnings: out.warnings,
    assumptions: ['CPU figures from one machine are estimates.'],
  };
}
