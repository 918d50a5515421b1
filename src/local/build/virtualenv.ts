import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess, lastLine } from '../../python/run-process.js';
import { venvDir } from './slug-layout.js';
import { BuildFailure } from './build-failure.js';

const SITE_DIRS = "import json, sys; print(json.dumps([p for p in sys.path if p.endswith(('site-packages', 'dist-packages'))]))";

/**
 * Makes the slug's `.heroku/python`: a virtualenv of the platform's interpreter that sees everything that
 * interpreter sees. `--system-site-packages` alone would miss the packages of an interpreter that is
 * itself a virtualenv (it reaches the base Python's), so a `.pth` file adds the interpreter's own
 * site folders too.
 */
export async function createVirtualenv(slugDir: string, python: string, env: NodeJS.ProcessEnv): Promise<void> {
  const made = await runProcess(python, ['-m', 'venv', '--system-site-packages', '--without-pip', venvDir(slugDir)], { cwd: slugDir, env, timeoutMs: 120_000 });
  if (made.exitCode !== 0) {
    throw new BuildFailure([`Cannot create a virtualenv with ${python}: ${made.failure ?? lastLine(made.stderr) ?? `exit status ${made.exitCode}`}`]);
  }
  const sites = await runProcess(python, ['-c', SITE_DIRS], { cwd: slugDir, env, timeoutMs: 30_000 });
  const dirs = sites.exitCode === 0 ? (JSON.parse(sites.stdout) as string[]) : [];
  const target = venvSitePackages(slugDir);
  if (target && dirs.length > 0) writeFileSync(join(target, '_implanta_interpreter.pth'), `${dirs.join('\n')}\n`);
}

function venvSitePackages(slugDir: string): string | undefined {
  const lib = join(venvDir(slugDir), 'lib');
  const version = readdirSync(lib).find((name) => name.startsWith('python'));
  return version ? join(lib, version, 'site-packages') : undefined;
}
