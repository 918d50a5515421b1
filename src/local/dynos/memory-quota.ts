import { readTree } from '../../size/proc-tree.js';

/** A dyno size's memory, as data/heroku/dyno-sizes.json gives it. */
export interface MemoryQuota {
  memory_mb: number;
  /** R15 ends the dyno at memory_mb × r15_multiple (2 on Common Runtime sizes, 1 without swap). */
  r15_multiple: number;
}

export type MemoryVerdict = 'ok' | 'R14' | 'R15';

/** Heroku's rule: R14 above 100% of the quota, R15 (and a restart) at the size's hard limit. */
export function memoryVerdict(usedMb: number, quota: MemoryQuota): MemoryVerdict {
  if (usedMb >= quota.memory_mb * quota.r15_multiple) return 'R15';
  return usedMb > quota.memory_mb ? 'R14' : 'ok';
}

/** `Process running mem=1028M(200.8%)`, the line Heroku logs with an R14 or R15. */
export function memoryLine(usedMb: number, quota: MemoryQuota): string {
  return `Process running mem=${Math.round(usedMb)}M(${((100 * usedMb) / quota.memory_mb).toFixed(1)}%)`;
}

/**
 * The memory a dyno's process tree holds, measured as `implanta size` measures it: the tree under the
 * dyno's process group read from /proc, PSS where readable (shared pages of forked workers counted
 * once), else RSS. Undefined when the process is gone.
 */
export async function dynoMemoryMb(pid: number): Promise<number | undefined> {
  const reading = await readTree(pid);
  if (reading.processes === 0) return undefined;
  return reading.pssMb ?? reading.rssMb;
}

export interface MemoryCheckTarget {
  pid: number;
  quota: MemoryQuota;
  /** A platform log line for this dyno. */
  say: (message: string) => void;
  /** Ends the dyno (SIGKILL); the dyno manager logs its exit and restarts it. */
  kill: () => void;
}

/** One check of one dyno: nothing under the quota; R14 over it; R15 and the kill at the hard limit. */
export async function checkDynoMemory(target: MemoryCheckTarget, read = dynoMemoryMb): Promise<MemoryVerdict> {
  const used = await read(target.pid);
  if (used === undefined) return 'ok';
  const verdict = memoryVerdict(used, target.quota);
  if (verdict === 'ok') return verdict;
  target.say(memoryLine(used, target.quota));
  if (verdict === 'R14') {
    target.say('Error R14 (Memory quota exceeded)');
    return verdict;
  }
  target.say('Error R15 (Memory quota vastly exceeded)');
  target.say('Stopping process with SIGKILL');
  target.kill();
  return verdict;
}
