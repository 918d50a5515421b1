import { predictMemory } from './fit.js';
import type { SizeResult } from './types.js';

/**
 * The release plan's two charts, as plain SVG that browsers and GitHub render without scripts or fonts
 * beyond the generic sans-serif: memory against workers with the fitted line and the 80% lines of the
 * candidate sizes, and latency (p50, p95) against throughput for every run.
 */

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { left: 70, right: 190, top: 40, bottom: 50 };
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

interface Series {
  label: string;
  color: string;
  points: Array<[number, number]>;
  dashed?: boolean;
  /** Draw markers at the points instead of a line. */
  markers?: boolean;
  /** Left out of the legend (a companion of the series before it). */
  unlisted?: boolean;
}

interface Level {
  label: string;
  value: number;
  color: string;
}

interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  xMax: number;
  yMax: number;
  series: Series[];
  levels: Level[];
  /** A line under the legend. */
  note?: string;
  /** x ticks every this many units, labelled by xTick (for a log scale: 1 and 2 ** v). */
  xStep?: number;
  xTick?: (value: number) => string;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A round step giving about five ticks: 1, 2 or 5 times a power of ten. */
export function niceStep(range: number): number {
  if (!(range > 0)) return 1;
  const rough = range / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 1 ? 2 : 1);
}

