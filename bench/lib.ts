import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Timed {
  label: string;
  samples: number[];
}

/**
 * The built CLI as a user runs `implanta`: the file itself, whose #! line starts Node with implanta's
 * flags and ends Node's options with `--` (scripts/build.mjs). `node dist/main.cjs` would measure
 * another program: without those flags, and with Node reading an `--env-file` meant for implanta.
 * `nodeBin`'s folder goes first on PATH, so the #! line finds that Node.
 */
export function implantaAsRun(root: string, nodeBin: string = process.execPath, env: NodeJS.ProcessEnv = process.env): { command: string; env: NodeJS.ProcessEnv } {
  return { command: join(root, 'dist/main.cjs'), env: { ...env, PATH: `${dirname(nodeBin)}${delimiter}${env.PATH ?? '/usr/bin:/bin'}` } };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The first and third quartiles (nearest rank): the middle half of the samples lies between them. */
export function quartiles(xs: number[]): [number, number] {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return [at(0.25), at(0.75)];
}

/**
 * Each round's time of one contender over another's in the same round. This machine drifts between
 * fast and slow spells (manage.py took 0.39 s or 0.64 s, run after run); a spell slows both of a
 * round alike, so the median of these pairs moves far less than a ratio of two medians does.
 */
export function pairedRatios(numerators: number[], denominators: number[]): number[] {
  return numerators.map((x, i) => x / denominators[i]!);
}

/** Runs a command once and returns its wall time in ms; a failing command fails the benchmark. */
export function timeCommand(cmd: string, args: string[], opts: SpawnSyncOptions, okCodes = [0]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (!okCodes.includes(r.status ?? -1)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(-500)}`);
  return ms;
}

export interface Measured {
  wallMs: number;
  /** User + system CPU of the process and its children: steadier than wall time on a busy machine. */
  cpuMs: number;
}

const RUSAGE = fileURLToPath(new URL('./rusage.py', import.meta.url));

/** Runs a command once and returns its wall and CPU time (bench/rusage.py); a failing command fails the benchmark. */
export function measureCommand(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv }, okCodes = [0]): Measured {
  const r = spawnSync('/usr/bin/python3', [RUSAGE, ...(opts.cwd ? ['--cwd', opts.cwd] : []), '--', cmd, ...args], { env: opts.env ?? process.env, encoding: 'utf8' });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  let measured: { wall_ms: number; cpu_ms: number; status: number };
  try {
    measured = JSON.parse(line) as typeof measured;
  } catch {
    throw new Error(`bench/rusage.py ${cmd} ${args.join(' ')} failed: ${String(r.stderr).slice(-500)}`);
  }
  if (!okCodes.includes(measured.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${measured.status}: ${String(r.stderr).slice(-500)}`);
  return { wallMs: measured.wall_ms, cpuMs: measured.cpu_ms };
}

/** Like sideBySide, for contenders measured by wall and CPU time. */
export function sideBySideMeasured(rounds: number, contenders: Array<{ label: string; run: () => Measured }>): Array<{ label: string; wall: number[]; cpu: number[] }> {
  const results = contenders.map((c) => ({ label: c.label, wall: [] as number[], cpu: [] as number[] }));
  for (const c of contenders) c.run(); // warm caches (disk, compile cache) once before measuring
  for (let i = 0; i < rounds; i++) {
    contenders.forEach((c, j) => {
      const m = c.run();
      results[j]!.wall.push(m.wallMs);
      results[j]!.cpu.push(m.cpuMs);
    });
  }
  return results;
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
