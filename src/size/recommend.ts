import type { DynoSize } from '../heroku/platform-data.js';
import { computeUnitsPerVcpu, dynoCompute, workerCeiling, type DynoCompute } from './dyno-compute.js';
import { predictMemory } from './fit.js';
import { round } from './stats.js';
import type { BuildpackVerdict, DynoOption, MemoryFit, NoRecommendation, Recommendation, SizeRecommendation } from './types.js';

/**
 * From measurements to a formation. For every dyno size: the most workers whose predicted peak memory
 * stays under 80% of the size's memory (Heroku logs R14 and swaps from 100%, and restarts the dyno with
 * R15 at its multiple), the requests per second one dyno then carries, the dynos the peak needs (never
 * fewer than two, so one can restart without an outage), and what that costs a month. The cheapest
 * professional Common Runtime option wins. When none meets the targets, the result says why and what
 * would fit (see NoRecommendation).
 */

export const MEMORY_HEADROOM = 0.8;
/** Plan dynos to run at 70% of capacity: queues, and so latency, grow without bound as use nears 100%. */
export const TARGET_UTILISATION = 0.7;
export const MIN_WEB_DYNOS = 2;

export interface RecommendInput {
  fit: MemoryFit;
  /** CPU seconds per request on the measuring machine; null when it could not be measured. */
  cpuSecondsPerRequest: number | null;
  /** Time one request takes with the process otherwise idle, in ms. */
  serviceMs: number;
  p95Ms: number;
  peakRps: number;
  sizes: readonly DynoSize[];
}

export interface RecommendOutput {
  options: DynoOption[];
  recommendation: SizeRecommendation;
  warnings: string[];
}

/** An option, with the time one request takes on the size's CPU share (what the p95 target is held against). */
interface Evaluated {
  size: DynoSize;
  option: DynoOption;
  singleMs: number;
}

export function recommend(input: RecommendInput): RecommendOutput {
  const unitsPerVcpu = computeUnitsPerVcpu(input.sizes);
  const evaluated = input.sizes.filter((s) => !s.legacy).map((size) => evaluateSize(size, input, dynoCompute(size, unitsPerVcpu)));
  const options = evaluated.map((e) => e.option);
  const ranked = options.filter((o) => o.suitable).sort(byCost);
  const best = ranked[0];
  const ordered = [...ranked, ...options.filter((o) => !o.suitable)];
  return {
    options: ordered,
    recommendation: best ? recommendationOf(best, input.peakRps) : noRecommendation(evaluated, input),
    warnings: buildpackWarnings(ranked.slice(0, 4)),
  };
}

/** A size a Common Runtime app can use for production: the only kind recommended. */
function commonRuntimeProfessional(size: DynoSize): boolean {
  return size.professional && size.generation !== 'fir' && size.tier !== 'private' && size.tier !== 'shield';
}

/**
 * Why no formation meets the targets, and what would. Memory decides first: a size that cannot hold one
 * worker within 80% cannot be helped by any target. Among the sizes that hold workers, latency is what
 * failed, so the fastest of them names the smallest p95 target that can be met, and `would_fit` is the
 * recommendation at that target, computed the same way.
 */
function noRecommendation(evaluated: readonly Evaluated[], input: RecommendInput): NoRecommendation {
  const candidates = evaluated.filter((e) => commonRuntimeProfessional(e.size));
  const holding = candidates.filter((e) => e.option.web_concurrency >= 1 && e.option.capacity_rps > 0);
  if (holding.length === 0) {
    const largest = [...candidates].sort((a, b) => b.size.memory_mb - a.size.memory_mb)[0];
    const oneWorker = Math.round(predictMemory({ ...input.fit, per_worker_mb: Math.max(input.fit.per_worker_mb, 0) }, 1));
    return {
      meets_targets: false,
      reason: largest
        ? `one worker needs about ${oneWorker} MB, over 80% of ${largest.size.memory_mb} MB on ${largest.size.name}, the largest Common Runtime size`
        : 'no professional Common Runtime size is known to implanta',
      would_fit: null,
      next_step: 'Make each request hold less memory: `implanta size --url PATH` measures one URL alone, to find the one that holds the most.',
    };
  }
  const fastest = [...holding].sort((a, b) => a.singleMs - b.singleMs || a.option.monthly_cost_usd - b.option.monthly_cost_usd)[0]!;
  // Up to the next 10 ms: a target a person would type, and one the fastest size meets by construction.
  // Not of the rounded time: 600.3 ms rounds to 600, a target it misses, and then nothing would fit.
  const p95Ms = Math.max(input.p95Ms + 10, Math.ceil(fastest.singleMs / 10) * 10);
  const relaxed = recommend({ ...input, p95Ms }).recommendation;
  return {
    meets_targets: false,
    reason: `one request takes about ${Math.round(fastest.singleMs)} ms even on ${fastest.size.name}'s CPU share, over the ${input.p95Ms} ms p95 target`,
    would_fit: relaxed.meets_targets ? { ...relaxed, p95_ms: p95Ms } : null,
    next_step: `Make the slowest URL faster, or accept a p95 of ${p95Ms} ms (--p95 ${p95Ms}ms).`,
  };
}

function byCost(a: DynoOption, b: DynoOption): number {
  return a.monthly_cost_usd - b.monthly_cost_usd || a.quantity - b.quantity || b.memory_mb - b.peak_memory_mb - (a.memory_mb - a.peak_memory_mb);
}

