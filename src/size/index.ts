import { readFileSync, statSync } from 'node:fs';
import { availableParallelism, freemem, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { ImplantaError, InputError } from '../core/errors.js';
import { secretValues } from '../check/secrets.js';
import { Redactor, secretParts } from '../core/redact.js';
import { dynoSizeData } from '../heroku/platform-data.js';
import { readDotenvFile } from '../project/dotenv.js';
import { hasRemotePassword } from '../project/secret-names.js';
import { procfileEntry, readProcfile } from '../project/procfile.js';
import { findPython, type PythonInterpreter } from '../python/interpreter.js';
import { assumptionsOf } from './assumptions.js';
import { computeUnitsPerVcpu } from './dyno-compute.js';
import { DynoError } from './dyno-process.js';
import { fitMemory, predictMemory } from './fit.js';
import { measureRun } from './measure-run.js';
import { writeReleasePlan } from './plan.js';
import { recommend } from './recommend.js';
import { withReleasedApp } from './released-app.js';
import { risksOf } from './risks.js';
import { DEFAULT_POSTGRES_URL } from './run-database.js';
import { median, round } from './stats.js';
import type { RunMeasurement, SizeOptions, SizeResult } from './types.js';
import { parseUrlSpecs } from './url-spec.js';

export type { SizeOptions, SizeProgress, SizeResult } from './types.js';
export { DynoError } from './dyno-process.js';

export const DEFAULTS = {
  p95Ms: 500,
  bootTimeoutMs: 60_000,
  stepSeconds: 2,
  maxWorkers: 8,
  forwardedProto: 'https' as const,
};

/** A run is skipped when its predicted memory would take more than this share of the machine's free memory. */
const MACHINE_MEMORY_SHARE = 0.5;

/**
 * `implanta size`: boots the app's web process as a dyno would, at WEB_CONCURRENCY 1, 2, 4… (each a
 * fresh process against one database made for the invocation), drives it with load, fits memory against
 * workers, and recommends the cheapest formation that carries the peak within the targets. Everything it
 * started is stopped, and the database dropped, however it ends (an error, or `signal` aborted).
 */
export async function runSize(opts: SizeOptions): Promise<SizeResult> {
  const settings = validate(opts);
  const root = projectRoot(opts.dir ?? '.');
  const procfile = readProcfile(root);
  const web = procfileEntry(procfile, 'web');
  if (!web) throw new InputError(`${join(opts.dir ?? '.', 'Procfile')}: no \`web:\` process; implanta size runs the web process as a dyno would`);
  const evaluation = { ...(opts.envFile ? readDotenvFile(resolve(opts.envFile), opts.envFile) : {}), ...opts.env };
  const postgresUrl = opts.postgresUrl ?? DEFAULT_POSTGRES_URL;
  const redactor = new Redactor([...secretValues(evaluation), ...postgresSecrets(postgresUrl)]);
  try {
    const python = await findPython({ root, explicit: opts.python });
    const host = opts.host ?? defaultHost(evaluation);
    const release = procfileEntry(procfile, 'release')?.command;
    const measurements = await measureAll({ ...settings, root, command: web.command, release, evaluation, postgresUrl, python, host, opts });
    const result = redactor.redactDeep(resultOf(measurements, settings, opts.peakRps, { root, python: python.path, python_how: python.how, web_command: web.command, host }));
    if (opts.plan) result.plan_files = writeReleasePlan(result, opts.plan);
    return result;
  } catch (error) {
    throw redactError(error, redactor);
  }
}

/** From the runs to the answer: the memory fit, every size's option, the cheapest, and what it rests on. */
function resultOf(measurements: RunMeasurement[], settings: Settings, flagPeak: number | undefined, project: SizeResult['project']): SizeResult {
  const fit = fitMemory(measurements.map((m) => ({ workers: m.web_concurrency, memory_mb: m.memory.peak_mb })));
  const peakSource = flagPeak === undefined ? 'measured' : 'flag';
  const peakRps = flagPeak ?? Math.max(0, ...measurements.map((m) => m.rps_at_target));
  const sizes = dynoSizeData();
  const outcome = recommend({
    fit,
    cpuSecondsPerRequest: cpuPerRequest(measurements),
    serviceMs: median(measurements.map((m) => m.service_ms)),
    p95Ms: settings.p95Ms,
    peakRps,
    sizes: sizes.sizes,
  });
  return {
    project,
    targets: { p95_ms: settings.p95Ms, peak_rps: round(peakRps), peak_source: peakSource },
    machine: { cpus: availableParallelism(), memory_mb: Math.round(totalmem() / 2 ** 20) },
    measurements,
    fit,
    options: outcome.options,
    recommendation: outcome.recommendation,
    warnings: [...risksOf({ measurements, fit, p95Ms: settings.p95Ms, recommendation: outcome.recommendation }), ...outcome.warnings],
    assumptions: assumptionsOf({
      fit,
      peakSource,
      peakRps: round(peakRps),
      cpus: availableParallelism(),
      asOf: sizes.as_of,
      basis: measurements[0]!.memory.basis,
      unitsPerVcpu: computeUnitsPerVcpu(sizes.sizes),
    }),
  };
}

/**
 * The server URL is never printed, but an app's log line could quote it. Its bare password is only
 * worth masking on a real remote server: the local default's password is the word "implanta", and
 * masking it would garble every message that names the tool.
 */
function postgresSecrets(url: string): string[] {
  return hasRemotePassword(url) ? secretParts(url) : [url];
}

interface Settings {
  p95Ms: number;
  bootTimeoutMs: number;
  stepSeconds: number;
  maxWorkers: number;
  forwardedProto: 'https' | 'http';
}

function validate(opts: SizeOptions): Settings {
  const positive = (flag: string, value: number | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value <= 0) throw new InputError(`${flag} ${value}: expected a number above 0`);
    return value;
  };
  if (opts.peakRps !== undefined) positive('--peak-rps', opts.peakRps, 0);
  const maxWorkers = positive('--max-workers', opts.maxWorkers, DEFAULTS.maxWorkers);
  if (!Number.isInteger(maxWorkers) || maxWorkers < 2) throw new InputError(`--max-workers ${maxWorkers}: expected a whole number of 2 or more (the memory fit needs two worker counts)`);
  parseUrlSpecs(opts.urls);
  return {
    p95Ms: positive('--p95', opts.p95Ms, DEFAULTS.p95Ms),
    bootTimeoutMs: positive('--boot-timeout', opts.bootTimeoutMs, DEFAULTS.bootTimeoutMs),
    stepSeconds: positive('--step-seconds', opts.stepSeconds, DEFAULTS.stepSeconds),
    maxWorkers,
    forwardedProto: opts.forwardedProto ?? DEFAULTS.forwardedProto,
  };
}

