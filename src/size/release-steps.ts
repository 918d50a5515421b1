import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { lastLine, runProcess } from '../python/run-process.js';

/**
 * What Heroku does to a Django slug before its first web dyno starts: the Python buildpack runs
 * `collectstatic` at build time (unless DISABLE_COLLECTSTATIC is set), then the release phase runs the
 * Procfile's `release:` command. Without one, migrations still have to run for the app to answer, so
 * `manage.py migrate` stands in for it.
 */

const STEP_TIMEOUT_MS = 300_000;

export interface ReleaseStepsInput {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** The Procfile's `release:` command, when it has one. */
  releaseCommand?: string;
  onStep?: (command: string) => void;
}

export function releaseCommands(input: Pick<ReleaseStepsInput, 'dir' | 'env' | 'releaseCommand'>): string[] {
  const hasManage = existsSync(join(input.dir, 'manage.py'));
  const collect = hasManage && !input.env.DISABLE_COLLECTSTATIC ? ['python manage.py collectstatic --noinput'] : [];
  const release = input.releaseCommand ?? (hasManage ? 'python manage.py migrate --noinput' : undefined);
  return [...collect, ...(release ? [release] : [])];
}

export async function runReleaseSteps(input: ReleaseStepsInput): Promise<void> {
  for (const command of releaseCommands(input)) {
    input.onStep?.(command);
    const result = await runProcess('/bin/sh', ['-c', command], { cwd: input.dir, env: input.env, timeoutMs: STEP_TIMEOUT_MS });
    if (result.exitCode !== 0) {
      const why = result.failure ?? lastLine(result.stderr) ?? lastLine(result.stdout) ?? `exit status ${result.exitCode}`;
      throw new InputError(`\`${command}\` failed before the web process could start: ${why}`);
    }
  }
}
