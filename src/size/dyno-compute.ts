import type { DynoSize } from '../heroku/platform-data.js';
import { median } from './stats.js';

/**
 * CPU of a dyno size in cores of the machine that measured the app. Dedicated sizes state their vCPUs.
 * Shared sizes state only "compute" units (1x-4x); the dedicated sizes give both figures, so the units
 * per vCPU come from them (about 6), and a shared size counts its guaranteed share, the low end: the
 * burst depends on neighbours nobody controls. These are estimates, and every output says so.
 */

export interface DynoCompute {
  /** Cores the size can count on. */
  cores: number;
  /** Cores it may reach when the host is idle (equal to cores for dedicated sizes). */
  burstCores: number;
}

const UNITS = /^(\d+(?:\.\d+)?)x(?:-(\d+(?:\.\d+)?)x)?$/;

export function computeUnitsPerVcpu(sizes: readonly DynoSize[]): number {
  const ratios = sizes.flatMap((s) => {
    const match = UNITS.exec(s.compute);
    return s.vcpu && match && match[2] === undefined ? [Number(match[1]) / s.vcpu] : [];
  });
  return ratios.length ? median(ratios) : 6;
}

export function dynoCompute(size: DynoSize, unitsPerVcpu: number): DynoCompute | undefined {
  if (size.vcpu) return { cores: size.vcpu, burstCores: size.vcpu };
  const match = UNITS.exec(size.compute);
  if (!match) return undefined;
  const low = Number(match[1]) / unitsPerVcpu;
  const high = Number(match[2] ?? match[1]) / unitsPerVcpu;
  return { cores: low, burstCores: high };
}

/** Gunicorn's own rule of thumb, (2 × cores) + 1: more sync workers than that only queue for the CPU. */
export function workerCeiling(compute: DynoCompute): number {
  return 2 * Math.ceil(compute.burstCores) + 1;
}
