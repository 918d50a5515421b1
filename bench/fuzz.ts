import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bases, FUZZ_CASES, FUZZ_SEED, generateCases, PLANTED_ENV, type FuzzCase } from '../test/fuzz/cases.js';
import { ENV_ARGS, writeCase } from '../test/fuzz/pool.js';
import { implantaAsRun } from './lib.js';

/** Issue 9's goals for every case: under 2 s and under 300 MB of peak memory. */
export const FUZZ_GOAL_MS = 2000;
export const FUZZ_GOAL_RSS_MB = 300;
const LANES = 2;
const KILL_AFTER_S = 60;

const RUSAGE = fileURLToPath(new URL('./rusage.py', import.meta.url));

interface Measured {
  fuzzCase: FuzzCase;
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  status: number;
  problem?: string;
}

export interface FuzzBench {
  cases: number;
  perSecond: number;
  slowestWallMs: number;
  slowestCpuMs: number;
  peakRssMb: number;
  over2sWall: number;
  over2sCpu: number;
  over300Mb: number;
  problems: number;
}

/** What is wrong with one run, or undefined when it is a report (exit 0/1) or one exit-2 line. */
function problemOf(status: number, timedOut: boolean, stderr: string): string | undefined {
  if (timedOut) return `killed after ${KILL_AFTER_S} s`;
  for (const [name, value] of Object.entries(PLANTED_ENV)) {
    if (stderr.includes(name === 'DATABASE_URL' ? new URL(value).password : value)) return `printed the value of ${name}`;
  }
  if (status === 0 || status === 1) return undefined;
  if (status === 2) {
    const lines = stderr.trimEnd().split('\n');
    return lines.length === 1 && lines[0]!.startsWith('implanta: ') ? undefined : `exit 2 without one 'implanta: ' line: ${JSON.stringify(stderr.slice(0, 200))}`;
  }
  return `exit ${status}: ${stderr.slice(0, 300)}`;
}

/** One case as its own process of the built CLI, timed and measured by bench/rusage.py (wait4). */
function measure(cli: { command: string; env: NodeJS.ProcessEnv }, fuzzCase: FuzzCase, dir: string, cache: string): Promise<Measured> {
  const args = [RUSAGE, '--timeout', String(KILL_AFTER_S), '--', cli.command, 'check', dir, ...ENV_ARGS];
  const child = spawn('/usr/bin/python3', args, { env: { ...cli.env, XDG_CACHE_HOME: cache, NO_COLOR: '1', IMPLANTA_DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => {
      const line = Buffer.concat(out).toString().trim().split('\n').at(-1) ?? '';
      const stderr = Buffer.concat(err).toString();
      let r: { wall_ms: number; cpu_ms: number; max_rss_mb: number; status: number; timed_out: boolean };
      try {
        r = JSON.parse(line) as typeof r;
      } catch {
        reject(new Error(`bench/rusage.py failed on case #${fuzzCase.id}: ${stderr.slice(-500)}`));
        return;
      }
      const problem = problemOf(r.status, r.timed_out, stderr);
      resolve({ fuzzCase, wallMs: r.wall_ms, cpuMs: r.cpu_ms, maxRssMb: r.max_rss_mb, status: r.status, ...(problem && { problem }) });
    });
  });
}

const describe = (m: Measured) => `#${m.fuzzCase.id} ${m.fuzzCase.base}/${m.fuzzCase.file} (${m.fuzzCase.mutation}) exit ${m.status}`;

/**
 * `npm run bench fuzz [-- COUNT | --case ID...]`: the suite's fuzz campaign (test/fuzz, same seed and
 * cases), each case as its own process of the built CLI as `implanta` runs (`dist/main.cjs check DIR
 * --env …`; build first), two at a time. Per case it measures wall time, CPU time and peak RSS with wait4, so each
 * figure is one check's, from process start to exit, with nothing left over from other cases. Goal
 * (issue 9): no case over 2 s, none over 300 MB, no crash. CPU time is the steadier figure when other
 * work shares the machine.
 */