function projectRoot(dir: string): string {
  const root = resolve(dir);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new InputError(`${dir}: not a project folder`);
  return root;
}

/** The first plain name in ALLOWED_HOSTS (the variable most settings read it from), else localhost. */
export function defaultHost(env: Record<string, string>): string {
  const names = (env.ALLOWED_HOSTS ?? '').split(/[\s,]+/).filter((h) => /^[a-z0-9.-]+$/i.test(h) && !h.startsWith('.'));
  return names[0] ?? 'localhost';
}

/** 1, 2, 4, 8… up to the maximum, which is always measured too. */
export function workerCounts(max: number): number[] {
  const counts: number[] = [];
  for (let w = 1; w < max; w *= 2) counts.push(w);
  return [...counts, max];
}

interface MeasureAllInput extends Settings {
  root: string;
  command: string;
  release: string | undefined;
  evaluation: Record<string, string>;
  postgresUrl: string;
  python: PythonInterpreter;
  host: string;
  opts: SizeOptions;
}

async function measureAll(input: MeasureAllInput): Promise<RunMeasurement[]> {
  const { opts } = input;
  const progress = opts.onProgress ?? (() => {});
  progress({ phase: 'prepare', message: `copying the project and creating a database (python: ${input.python.path}, ${input.python.how})` });
  return withReleasedApp(
    {
      root: input.root,
      pythonPath: input.python.path,
      evaluation: input.evaluation,
      postgresUrl: input.postgresUrl,
      releaseCommand: input.release,
      signal: opts.signal,
      onStep: (message) => progress({ phase: 'release', message }),
      onCleanup: () => progress({ phase: 'cleanup', message: 'dropping the database and removing the copy of the project' }),
    },
    async (app) => {
      const measurements: RunMeasurement[] = [];
      for (const workers of workerCounts(input.maxWorkers)) {
        if (measurements.length >= 2 && !machineHolds(measurements, workers)) {
          progress({ phase: 'run', workers, message: `WEB_CONCURRENCY=${workers}: skipped, this machine lacks the memory` });
          break;
        }
        const run = await measureRun({ ...input, dir: app.dir, env: app.env, workers, paths: parseUrlSpecs(opts.urls), signal: opts.signal, onProgress: opts.onProgress });
        progress({ phase: 'run', workers, message: `WEB_CONCURRENCY=${workers}: ${run.rps_at_target} req/s within target, peak ${run.memory.peak_mb} MB (${run.stopped})` });
        measurements.push(run);
      }
      return measurements;
    },
  );
}

function machineHolds(measurements: readonly RunMeasurement[], workers: number): boolean {
  const fit = fitMemory(measurements.map((m) => ({ workers: m.web_concurrency, memory_mb: m.memory.peak_mb })));
  return predictMemory(fit, workers) < availableMemoryMb() * MACHINE_MEMORY_SHARE;
}

function availableMemoryMb(): number {
  try {
    const match = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return freemem() / 2 ** 20;
}

/** Requests-weighted across runs: each run's CPU per request counts as often as it served requests. */
function cpuPerRequest(measurements: readonly RunMeasurement[]): number | null {
  let cpu = 0;
  let requests = 0;
  for (const m of measurements) {
    const answered = m.steps.reduce((sum, s) => sum + s.requests, 0);
    if (m.cpu_seconds_per_request === null || answered === 0) continue;
    cpu += m.cpu_seconds_per_request * answered;
    requests += answered;
  }
  return requests > 0 ? cpu / requests : null;
}

function redactError(error: unknown, redactor: Redactor): unknown {
  if (error instanceof ImplantaError) {
    error.message = redactor.redact(error.message);
    if (error instanceof DynoError) error.logTail.splice(0, error.logTail.length, ...error.logTail.map((l) => redactor.redact(l)));
  }
  return error;
}
