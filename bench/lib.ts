import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

export interface Timed {
  label: string;
  samples: number[];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs a command once and returns its wall time in ms; a failing command fails the benchmark. */
export function timeCommand(cmd: string, args: string[], opts: SpawnSyncOptions, okCodes = [0]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (!okCodes.includes(r.status ?? -1)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(-500)}`);
  return ms;
}

/**
 * Interleaves the contenders round by round, so a burst of load on this shared machine hits both
 * alike; the ratio of medians is the figure to quote.
 */
export function sideBySide(rounds: number, contenders: Array<{ label: string; run: () => number }>): Timed[] {
  const results = contenders.map((c) => ({ label: c.label, samples: [] as number[] }));
  for (const c of contenders) c.run(); // warm caches (disk, bytecode) once before measuring
  for (let i = 0; i < rounds; i++) contenders.forEach((c, j) => results[j]!.samples.push(c.run()));
  return results;
}

export function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}
