import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tempDir } from './hollow.js';

const REPO = resolve(import.meta.dirname, '../../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `implanta ARGS` as a user runs it, with a PyPI cache of its own so runs never share answers. Async, so
 * the fake servers living in the test's process keep answering while it runs.
 */
export function implanta(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'src/cli/main.ts'), ...args],
      { cwd: REPO, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: tempDir('implanta-cache-'), NO_COLOR: '1', ...env } },
      (error, stdout, stderr) => resolvePromise({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}
