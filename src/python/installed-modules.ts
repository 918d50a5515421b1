import { packagePath } from '../core/package-root.js';
import { runProcess } from './run-process.js';

/** Top-level module → the installed distributions that provide it, as their metadata names them. */
export type InstalledModules = Readonly<Record<string, readonly string[]>>;

/**
 * What the interpreter's installed distributions say they provide (top_level.txt, else RECORD or an
 * egg's installed-files.txt), read by python/installed_modules.py without importing anything. Undefined
 * when the interpreter cannot answer: the generated mapping is used instead.
 */
export async function readInstalledModules(python: string, root: string, env: NodeJS.ProcessEnv = process.env): Promise<InstalledModules | undefined> {
  const result = await runProcess(python, [packagePath('python', 'installed_modules.py')], { cwd: root, env, timeoutMs: 30_000 });
  if (result.exitCode !== 0) return undefined;
  try {
    const table = JSON.parse(result.stdout) as unknown;
    if (!table || typeof table !== 'object' || Array.isArray(table)) return undefined;
    const entries = Object.entries(table as Record<string, unknown>).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((n) => typeof n === 'string'));
    return Object.fromEntries(entries);
  } catch {
    return undefined;
  }
}