export function renderChart(spec: ChartSpec): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const xStep = spec.xStep ?? niceStep(spec.xMax);
  const yStep = niceStep(spec.yMax);
  const xMax = Math.ceil(spec.xMax / xStep) * xStep || xStep;
  const yMax = Math.ceil(spec.yMax / yStep) * yStep || yStep;
  const x = (v: number) => (MARGIN.left + (v / xMax) * plotW).toFixed(1);
  const y = (v: number) => (MARGIN.top + plotH - (Math.min(v, yMax) / yMax) * plotH).toFixed(1);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="15" font-weight="bold">${escapeXml(spec.title)}</text>`,
  ];
  for (let v = 0; v <= yMax + 1e-9; v += yStep) {
    out.push(`<line x1="${MARGIN.left}" y1="${y(v)}" x2="${MARGIN.left + plotW}" y2="${y(v)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${MARGIN.left - 6}" y="${y(v)}" text-anchor="end" dominant-baseline="middle">${fmt(v)}</text>`);
  }
  for (let v = 0; v <= xMax + 1e-9; v += xStep) {
    out.push(`<text x="${x(v)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${escapeXml(spec.xTick ? spec.xTick(v) : fmt(v))}</text>`);
  }
  out.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${MARGIN.left + plotW}" y2="${MARGIN.top + plotH}" stroke="#333"/>`);
  out.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotH}" stroke="#333"/>`);
  out.push(`<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  out.push(`<text transform="translate(18 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`);
  for (const level of spec.levels) {
    if (level.value > yMax) continue;
    out.push(`<line x1="${MARGIN.left}" y1="${y(level.value)}" x2="${MARGIN.left + plotW}" y2="${y(level.value)}" stroke="${level.color}" stroke-dasharray="2 4" stroke-width="1.5"/>`);
    out.push(`<text x="${MARGIN.left + plotW - 4}" y="${Number(y(level.value)) - 4}" text-anchor="end" fill="${level.color}">${escapeXml(level.label)}</text>`);
  }
  for (const s of spec.series) {
    if (s.markers) {
      for (const [px, py] of s.points) out.push(`<circle cx="${x(px)}" cy="${y(py)}" r="4" fill="${s.color}"/>`);
    } else if (s.points.length > 0) {
      const d = s.points.map(([px, py]) => `${x(px)},${y(py)}`).join(' ');
      out.push(`<polyline points="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    }
  }
  const listed = spec.series.filter((s) => !s.unlisted);
  const lx = MARGIN.left + plotW + 16;
  listed.forEach((s, i) => {
    const ly = MARGIN.top + 10 + i * 20;
    out.push(
      s.markers
        ? `<circle cx="${lx + 10}" cy="${ly}" r="4" fill="${s.color}"/>`
        : `<line x1="${lx}" y1="${ly}" x2="${lx + 20}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
    );
    out.push(`<text x="${lx + 28}" y="${ly}" dominant-baseline="middle">${escapeXml(s.label)}</text>`);
  });
  if (spec.note) out.push(`<text x="${lx}" y="${MARGIN.top + 10 + listed.length * 20 + 6}" fill="#555555">${escapeXml(spec.note)}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** Measured peaks, the fitted line, and where 80% of each candidate size's memory lies. */
export function memoryChart(result: SizeResult): string {
  const measured = result.measurements.map((m) => [m.web_concurrency, m.memory.peak_mb] as [number, number]);
  const xMax = Math.max(...measured.map(([w]) => w), result.recommendation.meets_targets ? result.recommendation.web_concurrency : 0, 1) + 1;
  const fitLine: Array<[number, number]> = [[0, predictMemory({ ...result.fit, max_residual_mb: 0 }, 0)], [xMax, predictMemory({ ...result.fit, max_residual_mb: 0 }, xMax)]];
  const dataMax = Math.max(...measured.map(([, m]) => m), ...fitLine.map(([, m]) => m));
  const candidates = [...new Map(result.options.filter((o) => o.suitable).slice(0, 4).map((o) => [o.memory_mb, o])).values()];
  const levels = candidates.map((o, i) => ({ label: `${o.dyno_size}: 80% of ${o.memory_mb} MB`, value: o.memory_mb * 0.8, color: PALETTE[(i + 2) % PALETTE.length]! }));
  const shown = levels.filter((l, i) => i === 0 || l.value <= dataMax * 2);
  return renderChart({
    title: 'Peak memory against WEB_CONCURRENCY',
    xLabel: 'workers (WEB_CONCURRENCY)',
    yLabel: `peak memory, MB (${result.measurements[0]?.memory.basis.toUpperCase() ?? 'PSS'})`,
    xMax,
    yMax: Math.max(dataMax, ...shown.map((l) => l.value)) * 1.1,
    series: [
      { label: 'measured peak', color: PALETTE[0]!, points: measured, markers: true },
      { label: `fit: ${result.fit.base_mb} + ${result.fit.per_worker_mb} × w`, color: PALETTE[1]!, points: fitLine },
    ],
    levels: shown,
  });
}

/**
 * p95 (solid) and p50 (dashed) service time against concurrent connections (doubling, so on a log
 * scale), one colour per WEB_CONCURRENCY. Connections, not throughput, on x: throughput measured on a
 * shared machine wobbles, and a curve folding back on itself reads worse than the step it came from.
 */
export function latencyChart(result: SizeResult): string {
  const series: Series[] = result.measurements.flatMap((m, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const steps = m.steps.filter((s) => s.requests > 0);
    const label = `${m.web_concurrency} worker${m.web_concurrency === 1 ? '' : 's'}`;
    return [
      { label, color, points: steps.map((s) => [Math.log2(s.concurrency), s.p95_ms ?? 0] as [number, number]) },
      { label: `${label}, p50`, color, dashed: true, unlisted: true, points: steps.map((s) => [Math.log2(s.concurrency), s.p50_ms ?? 0] as [number, number]) },
    ];
  });
  const all = result.measurements.flatMap((m) => m.steps.filter((s) => s.requests > 0));
  return renderChart({
    title: 'Latency against load',
    xLabel: 'concurrent connections',
    yLabel: 'service time, ms',
    xMax: Math.max(1, ...all.map((s) => Math.log2(s.concurrency))),
    xStep: 1,
    xTick: (v) => String(2 ** v),
    yMax: Math.max(result.targets.p95_ms, ...all.map((s) => s.p95_ms ?? 0)) * 1.1,
    series,
    note: 'solid: p95, dashed: p50',
    levels: [{ label: `p95 target ${result.targets.p95_ms} ms`, value: result.targets.p95_ms, color: '#555555' }],
  });
}
