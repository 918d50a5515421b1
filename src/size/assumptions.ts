import { MEMORY_HEADROOM, MIN_WEB_DYNOS, TARGET_UTILISATION } from './recommend.js';
import type { MemoryFit } from './types.js';

export interface AssumptionInput {
  fit: MemoryFit;
  peakSource: 'flag' | 'measured';
  peakRps: number;
  cpus: number;
  asOf: string;
  basis: 'pss' | 'rss';
  /** Compute units per vCPU, from the dedicated sizes' data. */
  unitsPerVcpu: number;
}

/** What the numbers rest on, stated with every result: memory is measured, CPU is estimated. */
export function assumptionsOf(input: AssumptionInput): string[] {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return [
    input.basis === 'pss'
      ? 'Memory figures are measurements: the summed PSS of every process of the web process (shared pages counted once, as the dyno counts them), peak over each run.'
      : 'Memory figures are measurements: the summed RSS of every process of the web process (this kernel gives no PSS, so shared pages count more than once and the figures run high).',
    `Predicted peak memory = the fitted line plus its largest miss (${input.fit.max_residual_mb} MB); a size is used up to ${pct(MEMORY_HEADROOM)} of its memory (Heroku logs R14 and swaps from 100%, and restarts the dyno with R15 beyond).`,
    `CPU figures from one machine are estimates: one core of this machine (${input.cpus} cores) is taken as one dyno vCPU, and a standard dyno counts only its guaranteed compute share (1x ≈ ${(1 / input.unitsPerVcpu).toFixed(2)} vCPU, from the dedicated sizes' compute units per vCPU).`,
    `Each dyno is planned to run at ${pct(TARGET_UTILISATION)} of its estimated capacity, and the formation has at least ${MIN_WEB_DYNOS} web dynos so one can restart without an outage.`,
    input.peakSource === 'flag'
      ? `Peak load from --peak-rps: ${input.peakRps} requests per second.`
      : `No --peak-rps given: planned for ${input.peakRps} requests per second, the most this machine served within the p95 target. Pass --peak-rps with your real peak.`,
    "Latency is the router's service time (as `heroku logs` shows it), measured through a local stand-in for Heroku's router; the load generator shares this machine's CPU with the app.",
    'The database was empty: pages whose cost grows with data will be slower in production.',
    `Prices are list prices as of ${input.asOf}. Only standard and performance sizes are recommended: eco and basic are not for production, and private, shield and Fir sizes need a space.`,
  ];
}
