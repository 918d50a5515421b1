import { toolVersion } from '../core/version.js';
import type { DynoOption, Recommendation, SizeRecommendation, SizeResult } from './types.js';

/** `implanta size` output: JSON for tools, and a short text report (tables and a verdict) for people. */

const RUNNERS_UP = 3;
const COMMON_RUNTIME = new Set(['eco', 'basic', 'standard', 'performance']);

export function formatSizeJson(result: SizeResult): string {
  const { project, targets, machine, measurements, fit, options, recommendation, warnings, assumptions, plan_files } = result;
  const out = { tool: 'implanta', version: toolVersion(), project, targets, machine, measurements, fit, options, recommendation, warnings, assumptions, ...(plan_files && { plan_files }) };
  return JSON.stringify(out, null, 2) + '\n';
}

/** Columns padded to their widest cell; numbers right-aligned. */
export function table(header: string[], rows: Array<Array<string | number>>): string[] {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  return cells.map((r) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

export function applyCommands(rec: Recommendation, app = 'APP'): string[] {
  return [
    `heroku config:set WEB_CONCURRENCY=${rec.web_concurrency} -a ${app}`,
    `heroku ps:type web=${rec.dyno_size} -a ${app}`,
    `heroku ps:scale web=${rec.quantity} -a ${app}`,
  ];
}

export function verdict(rec: SizeRecommendation): string {
  if (!rec.meets_targets) return `none meets the targets: ${rec.reason}.`;
  return formation(rec);
}

function formation(rec: Recommendation): string {
  return (
    `${rec.quantity} × ${rec.dyno_size} with WEB_CONCURRENCY=${rec.web_concurrency}, $${rec.monthly_cost_usd}/month: ` +
    `predicted peak ${Math.round(rec.peak_memory_mb)} MB of ${rec.memory_mb} MB per dyno (${Math.round((rec.peak_memory_mb / rec.memory_mb) * 100)}%).`
  );
}

/** When nothing meets the targets: what would fit, and what to change. */
export function noFitLines(rec: Exclude<SizeRecommendation, Recommendation>): string[] {
  const fit = rec.would_fit;
  return [
    fit ? `What would fit, with a p95 target of ${fit.p95_ms} ms: ${formation(fit)}` : 'Nothing in the Common Runtime fits.',
    rec.next_step,
  ];
}

export function peakLine(rec: Recommendation): string {
  const one = rec.quantity > 1 ? `; with one dyno down, ${Math.round(rec.utilisation_one_down * 100)}%` : '';
  return `At ${rec.peak_rps} req/s each dyno runs at about ${Math.round(rec.utilisation * 100)}% of its estimated capacity (${rec.capacity_rps} req/s)${one}.`;
}

export function measurementRows(result: SizeResult): Array<Array<string | number>> {
  return result.measurements.map((m) => {
    const best = m.steps.find((s) => s.rps === m.rps_at_target);
    return [
      m.web_concurrency,
      m.processes,
      m.memory.peak_mb,
      m.memory.steady_mb,
      m.rps_at_target,
      best?.p95_ms ?? '-',
      m.cpu_seconds_per_request === null ? '-' : Math.round(m.cpu_seconds_per_request * 10000) / 10,
      m.stopped,
    ];
  });
}

export const MEASUREMENT_HEADER = ['WEB_CONCURRENCY', 'processes', 'peak MB', 'steady MB', 'req/s in target', 'p95 ms', 'CPU ms/req', 'stopped because'];

export function optionRows(options: readonly DynoOption[]): Array<Array<string | number>> {
  return options.map((o) => [
    o.dyno_size,
    o.web_concurrency,
    `${Math.round(o.peak_memory_mb)} / ${o.memory_mb}`,
    o.capacity_rps,
    o.quantity,
    o.monthly_cost_usd,
    o.buildpack_default ? `${o.buildpack_default.web_concurrency}: ${o.buildpack_default.verdict}` : '-',
  ]);
}

export const OPTION_HEADER = ['size', 'workers', 'peak / memory MB', 'req/s per dyno', 'dynos', '$/month', 'if WEB_CONCURRENCY unset'];

export function formatSizeText(result: SizeResult): string {
  const { project, targets, recommendation: rec } = result;
  const suitable = result.options.filter((o) => o.suitable);
  // Sizes that need a space are one line in the assumptions, not a dozen here.
  const unsuitable = result.options.filter((o) => !o.suitable && COMMON_RUNTIME.has(o.tier));
  const lines = [
    `implanta size: ${project.root}`,
    `  python ${project.python} (${project.python_how}); web: ${project.web_command}; Host: ${project.host}`,
    '',
    `Measured (p95 target ${targets.p95_ms} ms)`,
    ...table(MEASUREMENT_HEADER, measurementRows(result)).map((l) => `  ${l}`),
    `  memory ≈ ${result.fit.base_mb} MB + ${result.fit.per_worker_mb} MB × workers (R² ${result.fit.r2}, largest miss ${result.fit.max_residual_mb} MB)`,
    '',
    `Options for ${targets.peak_rps} req/s at peak${targets.peak_source === 'measured' ? ' (measured here; pass --peak-rps)' : ''}`,
    ...table(OPTION_HEADER, optionRows(suitable.slice(0, RUNNERS_UP + 1))).map((l) => `  ${l}`),
    ...unsuitable.map((o) => `  ${o.dyno_size}: ${o.reason}`),
    '',
    `Recommendation: ${verdict(rec)}`,
    ...(rec.meets_targets ? [`  ${peakLine(rec)}`, ...applyCommands(rec).map((c) => `  ${c}`)] : noFitLines(rec).map((l) => `  ${l}`)),
  ];
  if (result.warnings.length) lines.push('', 'Warnings', ...result.warnings.map((w) => `  - ${w}`));
  lines.push('', 'Assumptions', ...result.assumptions.map((a) => `  - ${a}`));
  if (result.plan_files) lines.push('', `Release plan: ${result.plan_files.join(', ')}`);
  return lines.join('\n') + '\n';
}
