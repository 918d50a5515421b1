import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/**
 * Reads a process tree from Linux's /proc: which processes belong to a web process (its process group and
 * every descendant, so a worker that left the group still counts), how much memory they hold and how much
 * CPU they used. Processes vanish between two reads all the time (a worker restarting); such a process
 * is simply absent from the answer.
 */

export interface ProcStat {
  pid: number;
  ppid: number;
  pgrp: number;
  /** utime + stime + cutime + cstime in clock ticks: the process and its reaped children. */
  cpuTicks: number;
}

export interface ProcMemory {
  rssKb: number;
  /** Absent where smaps_rollup is unreadable (kernels before 4.14, or another user's process). */
  pssKb?: number;
}

/** Parses /proc/PID/stat; the command name sits in parentheses and may itself contain spaces and ')'. */
export function parseStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const pid = Number.parseInt(text, 10);
  // Fields after the name, counted from 3 (state) as in proc(5): ppid is 4, pgrp 5, utime 14 … cstime 17.
  const rest = text.slice(close + 2).split(' ');
  const field = (n: number) => Number(rest[n - 3]);
  const stat = { pid, ppid: field(4), pgrp: field(5), cpuTicks: field(14) + field(15) + field(16) + field(17) };
  return Object.values(stat).every(Number.isFinite) ? stat : undefined;
}

export async function readAllStats(): Promise<ProcStat[]> {
  const names = (await readdir('/proc')).filter((n) => /^\d+$/.test(n));
  const stats = await Promise.all(names.map((n) => readFile(`/proc/${n}/stat`, 'utf8').then(parseStat, () => undefined)));
  return stats.filter((s): s is ProcStat => s !== undefined);
}

/** The root, everything in its process group, and every descendant of either. */
export function treeOf(rootPid: number, stats: readonly ProcStat[]): ProcStat[] {
  const members = new Set<number>(stats.filter((s) => s.pid === rootPid || s.pgrp === rootPid).map((s) => s.pid));
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of stats) {
      if (!members.has(s.pid) && members.has(s.ppid)) {
        members.add(s.pid);
        grew = true;
      }
    }
  }
  return stats.filter((s) => members.has(s.pid));
}

function kbField(text: string, name: string): number | undefined {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

export async function readMemory(pid: number): Promise<ProcMemory | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const rssKb = status === undefined ? undefined : kbField(status, 'VmRSS');
  if (rssKb === undefined) return undefined;
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => undefined);
  const pssKb = rollup === undefined ? undefined : kbField(rollup, 'Pss');
  return pssKb === undefined ? { rssKb } : { rssKb, pssKb };
}

let ticksPerSecond: number | undefined;

/** USER_HZ: 100 on nearly every Linux, asked once. */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export interface TreeReading {
  processes: number;
  rssMb: number;
  /** Sum of PSS when every member's smaps_rollup was readable. */
  pssMb?: number;
  cpuSeconds: number;
}

/** One reading of the whole tree under rootPid. */
export async function readTree(rootPid: number): Promise<TreeReading> {
  const tree = treeOf(rootPid, await readAllStats());
  const memories = (await Promise.all(tree.map((s) => readMemory(s.pid)))).filter((m): m is ProcMemory => m !== undefined);
  const rssKb = memories.reduce((sum, m) => sum + m.rssKb, 0);
  const allPss = memories.length > 0 && memories.every((m) => m.pssKb !== undefined);
  const pssKb = memories.reduce((sum, m) => sum + (m.pssKb ?? 0), 0);
  return {
    processes: tree.length,
    rssMb: rssKb / 1024,
    ...(allPss && { pssMb: pssKb / 1024 }),
    cpuSeconds: tree.reduce((sum, s) => sum + s.cpuTicks, 0) / clockTicksPerSecond(),
  };
}
