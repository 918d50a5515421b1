import { execFile } from 'node:child_process';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runCheck } from '../../../src/check/run-check.js';
import { pythonLiteral } from './python-literal.js';

const run = promisify(execFile);
const VIEWS_FIXTURE = fileURLToPath(new URL('../../fixtures/django/csrf-views/proj/', import.meta.url));
export const DJANGO_PYTHON = '/usr/bin/python3';

const MANAGE_PY = `import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
`;

/** A project Django can check: manage.py, the fixture's views, and a settings module of plain literals. */
export async function writeProject(dir: string, settings: Record<string, unknown>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await cp(VIEWS_FIXTURE, join(dir, 'proj'), { recursive: true });
  const lines = Object.entries(settings).map(([name, value]) => `${name} = ${pythonLiteral(value)}`);
  await writeFile(join(dir, 'manage.py'), MANAGE_PY);
  await writeFile(join(dir, 'proj', 'settings.py'), ['from pathlib import Path', '', ...lines, ''].join('\n'));
  await writeFile(join(dir, 'proj', 'urls.py'), 'urlpatterns = []\n');
}

export type DjangoOutcome = { ids: string[] } | { crash: string; output: string };

/**
 * Runs Django's own `manage.py check --deploy` and returns the IDs it printed. Exit status 1 (errors found)
 * is normal; a traceback means the check itself crashed, and the exception's name is returned instead.
 */
export async function djangoIds(dir: string, env: Record<string, string> = {}): Promise<DjangoOutcome> {
  const childEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1', LANG: 'C.UTF-8', ...env };
  let output: string;
  try {
    const { stdout, stderr } = await run(DJANGO_PYTHON, ['manage.py', 'check', '--deploy'], { cwd: dir, env: childEnv });
    output = stdout + stderr;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: unknown };
    if (typeof failed.code !== 'number') throw error;
    output = (failed.stdout ?? '') + (failed.stderr ?? '');
  }
  if (output.includes('Traceback (most recent call last)')) {
    const last = output.trim().split('\n').at(-1) ?? '';
    return { crash: (last.split(':')[0] ?? '').split('.').at(-1) ?? last, output };
  }
  const ids = [...output.matchAll(/^\S.*?: \(([\w.]+\.[WEC]\d{3})\) /gm)].map((m) => m[1]!);
  return { ids: [...new Set(ids)].sort() };
}

/**
 * implanta's verdict on a generated project, as Django IDs at warning or error level after
 * SILENCED_SYSTEM_CHECKS, for Django 3.2. For now it builds the settings view from the same dict the
 * project was written from; the end-to-end CLI will take its place.
 */
/**
 * implanta's verdict on a written project, end to end: the static evaluator reads the settings file the
 * generator wrote, then every rule runs and SILENCED_SYSTEM_CHECKS applies, exactly as `implanta check`
 * does. Only Django's own IDs at warning or error count (info means "cannot tell").
 */
export async function implantaIds(projectDir: string, _settings: object, env: Record<string, string> = {}): Promise<string[]> {
  const { report } = await runCheck({ dir: projectDir, env, djangoVersion: '3.2', settingsSource: 'static', runDjango: false, hosts: [] });
  const shown = report.findings.filter((f) => f.area === 'django' && f.severity !== 'info');
  return [...new Set(shown.map((f) => f.rule))].sort();
}

/** Runs `work` over `items`, `limit` at a time, keeping the order of results. */
export async function pool<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
