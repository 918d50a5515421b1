import { readTree, type TreeReading } from './proc-tree.js';
import { median, round } from './stats.js';
import type { MemorySummary } from './types.js';

export interface MemorySample {
  atMs: number;
  processes: number;
  rssMb: number;
  pssMb?: number;
}

/**
 * Samples the memory of a process tree at a fixed interval for as long as a run lasts. Peaks are short
 * (a view that builds a large response holds it for one request), so the interval is small; each sample
 * reads /proc asynchronously, and a sample still in progress is never overlapped by the next.
 */
export class TreeSampler {
  readonly samples: MemorySample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private stopped = false;
  private readonly started = Date.now();

  constructor(
    private readonly rootPid: number,
    private readonly intervalMs = 100,
  ) {}

  start(): this {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.tick();
    return this;
  }

  /** Lets a sample in progress finish, then takes a last one, so the end of the run is always seen. */
  async stop(): Promise<MemorySample[]> {
    if (this.stopped) return this.samples;
    this.stopped = true;
    clearInterval(this.timer);
    await this.inFlight;
    await this.sampleOnce();
    return this.samples;
  }

  private tick(): void {
    this.inFlight ??= this.sampleOnce().finally(() => {
      this.inFlight = undefined;
    });
  }

  private async sampleOnce(): Promise<void> {
    const reading = await readTree(this.rootPid);
    if (reading.processes > 0) this.samples.push(toSample(reading, Date.now() - this.started));
  }
}

function toSample(reading: TreeReading, atMs: number): MemorySample {
  return { atMs, processes: reading.processes, rssMb: reading.rssMb, ...(reading.pssMb !== undefined && { pssMb: reading.pssMb }) };
}

/** Peak and steady memory; PSS when every sample has it, since the dyno counts shared pages once. */
export function summariseMemory(samples: readonly MemorySample[]): MemorySummary {
  const basis = samples.length > 0 && samples.every((s) => s.pssMb !== undefined) ? 'pss' : 'rss';
  const value = (s: MemorySample) => (basis === 'pss' ? s.pssMb! : s.rssMb);
  const secondHalf = samples.slice(Math.floor(samples.length / 2));
  const max = (values: number[]) => (values.length ? Math.max(...values) : 0);
  return {
    basis,
    peak_mb: round(max(samples.map(value))),
    steady_mb: round(secondHalf.length ? median(secondHalf.map(value)) : 0),
    peak_rss_mb: round(max(samples.map((s) => s.rssMb))),
    steady_rss_mb: round(secondHalf.length ? median(secondHalf.map((s) => s.rssMb)) : 0),
    samples: samples.length,
  };
}

/** CPU seconds the tree has used so far (live members and the children they reaped). */
export async function treeCpuSeconds(rootPid: number): Promise<number> {
  return (await readTree(rootPid)).cpuSeconds;
}
