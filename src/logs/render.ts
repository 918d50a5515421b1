import { grouped } from '../core/grouped.js';
import { errorCode } from './error-codes.js';
import type { LogSummary } from './summary.js';

const n = grouped;
const ms = (value: number | undefined) => (value === undefined ? '-' : `${n(value)} ms`);

/** `implanta logs --summary` as text: what a developer scans first, then the detail. */
export function summaryText(summary: LogSummary, asOf: string): string {
  const out: string[] = [];
  const { window: w } = summary;
  const span = w.seconds === undefined ? '' : ` (${duration(w.seconds)})`;
  out.push(w.from ? `Log of ${n(summary.lines)} lines, ${w.from} to ${w.to}${span}` : `Log of ${n(summary.lines)} lines, no timestamps`);
  const classes = Object.entries(summary.status).map(([k, v]) => `${k} ${n(v)}`).join(', ');
  const failed = summary.status['5xx'] ?? 0;
  const rate = summary.requests > 0 ? ` — ${((100 * failed) / summary.requests).toFixed(1)}% 5xx` : '';
  out.push(`Requests: ${n(summary.requests)} (${classes})${rate}`);
  if (summary.malformed > 0) out.push(`Malformed router lines (no status, not counted as requests): ${n(summary.malformed)}`);
  if (summary.unparsed > 0) out.push(`Lines that are not log lines: ${n(summary.unparsed)}`);
  const s = summary.service_ms;
  out.push(`Service time: p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}, max ${ms(s.max)}`);
  const codes = Object.entries(summary.codes);
  const rcodes = Object.entries(summary.dyno_errors);
  if (codes.length + rcodes.length > 0) {
    out.push('', `Error codes (Heroku's list as of ${asOf}):`);
    for (const [code, count] of [...codes, ...rcodes]) {
      const info = errorCode(code);
      out.push(`  ${code} ${info?.title ?? '(unknown code)'} × ${n(count)}`);
      if (info) out.push(`      ${info.meaning}`, `      fix: ${info.fix}`);
    }
  }
  if (summary.crashes > 0) {
    const statuses = Object.entries(summary.exit_statuses).map(([status, c]) => `${status} × ${n(c)}`).join(', ');
    out.push('', `Dyno crashes: ${n(summary.crashes)}${statuses ? ` (exit statuses: ${statuses})` : ''}`);
  }
  if (summary.slowest_paths.length > 0) {
    out.push('', 'Slowest paths (mean service time):');
    const width = Math.max(...summary.slowest_paths.map((p) => p.path.length));
    for (const p of summary.slowest_paths) out.push(`  ${p.path.padEnd(width)}  ${ms(p.mean_ms)} mean, ${ms(p.max_ms)} max, ${n(p.requests)} request${p.requests === 1 ? '' : 's'}`);
  }
  const dynos = Object.entries(summary.errors_per_dyno);
  if (dynos.length > 0) {
    out.push('', 'Errors per dyno:');
    for (const [dyno, counts] of dynos) out.push(`  ${dyno.padEnd(10)} ${Object.entries(counts).map(([what, c]) => `${what} × ${n(c)}`).join(', ')}`);
  }
  return out.join('\n') + '\n';
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
