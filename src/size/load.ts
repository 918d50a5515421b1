import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { InputError } from '../core/errors.js';
import { DynoError, type DynoProcess } from './dyno-process.js';
import { treeCpuSeconds } from './measure.js';
import type { RoutedRequest, Router, RouterWindow } from './router.js';
import { percentile, round } from './stats.js';
import type { LoadStep, UrlProbe, WeightedPath } from './types.js';
import { requestSequence } from './url-spec.js';

/**
 * Drives the web process with autocannon through the router stand-in: first each URL alone, then the
 * weighted mix at doubling concurrency until the p95 target is passed, errors appear, or more
 * connections stop buying throughput. The web process dying at any point ends the load at once.
 */

export interface LoadTarget {
  router: Router;
  routerPort: number;
  dyno: DynoProcess;
  host: string;
  signal?: AbortSignal;
}

export interface RampOptions {
  paths: WeightedPath[];
  p95Ms: number;
  stepSeconds: number;
  maxConcurrency?: number;
  onStep?: (concurrency: number) => void;
}

export interface RampResult {
  steps: LoadStep[];
  stopped: string;
}

const PROBE_REQUESTS = 5;
/** autocannon gives up later than the router, so a slow answer is the router's H12, as on Heroku. */
const CLIENT_TIMEOUT_S = 40;
/** autocannon notices the end of a run only at its sampling tick (1 s by default): a short one keeps steps on time. */
const SAMPLE_INTERVAL_MS = 100;
const DEFAULT_MAX_CONCURRENCY = 256;
/** Two doublings in a row that add less than this much throughput: the process is saturated. */
const SATURATION_GAIN = 1.1;

/** Each URL alone, one request at a time: its status and unloaded latency, before any load. */
export async function probeUrls(target: LoadTarget, paths: readonly WeightedPath[]): Promise<UrlProbe[]> {
  const probes: UrlProbe[] = [];
  for (const p of paths) {
    await drive(target, { connections: 1, amount: PROBE_REQUESTS, requests: [{ method: 'GET', path: p.path }] }, `probing ${p.path}`);
    const { requests } = await settledWindow(target);
    probes.push({ path: p.path, weight: p.weight, status: commonestOutcome(requests), p50_ms: round(percentile(requests.map((r) => r.ms), 50)) });
  }
  return probes;
}

/** A short unmeasured burst, so every worker has imported the app and filled its caches before steps count. */
export async function warmUp(target: LoadTarget, paths: readonly WeightedPath[], connections: number, seconds: number): Promise<void> {
  await drive(target, { connections, duration: seconds, requests: requestsOf(paths) }, 'warming up');
  await settledWindow(target);
}

export async function rampUp(target: LoadTarget, options: RampOptions): Promise<RampResult> {
  const steps: LoadStep[] = [];
  const max = options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
  let flat = 0;
  for (let concurrency = 1; concurrency <= max; concurrency *= 2) {
    options.onStep?.(concurrency);
    const step = await runStep(target, options.paths, concurrency, options.stepSeconds);
    const best = Math.max(0, ...steps.map((s) => s.rps));
    steps.push(step);
    if (step.errors + step.h12_timeouts > 0) return { steps, stopped: `errors at ${concurrency} connections` };
    if (step.requests === 0) return { steps, stopped: `no answer within ${options.stepSeconds} s at ${concurrency} connections` };
    if (step.p95_ms !== null && step.p95_ms > options.p95Ms) return { steps, stopped: `p95 ${Math.round(step.p95_ms)} ms passed the ${options.p95Ms} ms target at ${concurrency} connections` };
    flat = step.rps < best * SATURATION_GAIN ? flat + 1 : 0;
    if (flat >= 2) return { steps, stopped: `throughput stopped growing at ${concurrency} connections` };
  }
  return { steps, stopped: `reached ${max} connections` };
}

async function runStep(target: LoadTarget, paths: readonly WeightedPath[], concurrency: number, seconds: number): Promise<LoadStep> {
  const cpuBefore = await treeCpuSeconds(target.dyno.pid);
  const started = performance.now();
  await drive(target, { connections: concurrency, duration: seconds, requests: requestsOf(paths) }, `driving ${concurrency} connection${concurrency === 1 ? '' : 's'}`);
  const ended = performance.now();
  const window = await settledWindow(target);
  const cpu = (await treeCpuSeconds(target.dyno.pid)) - cpuBefore;
  return stepFrom(window, concurrency, started, ended, cpu);
}

