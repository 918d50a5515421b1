import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tempDir } from './hollow.js';

const REPO = resolve(import.meta.dirname, '../../..');
/** tsx by absolute URL: the CLI may run in a folder (a temporary repository) with no node_modules of its own. */
const TSX = import.meta.resolve('tsx');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `implanta ARGS` as a user runs it in `cwd` (default: this repository), with a PyPI cache of its own so
 * runs never share answers. Async, so the fake servers living in the test's process keep answering while it runs.
 */
export function implanta(args: string[], env: NodeJS.ProcessEnv = {}, cwd = REPO): Promise<CliRun> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      ['--import', TSX, '--', join(REPO, 'src/cli/main.ts'), ...args],
      { cwd, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: tempDir('implanta-cache-'), NO_COLOR: '1', ...env } },
      (error, stdout, stderr) => resolvePromise({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}
