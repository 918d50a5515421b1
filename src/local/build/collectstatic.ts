import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BuildFailure } from './build-failure.js';
import type { BuildpackOutput } from './buildpack-output.js';
import { runLogged } from './run-logged.js';
import { venvPython } from './slug-layout.js';

const COMMAND = 'python manage.py collectstatic --noinput';
const TIMEOUT_MS = 600_000;

/** The buildpack skips collectstatic when DISABLE_COLLECTSTATIC is set to anything but 0. */
export function collectstaticDisabled(env: NodeJS.ProcessEnv): boolean {
  const value = env.DISABLE_COLLECTSTATIC;
  return value !== undefined && value !== '' && value !== '0';
}

/**
 * The Python buildpack's Django step: in an app with `manage.py` that can import Django, it runs
 * collectstatic with the app's config vars, and a failure fails the build with the buildpack's advice.
 */
export async function runCollectstatic(slugDir: string, env: NodeJS.ProcessEnv, out: BuildpackOutput, signal?: AbortSignal): Promise<void> {
  if (!existsSync(join(slugDir, 'manage.py'))) return;
  const django = await runLogged({ command: venvPython(slugDir), args: ['-c', 'import django'], cwd: slugDir, env, onLine: () => undefined, timeoutMs: 60_000 });
  if (django.code !== 0) return;
  if (collectstaticDisabled(env)) {
    out.step('Skipping Django collectstatic since the env var DISABLE_COLLECTSTATIC is set.');
    return;
  }
  out.step(`$ ${COMMAND}`);
  const result = await runLogged({
    command: '/bin/sh',
    args: ['-c', COMMAND],
    cwd: slugDir,
    env,
    onLine: (line) => out.detail(line),
    timeoutMs: TIMEOUT_MS,
    ...(signal && { signal }),
  });
  if (result.code === 0) return;
  throw new BuildFailure([
    `Error: Unable to generate Django static files${result.failure ? ` (${result.failure})` : ''}.`,
    '',
    `The '${COMMAND}' Django management command`,
    'to generate static files failed. See the traceback above for details.',
    '',
    'You may need to update application code to resolve this error.',
    'Or, you can disable collectstatic for this application:',
    '',
    '   $ heroku config:set DISABLE_COLLECTSTATIC=1',
    '',
    'https://devcenter.heroku.com/articles/django-assets',
  ]);
}
