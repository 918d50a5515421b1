import { round } from './stats.js';
import type { MemoryFit } from './types.js';

/**
 * memory = base + per_worker × workers, by ordinary least squares. A pre-fork server's memory is the
 * master plus one copy of the app per worker, so a line is the right model; R² and the largest residual
 * say how well the measurements agree with it, and both are shown so a poor fit is never hidden.
 */
export function fitMemory(points: ReadonlyArray<{ workers: number; memory_mb: number }>): MemoryFit {
  const xs = new Set(points.map((p) => p.workers));
  if (xs.size < 2) throw new Error('fitMemory needs measurements at two or more worker counts');
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.workers, 0) / n;
  const meanY = points.reduce((s, p) => s + p.memory_mb, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.workers - meanX) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.workers - meanX) * (p.memory_mb - meanY), 0);
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const residuals = points.map((p) => p.memory_mb - (intercept + slope * p.workers));
  const ssRes = residuals.reduce((s, r) => s + r * r, 0);
  const ssTot = points.reduce((s, p) => s + (p.memory_mb - meanY) ** 2, 0);
  return {
    base_mb: round(intercept),
    per_worker_mb: round(slope),
    r2: ssTot === 0 ? 1 : round(1 - ssRes / ssTot, 4),
    max_residual_mb: round(Math.max(...residuals.map(Math.abs))),
    points: points.map((p) => ({ workers: p.workers, memory_mb: p.memory_mb })),
  };
}

/** Peak memory to plan for: the fitted line plus its largest miss, so no measured run was above the plan. */
export function predictMemory(fit: Pick<MemoryFit, 'base_mb' | 'per_worker_mb' | 'max_residual_mb'>, workers: number): number {
  return fit.base_mb + fit.per_worker_mb * workers + fit.max_residual_mb;
}
