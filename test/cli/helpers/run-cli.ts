import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
/** tsx by absolute URL: the CLI may run in a folder (a temporary repository) with no node_modules of its own. */
const TSX = import.meta.resolve('tsx');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `implanta ARGS` as a user runs it, in `cwd`, with stdin a pipe (not a terminal). Async, so that the
 * platform served from the test's own process keeps answering while the command runs.
 */
export function implanta(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; /** A hang net: the run is killed (code null) after this long. */ timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      ['--import', TSX, '--', join(ROOT, 'src/cli/main.ts'), ...args],
      { cwd: options.cwd ?? ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', ...options.env }, ...(options.timeoutMs && { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const }) },
      (error, stdout, stderr) => done({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}
