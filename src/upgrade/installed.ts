import { interpreterEnv } from '../python/child-env.js';
import { runProcess } from '../python/run-process.js';

export interface Installed {
  python?: string;
  /** The package's installed version; absent when it is not installed there. */
  version?: string;
}

const PROBE = [
  'import importlib.metadata as m, platform, sys',
  'print(platform.python_version())',
  'try:\n    print(m.version(sys.argv[1]) if len(sys.argv) > 1 else "")\nexcept m.PackageNotFoundError:\n    print("")',
].join('\n');

/** What the interpreter the tests ran with has installed: an upgrade proven on other versions is not proven. */
export async function installedVersions(python: string, root: string, distribution?: string): Promise<Installed> {
  const result = await runProcess(python, ['-c', PROBE, ...(distribution ? [distribution] : [])], { cwd: root, env: interpreterEnv(), timeoutMs: 30_000 });
  if (result.exitCode !== 0) return {};
  const [pythonVersion, version] = result.stdout.split('\n').map((l) => l.trim());
  return { ...(pythonVersion && { python: pythonVersion }), ...(version && { version }) };
}