function evaluateSize(size: DynoSize, input: RecommendInput, compute: DynoCompute | undefined): Evaluated {
  // A line that falls with workers is noise in the measurements, not memory given back.
  const fit = { ...input.fit, per_worker_mb: Math.max(input.fit.per_worker_mb, 0) };
  const budget = size.memory_mb * MEMORY_HEADROOM;
  const ceiling = compute ? workerCeiling(compute) : 1;
  const fitting = fit.per_worker_mb > 0 ? Math.floor((budget - predictMemory(fit, 0)) / fit.per_worker_mb) : predictMemory(fit, 0) < budget ? ceiling : 0;
  const workers = Math.max(0, Math.min(fitting, ceiling));
  const capacity = compute && workers > 0 ? dynoCapacity(compute, workers, input) : { rps: 0, singleMs: Number.POSITIVE_INFINITY };
  const planned = capacity.rps * TARGET_UTILISATION;
  const quantity = planned > 0 ? Math.max(MIN_WEB_DYNOS, Math.ceil(input.peakRps / planned)) : MIN_WEB_DYNOS;
  const option: DynoOption = {
    dyno_size: size.name,
    tier: size.tier,
    suitable: true,
    memory_mb: size.memory_mb,
    web_concurrency: workers,
    peak_memory_mb: round(predictMemory(fit, Math.max(workers, 1))),
    capacity_rps: round(capacity.rps),
    quantity,
    monthly_cost_usd: quantity * size.monthly_usd,
    buildpack_default: buildpackDefault(size, fit),
  };
  const reason = unsuitable(size, option, capacity.singleMs, input.p95Ms);
  return { size, option: reason ? { ...option, suitable: false, reason } : option, singleMs: capacity.singleMs };
}

/**
 * Requests per second one dyno can carry at most: the smaller of what its CPU share allows (cores ÷ CPU
 * per request) and what its workers allow (workers ÷ time each request holds one, that time being the
 * waiting measured here plus the CPU work slowed to the dyno's share of a core).
 */
function dynoCapacity(compute: DynoCompute, workers: number, input: RecommendInput): { rps: number; singleMs: number } {
  const cpu = input.cpuSecondsPerRequest ?? 0;
  const waiting = Math.max(0, input.serviceMs / 1000 - cpu);
  const single = waiting + cpu / Math.min(1, compute.cores);
  const byWorkers = single > 0 ? workers / single : Number.POSITIVE_INFINITY;
  const byCpu = cpu > 0 ? compute.cores / cpu : Number.POSITIVE_INFINITY;
  const rps = Math.min(byWorkers, byCpu);
  return { rps: Number.isFinite(rps) ? rps : 0, singleMs: single * 1000 };
}

function unsuitable(size: DynoSize, option: DynoOption, singleMs: number, p95Ms: number): string | undefined {
  if (!size.professional) {
    return size.sleeps
      ? 'not for production: eco dynos sleep when idle and cannot scale out'
      : 'not for production: one dyno per process type at most, no preboot, no horizontal scaling';
  }
  if (size.generation === 'fir') return 'needs an app in a Fir space';
  if (size.tier === 'private') return 'needs a Private Space';
  if (size.tier === 'shield') return 'needs a Shield Private Space';
  if (option.web_concurrency < 1) {
    return `one worker needs about ${Math.round(option.peak_memory_mb)} MB, over 80% of its ${size.memory_mb} MB`;
  }
  if (option.capacity_rps === 0) return 'its CPU share is unknown to implanta';
  if (singleMs > p95Ms) {
    return `one request would take about ${Math.round(singleMs)} ms on its CPU share, over the ${p95Ms} ms p95 target`;
  }
  return undefined;
}

function buildpackDefault(size: DynoSize, fit: MemoryFit): DynoOption['buildpack_default'] {
  if (size.web_concurrency === null) return null;
  const peak = predictMemory(fit, size.web_concurrency);
  let verdict: BuildpackVerdict = 'fits';
  if (peak >= size.memory_mb * size.r15_multiple) verdict = 'R15 (killed)';
  else if (peak >= size.memory_mb) verdict = 'R14 (swap)';
  else if (peak >= size.memory_mb * MEMORY_HEADROOM) verdict = 'over 80%';
  return { web_concurrency: size.web_concurrency, peak_memory_mb: round(peak), verdict };
}

function buildpackWarnings(options: readonly DynoOption[]): string[] {
  return options.flatMap((o) => {
    const d = o.buildpack_default;
    if (!d || d.verdict === 'fits') return [];
    return [
      `Left unset, WEB_CONCURRENCY is ${d.web_concurrency} on ${o.dyno_size} (the Python buildpack's default): about ${Math.round(d.peak_memory_mb)} MB of ${o.memory_mb} MB, ${d.verdict}. Set it explicitly.`,
    ];
  });
}

function recommendationOf(option: DynoOption, peakRps: number): Recommendation {
  const total = option.capacity_rps * option.quantity;
  const oneDown = option.capacity_rps * (option.quantity - 1);
  return {
    meets_targets: true,
    dyno_size: option.dyno_size,
    web_concurrency: option.web_concurrency,
    quantity: option.quantity,
    monthly_cost_usd: option.monthly_cost_usd,
    peak_memory_mb: option.peak_memory_mb,
    memory_mb: option.memory_mb,
    capacity_rps: option.capacity_rps,
    peak_rps: peakRps,
    utilisation: round(total > 0 ? peakRps / total : 0, 2),
    utilisation_one_down: round(oneDown > 0 ? peakRps / oneDown : 0, 2),
  };
}
