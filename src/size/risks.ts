import type { MemoryFit, RunMeasurement, SizeRecommendation } from './types.js';

/** A URL that takes this share of the p95 target on its own leaves little room for load. */
const SLOW_SHARE = 0.5;
const POOR_FIT_R2 = 0.9;

export interface RiskInput {
  measurements: readonly RunMeasurement[];
  fit: MemoryFit;
  p95Ms: number;
  recommendation: SizeRecommendation;
}

/** What the measurements say could go wrong in production; each line names what to look at. */
export function risksOf(input: RiskInput): string[] {
  return [...urlRisks(input), ...loadRisks(input), ...modelRisks(input), ...formationRisks(input)];
}

function urlRisks({ measurements, p95Ms }: RiskInput): string[] {
  const first = measurements[0];
  if (!first) return [];
  return first.urls.flatMap((url) => {
    const slowest = Math.max(...measurements.map((m) => m.urls.find((u) => u.path === url.path)?.p50_ms ?? 0));
    const risks: string[] = [];
    if (url.status >= 300 && url.status < 400) {
      risks.push(`GET ${url.path} answered ${url.status} (a redirect): the load measured the redirect, not the page; check --host and --url.`);
    }
    if (slowest > p95Ms * SLOW_SHARE) {
      risks.push(`GET ${url.path} takes ${Math.round(slowest)} ms on its own, ${Math.round((slowest / p95Ms) * 100)}% of the ${p95Ms} ms target before any load.`);
    }
    return risks;
  });
}

function loadRisks({ measurements }: RiskInput): string[] {
  return measurements.flatMap((m) =>
    m.steps
      .filter((s) => s.errors + s.h12_timeouts > 0)
      .map((s) => {
        const parts = [s.errors ? `${s.errors} errors (5xx or closed connections)` : '', s.h12_timeouts ? `${s.h12_timeouts} requests over 30 s (H12)` : ''].filter(Boolean);
        return `WEB_CONCURRENCY=${m.web_concurrency} at ${s.concurrency} connections: ${parts.join(' and ')}; read the web process log for the cause.`;
      }),
  );
}

function modelRisks({ measurements, fit }: RiskInput): string[] {
  const risks: string[] = [];
  if (fit.r2 < POOR_FIT_R2) {
    risks.push(`Memory does not follow workers closely (R² ${fit.r2}, largest miss ${fit.max_residual_mb} MB): treat the memory predictions as rough, and watch memory in Heroku Metrics.`);
  }
  const processes = new Set(measurements.map((m) => m.processes));
  if (measurements.length > 1 && processes.size === 1) {
    risks.push(`The web process ran ${[...processes][0]} processes whatever WEB_CONCURRENCY was: the web command or the server's config file fixes the number of workers, so WEB_CONCURRENCY will not change it on Heroku either.`);
  }
  return risks;
}

function formationRisks({ recommendation: rec }: RiskInput): string[] {
  // When nothing meets the targets, the recommendation itself says why and what would fit.
  if (!rec.meets_targets) return [];
  const risks: string[] = [];
  if (rec.utilisation_one_down > 1) {
    risks.push(`With one of the ${rec.quantity} dynos restarting, the rest would carry ${Math.round(rec.utilisation_one_down * 100)}% of their estimated capacity at the peak: expect queueing during restarts and deploys (preboot helps).`);
  }
  return risks;
}
