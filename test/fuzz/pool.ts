/**
 * Runs fuzz cases through a few worker processes, each with a heap cap, and kills (then replaces) a
 * worker whose case runs past the hang limit. Each case is written to a fresh project folder (a copy
 * of its base with the one file replaced), removed afterwards.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bases, PLANTED_ENV, type FuzzCase } from './cases.js';
import type { Outcome } from './worker.js';

export interface CaseResult {
  fuzzCase: FuzzCase;
  /** Undefined when the worker died or hung: `death` says which. */
  outcome?: Outcome;
  death?: string;
}

export interface PoolOptions {
  workers: number;
  /** A case running longer than this is a hang: the worker is killed. */
  hangMs: number;
  /** V8 heap cap of each worker, MB: a case that needs more kills it (a crash). */
  heapMb: number;
  /** More arguments for `implanta check` after the planted `--env`s (e.g. `--format json`). */
  args?: string[];
}

/** The case's project folder under `scratch`: a copy of its base with the one file replaced. */
export function writeCase(fuzzCase: FuzzCase, scratch: string, baseDirs: ReadonlyMap<string, string>): string {
  const dir = join(scratch, `case-${fuzzCase.id}`);
  cpSync(baseDirs.get(fuzzCase.base)!, dir, { recursive: true, filter: (src) => !src.endsWith('production.env') && !src.includes('__pycache__') });
  mkdirSync(dirname(join(dir, fuzzCase.file)), { recursive: true });
  writeFileSync(join(dir, fuzzCase.file), fuzzCase.content);
  return dir;
}

/** `--env NAME=VALUE` for every planted config var. */
export const ENV_ARGS = Object.entries(PLANTED_ENV).flatMap(([k, v]) => ['--env', `${k}=${v}`]);

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
function startWorker(heapMb: number, cache: string): Promise<ChildProcess> {
  const child = fork(WORKER, [], {
    execArgv: ['--import', 'tsx', `--max-old-space-size=${heapMb}`, '--stack-size=984'],
    env: { ...process.env, XDG_CACHE_HOME: cache, NO_COLOR: '1', IMPLANTA_DEBUG: '' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child.stderr!.resume();
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`fuzz worker failed to start (exit ${code})`)));
  });
}

function runOn(child: ChildProcess, dir: string, hangMs: number, args: string[]): Promise<{ outcome?: Outcome; death?: string }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      cleanup();
      child.kill('SIGKILL');
      resolve({ death: `hung past ${hangMs} ms` });
    }, hangMs);
    const onMessage = (outcome: Outcome) => {
      cleanup();
      resolve({ outcome });
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      resolve({ death: `the worker died (exit ${code}, signal ${signal})` });
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send({ dir, args });
  });
}

export async function runCases(cases: FuzzCase[], opts: PoolOptions, onResult?: (r: CaseResult) => void): Promise<CaseResult[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'implanta-fuzz-'));
  const baseDirs = new Map(bases().map((b) => [b.name, b.dir]));
  const results: CaseResult[] = [];
  let next = 0;
  try {
    const lane = async (lane: number) => {
      const cache = join(scratch, `cache-${lane}`);
      mkdirSync(cache);
      let child = await startWorker(opts.heapMb, cache);
      try {
        while (next < cases.length) {
          const fuzzCase = cases[next++]!;
          const dir = writeCase(fuzzCase, scratch, baseDirs);
          const run = await runOn(child, dir, opts.hangMs, [...ENV_ARGS, ...(opts.args ?? [])]);
          rmSync(dir, { recursive: true, force: true });
          const result = { fuzzCase, ...run };
          results.push(result);
          onResult?.(result);
          if (run.death) {
            child.kill('SIGKILL');
            child = await startWorker(opts.heapMb, cache);
          }
        }
      } finally {
        child.kill('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: opts.workers }, (_, i) => lane(i)));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return results.sort((a, b) => a.fuzzCase.id - b.fuzzCase.id);
}

/** What is wrong with one result, or undefined when it is a report or a one-line exit 2. */
export function problemOf(result: CaseResult): string | undefined {
  if (result.death) return result.death;
  const { exitCode, stdout, stderr } = result.outcome!;
  const printed = stdout + stderr;
  for (const [name, value] of Object.entries(PLANTED_ENV)) {
    const secret = name === 'DATABASE_URL' ? new URL(value).password : value;
    if (printed.includes(secret)) return `printed the value of ${name}`;
  }
  if (exitCode === 0 || exitCode === 1) return stdout.trim() ? undefined : `exit ${exitCode} with no report`;
  if (exitCode === 2) {
    const lines = stderr.trimEnd().split('\n');
    if (lines.length !== 1 || !lines[0]!.startsWith('implanta: ')) return `exit 2 without one 'implanta: ' line: ${JSON.stringify(stderr.slice(0, 300))}`;
    return undefined;
  }
  return `exit ${exitCode}: ${stderr.slice(0, 400)}`;
}
