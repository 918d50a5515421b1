import { DynoError, freePort, startDyno, type DynoProcess } from './dyno-process.js';
import { probeUrls, rampUp, warmUp, type LoadTarget } from './load.js';
import { summariseMemory, TreeSampler } from './measure.js';
import { Router } from './router.js';
import { median, round } from './stats.js';
import type { RunMeasurement, SizeProgress, UrlProbe, WeightedPath } from './types.js';

/** One measured run: a fresh web process with one WEB_CONCURRENCY, probed, warmed up, then stepped up in load. */

export interface RunInput {
  dir: string;
  command: string;
  /** The dyno environment without PORT and WEB_CONCURRENCY, which each run sets. */
  env: NodeJS.ProcessEnv;
  workers: number;
  host: string;
  forwardedProto: 'https' | 'http';
  paths: WeightedPath[];
  p95Ms: number;
  stepSeconds: number;
  bootTimeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (event: SizeProgress) => void;
}

export async function measureRun(input: RunInput): Promise<RunMeasurement> {
  const { workers } = input;
  const port = await freePort();
  input.onProgress?.({ phase: 'boot', workers, message: `WEB_CONCURRENCY=${workers}: starting the web process on port ${port}` });
  const dyno = await startDyno({
    command: input.command,
    cwd: input.dir,
    env: { ...input.env, PORT: String(port), WEB_CONCURRENCY: String(workers) },
    port,
    bootTimeoutMs: input.bootTimeoutMs,
    signal: input.signal,
  });
  const sampler = new TreeSampler(dyno.pid).start();
  const router = new Router({ upstreamPort: port, forwardedProto: input.forwardedProto });
  try {
    const target: LoadTarget = { router, routerPort: await router.listen(), dyno, host: input.host, signal: input.signal };
    input.onProgress?.({ phase: 'warm-up', workers, message: `WEB_CONCURRENCY=${workers}: probing ${input.paths.map((p) => p.path).join(', ')} and warming up` });
    const urls = await probeUrls(target, input.paths);
    assertAnswers(urls, input.host, dyno);
    await warmUp(target, input.paths, workers * 2, Math.min(1, input.stepSeconds));
    const ramp = await rampUp(target, {
      paths: input.paths,
      p95Ms: input.p95Ms,
      stepSeconds: input.stepSeconds,
      onStep: (concurrency) =>
        input.onProgress?.({ phase: 'step', workers, concurrency, message: `WEB_CONCURRENCY=${workers}: ${concurrency} connection${concurrency === 1 ? '' : 's'} for ${input.stepSeconds} s` }),
    });
    const samples = await sampler.stop();
    const steps = ramp.steps;
    const answered = steps.reduce((sum, s) => sum + s.requests, 0);
    const cpu = steps.reduce((sum, s) => sum + (s.cpu_seconds_per_request ?? 0) * s.requests, 0);
    const withinTarget = steps.filter((s) => s.p95_ms !== null && s.p95_ms <= input.p95Ms && s.errors + s.h12_timeouts === 0);
    return {
      web_concurrency: workers,
      boot_ms: dyno.bootMs,
      processes: Math.max(0, ...samples.map((s) => s.processes)),
      urls,
      steps,
      rps_at_target: Math.max(0, ...withinTarget.map((s) => s.rps)),
      stopped: ramp.stopped,
      memory: summariseMemory(samples),
      cpu_seconds_per_request: answered > 0 ? round(cpu / answered, 5) : null,
      service_ms: steps[0]?.p50_ms ?? median(urls.map((u) => u.p50_ms)),
    };
  } finally {
    await sampler.stop();
    await router.close();
    await dyno.stop();
  }
}

/**
 * A URL that answers only 4xx or 5xx would make the load measure error pages: the usual cause is a Host
 * the app does not allow, or a page that needs a login or data the empty database lacks.
 */
function assertAnswers(urls: readonly UrlProbe[], host: string, dyno: DynoProcess): void {
  for (const url of urls) {
    if (url.status === 400) {
      throw new DynoError(`GET ${url.path} answered 400 Bad Request with Host: ${host}; if ${host} is not in ALLOWED_HOSTS, pass --host with a name that is`, dyno.logTail());
    }
    if (url.status >= 400) {
      const last = dyno.logTail().at(-1);
      throw new DynoError(`GET ${url.path} answered ${url.status}${last ? ` (${last})` : ''}; load a URL that answers 200 with an empty database (--url)`, dyno.logTail());
    }
    if (url.status === 0) throw new DynoError(`GET ${url.path} got no answer from the web process`, dyno.logTail());
  }
}