/**
 * Every request that arrived in the step counts, with its real service time, including those the
 * dyno finished after the step's clients hung up; throughput counts only what ended within the step.
 */
function stepFrom(window: RouterWindow, concurrency: number, started: number, ended: number, cpuSeconds: number): LoadStep {
  const seconds = (ended - started) / 1000;
  const answered = window.requests.filter((r) => typeof r.outcome === 'number');
  const status = (test: (s: number) => boolean) => answered.filter((r) => test(r.outcome as number)).length;
  const latencies = window.requests.map((r) => r.ms);
  const latency = (p: number) => (latencies.length ? round(percentile(latencies, p)) : null);
  return {
    concurrency,
    seconds: round(seconds, 2),
    requests: answered.length,
    rps: round(answered.filter((r) => r.endedAt <= ended).length / seconds),
    p50_ms: latency(50),
    p95_ms: latency(95),
    p99_ms: latency(99),
    errors: status((s) => s >= 500) + window.requests.filter((r) => r.outcome === 'H13').length,
    h12_timeouts: window.requests.filter((r) => r.outcome === 'H12').length,
    client_errors: status((s) => s >= 400 && s < 500),
    cpu_seconds_per_request: answered.length > 0 ? round(cpuSeconds / answered.length, 5) : null,
  };
}

function requestsOf(paths: readonly WeightedPath[]): autocannon.Request[] {
  return requestSequence(paths).map((path) => ({ method: 'GET', path }));
}

/** The status most answers had; 503 when the router itself answered (H12, H13); 0 for no request at all. */
function commonestOutcome(requests: readonly RoutedRequest[]): number {
  const counts = new Map<number, number>();
  for (const r of requests) {
    const status = typeof r.outcome === 'number' ? r.outcome : 503;
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** Waits for the requests still at the dyno to end (or the user to give up), then takes their window. */
async function settledWindow(target: LoadTarget): Promise<RouterWindow> {
  const signal = target.signal;
  if (signal) {
    let onAbort = () => {};
    const aborted = new Promise<void>((resolve) => {
      onAbort = () => resolve();
      signal.addEventListener('abort', onAbort, { once: true });
    });
    await Promise.race([target.router.idle(), aborted]);
    signal.removeEventListener('abort', onAbort);
    signal.throwIfAborted();
  } else {
    await target.router.idle();
  }
  return target.router.take();
}

type Drive = Pick<autocannon.Options, 'connections' | 'duration' | 'amount' | 'requests'>;

/**
 * One autocannon run that ends early, and fails, if the web process dies or the user presses Ctrl-C.
 * `what` completes "the web process crashed while …": `at 8 connections`, `warming up`.
 */
async function drive(target: LoadTarget, options: Drive, what: string): Promise<void> {
  target.signal?.throwIfAborted();
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<void>((resolve, reject) => {
    instance = autocannon(
      { url: `http://127.0.0.1:${target.routerPort}`, headers: { host: target.host }, timeout: CLIENT_TIMEOUT_S, sampleInt: SAMPLE_INTERVAL_MS, ...options },
      (error: unknown) => (error ? reject(new InputError(`the load generator failed while ${what}: ${(error as Error).message}`)) : resolve()),
    );
  });
  const stop = () => instance?.stop();
  target.signal?.addEventListener('abort', stop, { once: true });
  const died = target.dyno.exited.then(() => 'died' as const);
  try {
    const outcome = await Promise.race([finished.then(() => 'done' as const), died]);
    if (outcome === 'died') {
      stop();
      const tail = target.dyno.logTail();
      const last = tail.at(-1);
      throw new DynoError(`${target.dyno.name}: the web process crashed under load while ${what} (${target.dyno.describeExit()})${last ? `: ${last}` : ''}`, tail);
    }
  } finally {
    target.signal?.removeEventListener('abort', stop);
  }
  target.signal?.throwIfAborted();
}
