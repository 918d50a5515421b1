import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { shellQuote } from '../core/shell-quote.js';

/**
 * The environment a dyno of this app would get, built from the evaluation environment (what the user
 * says production has) and nothing of the user's shell but PATH, HOME and LANG. `python` and `python3`
 * resolve to the project's interpreter, as they do on Heroku, through small shims (a symlink would lose
 * a virtualenv, which Python finds next to the path it was started by), and that interpreter's bin
 * folder comes next so `gunicorn` is the project's own.
 */

/** Writes the shims into `shimDir` (outside the app copy) and returns the PATH to use. */
export function interpreterPath(pythonPath: string, shimDir: string, basePath = process.env.PATH ?? ''): string {
  mkdirSync(shimDir, { recursive: true });
  for (const name of ['python', 'python3']) {
    const shim = join(shimDir, name);
    writeFileSync(shim, `#!/bin/sh\nexec ${shellQuote(pythonPath)} "$@"\n`);
    chmodSync(shim, 0o755);
  }
  return [shimDir, dirname(pythonPath), basePath].filter(Boolean).join(delimiter);
}

export interface DynoEnvInput {
  evaluation: Record<string, string>;
  path: string;
  port?: number;
  webConcurrency?: number;
  databaseUrl: string;
  dyno?: string;
}

/** What implanta sets wins over the evaluation environment: PORT, WEB_CONCURRENCY and DATABASE_URL are the run's. */
export function dynoEnv(input: DynoEnvInput): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    HOME: process.env.HOME,
    LANG: process.env.LANG ?? 'C.UTF-8',
    // The Python buildpack's defaults: logs unbuffered, so a crash's last lines are not lost.
    PYTHONUNBUFFERED: 'true',
    ...input.evaluation,
    PATH: input.path,
    DATABASE_URL: input.databaseUrl,
  };
  if (input.dyno) env.DYNO = input.dyno;
  if (input.port !== undefined) env.PORT = String(input.port);
  if (input.webConcurrency !== undefined) env.WEB_CONCURRENCY = String(input.webConcurrency);
  return env;
}
