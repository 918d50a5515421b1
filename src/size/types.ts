/** The shapes `implanta size` measures, fits and recommends; the JSON output is built from them. */
import type { DynoTier } from '../heroku/platform-data.js';

export interface SizeOptions {
  /** The project folder (default '.'). */
  dir?: string;
  /** Evaluation environment, applied over envFile (the CLI's `--env KEY=VALUE`). */
  env?: Record<string, string>;
  /** A .env-style file read first (`--env-file`). */
  envFile?: string;
  /** `--url /path` or `/path:weight` (default `/` and `/health`). */
  urls?: string[];
  /** The latency target: p95 in milliseconds (default 500). */
  p95Ms?: number;
  /** The peak the site must carry, requests per second (default: what this machine served within the target). */
  peakRps?: number;
  /** A PostgreSQL superuser URL; a database is created on that server for the run and dropped afterwards. */
  postgresUrl?: string;
  /** The project's interpreter (`--python`); default as findPython picks it. */
  python?: string;
  /** How long the web process may take to bind $PORT (default 60 000, Heroku's limit). */
  bootTimeoutMs?: number;
  /** Length of each load step in seconds. */
  stepSeconds?: number;
  /** The largest WEB_CONCURRENCY measured (default 8, fewer when this machine lacks the memory). */
  maxWorkers?: number;
  /** Write the release plan (Markdown) here, with its two SVG charts beside it. */
  plan?: string;
  /** Host header of every request (default: the first plain name in ALLOWED_HOSTS, else localhost). */
  host?: string;
  /** X-Forwarded-Proto the router adds (default https, as Heroku's router does for HTTPS clients). */
  forwardedProto?: 'https' | 'http';
  /** Called as the run advances (which run, which step); the CLI prints it on stderr. */
  onProgress?: (event: SizeProgress) => void;
  /** Aborting it (Ctrl-C) stops every process started and drops the database. */
  signal?: AbortSignal;
}

export interface SizeProgress {
  phase: 'prepare' | 'release' | 'boot' | 'warm-up' | 'step' | 'run' | 'cleanup';
  message: string;
  workers?: number;
  concurrency?: number;
}

/** A URL the load visits, and how often relative to the others. */
export interface WeightedPath {
  path: string;
  weight: number;
}

/** One load step at a fixed number of concurrent connections. */
export interface LoadStep {
  concurrency: number;
  seconds: number;
  requests: number;
  rps: number;
  /** Service time as Heroku's router logs it (`service=`): from forwarding the request to the end of the response. Null when nothing was answered. */
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  /** Answers with status 5xx from the app, plus H13 (connection closed without a response). */
  errors: number;
  /** Responses slower than 30 s, which Heroku's router ends with H12. */
  h12_timeouts: number;
  /** Responses that were neither 2xx nor 3xx nor an error: 4xx. */
  client_errors: number;
  /** CPU seconds the web process tree spent per answered request in this step. */
  cpu_seconds_per_request: number | null;
}

/** How a URL answered when visited alone, one request at a time, before the load. */
export interface UrlProbe {
  path: string;
  weight: number;
  status: number;
  p50_ms: number;
}

export interface MemorySummary {
  /** pss where /proc/PID/smaps_rollup is readable (shared pages counted once, as the dyno's cgroup does), else rss. */
  basis: 'pss' | 'rss';
  peak_mb: number;
  /** Median of the samples in the second half of the run. */
  steady_mb: number;
  peak_rss_mb: number;
  steady_rss_mb: number;
  samples: number;
}

/** One run: a fresh web process with a given WEB_CONCURRENCY, warmed up, then stepped up in load. */
export interface RunMeasurement {
  web_concurrency: number;
  boot_ms: number;
  processes: number;
  urls: UrlProbe[];
  steps: LoadStep[];
  /** Highest throughput of a step within the p95 target and without errors; 0 when even one connection missed it. */
  rps_at_target: number;
  /** Why the stepping stopped. */
  stopped: string;
  memory: MemorySummary;
  /** Over the whole load of the run. */
  cpu_seconds_per_request: number | null;
  /** Single-request service time: p50 of the one-connection step. */
  service_ms: number;
}

/** memory ≈ base + per_worker × workers, by least squares over the runs. */
export interface MemoryFit {
  base_mb: number;
  per_worker_mb: number;
  r2: number;
  max_residual_mb: number;
  points: Array<{ workers: number; memory_mb: number }>;
}

export type BuildpackVerdict = 'fits' | 'over 80%' | 'R14 (swap)' | 'R15 (killed)';

export interface DynoOption {
  dyno_size: string;
  tier: DynoTier;
  /** Recommendable here: a professional Common Runtime size that holds at least one worker within 80%. */
  suitable: boolean;
  /** Why not, when it is not. */
  reason?: string;
  memory_mb: number;
  web_concurrency: number;
  peak_memory_mb: number;
  /** Estimated requests per second one dyno carries at most; the plan keeps each dyno at 70% of it. */
  capacity_rps: number;
  quantity: number;
  monthly_cost_usd: number;
  /** The buildpack's own WEB_CONCURRENCY on this size, and what it would cost in memory. */
  buildpack_default: { web_concurrency: number; peak_memory_mb: number; verdict: BuildpackVerdict } | null;
}

/** The formation that meets the targets: the cheapest suitable option. */
export interface Recommendation {
  meets_targets: true;
  dyno_size: string;
  web_concurrency: number;
  quantity: number;
  monthly_cost_usd: number;
  peak_memory_mb: number;
  memory_mb: number;
  capacity_rps: number;
  peak_rps: number;
  /** Share of the formation's estimated capacity used at the peak, with every dyno up and with one down. */
  utilisation: number;
  utilisation_one_down: number;
}

/**
 * No professional Common Runtime formation meets the targets: said as a result, with the reason and
 * what would fit, never a null for a caller to trip on.
 */
export interface NoRecommendation {
  meets_targets: false;
  /** Why none does, naming the size and the figure that decides it. */
  reason: string;
  /**
   * What `implanta size` would recommend with the smallest p95 target some size can meet (`p95_ms`,
   * pass it as --p95); null when no size holds even one worker within 80% of its memory.
   */
  would_fit: (Recommendation & { p95_ms: number }) | null;
  /** What to change, as a sentence. */
  next_step: string;
}

export type SizeRecommendation = Recommendation | NoRecommendation;

export interface SizeResult {
  project: { root: string; python: string; python_how: string; web_command: string; host: string };
  targets: { p95_ms: number; peak_rps: number; peak_source: 'flag' | 'measured' };
  machine: { cpus: number; memory_mb: number };
  measurements: RunMeasurement[];
  fit: MemoryFit;
  options: DynoOption[];
  recommendation: SizeRecommendation;
  /** Risks seen in the measurements: memory headroom, slow URLs, errors, buildpack defaults. */
  warnings: string[];
  assumptions: string[];
  /** Files written for --plan. */
  plan_files?: string[];
}