export async function benchFuzz(root: string, select: { count?: number; ids?: number[] } = {}): Promise<FuzzBench> {
  const cli = implantaAsRun(root);
  if (!existsSync(cli.command)) throw new Error('dist/main.cjs is missing: run `npm run build` first');
  const count = select.ids?.length ? Math.max(...select.ids) + 1 : (select.count ?? FUZZ_CASES);
  const all = generateCases(FUZZ_SEED, count);
  const cases = select.ids?.length ? select.ids.map((id) => all[id]!) : all;
  const baseDirs = new Map(bases().map((b) => [b.name, b.dir]));
  const scratch = mkdtempSync(join(tmpdir(), 'implanta-fuzz-bench-'));
  const results: Measured[] = [];
  const start = performance.now();
  try {
    let next = 0;
    const lane = async (n: number) => {
      const cache = join(scratch, `cache-${n}`);
      while (next < cases.length) {
        const fuzzCase = cases[next++]!;
        const dir = writeCase(fuzzCase, scratch, baseDirs);
        results.push(await measure(cli, fuzzCase, dir, cache));
        rmSync(dir, { recursive: true, force: true });
        if (results.length % 100 === 0) process.stderr.write(`  fuzz bench: ${results.length}/${cases.length} cases\n`);
      }
    };
    await Promise.all(Array.from({ length: LANES }, (_, n) => lane(n)));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const seconds = (performance.now() - start) / 1000;
  const top = (key: 'wallMs' | 'cpuMs' | 'maxRssMb') => [...results].sort((a, b) => b[key] - a[key]);
  const byWall = top('wallMs');
  const byCpu = top('cpuMs');
  const byRss = top('maxRssMb');
  const problems = results.filter((r) => r.problem);
  const over2sWall = results.filter((r) => r.wallMs > FUZZ_GOAL_MS).length;
  const over2sCpu = results.filter((r) => r.cpuMs > FUZZ_GOAL_MS).length;
  const over300Mb = results.filter((r) => r.maxRssMb > FUZZ_GOAL_RSS_MB).length;
  const ok = (n: number) => (n ? 'OVER' : 'OK');
  console.log(`fuzz (seed ${FUZZ_SEED}, ${results.length} cases, one process each, ${LANES} lanes): ${(results.length / seconds).toFixed(1)} cases/s, ${seconds.toFixed(0)} s in all`);
  console.log('  slowest by wall time:');
  for (const r of byWall.slice(0, 5)) console.log(`  ${r.wallMs.toFixed(0).padStart(6)} ms wall ${r.cpuMs.toFixed(0).padStart(6)} ms CPU  ${describe(r)}`);
  console.log('  slowest by CPU time:');
  for (const r of byCpu.slice(0, 5)) console.log(`  ${r.cpuMs.toFixed(0).padStart(6)} ms CPU ${r.wallMs.toFixed(0).padStart(6)} ms wall  ${describe(r)}`);
  console.log('  largest peak RSS:');
  for (const r of byRss.slice(0, 5)) console.log(`  ${r.maxRssMb.toFixed(0).padStart(6)} MB  ${describe(r)}`);
  console.log(
    `  ${over2sWall} case(s) over 2 s wall ${ok(over2sWall)} (${over2sCpu} over 2 s CPU); ${over300Mb} over ${FUZZ_GOAL_RSS_MB} MB ${ok(over300Mb)} (largest ${byRss[0]?.maxRssMb.toFixed(0)} MB); ${problems.length} crash(es) or bad outcome(s)`,
  );
  for (const r of problems.slice(0, 10)) console.log(`  PROBLEM ${describe(r)}: ${r.problem}`);
  return {
    cases: results.length,
    perSecond: results.length / seconds,
    slowestWallMs: byWall[0]?.wallMs ?? 0,
    slowestCpuMs: byCpu[0]?.cpuMs ?? 0,
    peakRssMb: byRss[0]?.maxRssMb ?? 0,
    over2sWall,
    over2sCpu,
    over300Mb,
    problems: problems.length,
  };
}
