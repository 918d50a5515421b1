import { packagePath } from '../../core/package-root.js';
import type { DependencySet, Requirement } from '../../project/types.js';
import { BuildFailure } from './build-failure.js';
import type { BuildpackOutput } from './buildpack-output.js';
import { importNamesFor } from './import-names.js';
import { runLogged } from './run-logged.js';
import { venvPython } from './slug-layout.js';

interface ImportResult {
  name: string;
  module: string | null;
  version: string | null;
  error: string | null;
}

/** What the buildpack would install with, by the file it found. */
const INSTALLERS: Record<DependencySet['kind'], string> = {
  'requirements.txt': 'Installing requirements with pip',
  'Pipfile.lock': 'Installing dependencies using pipenv',
  'poetry.lock': 'Installing dependencies using Poetry',
  'uv.lock': 'Installing dependencies using uv',
};

/**
 * The buildpack's install step. No package index can be reached from here, so instead of installing,
 * each declared requirement must already import in the slug's virtualenv (which sees the platform
 * interpreter's packages); the build fails with the list of those that do not. A pin that differs from
 * the installed version is shown, not refused: the code runs, on another version than production will.
 */
export async function checkDependencies(deps: DependencySet, slugDir: string, env: NodeJS.ProcessEnv, out: BuildpackOutput): Promise<void> {
  out.step(INSTALLERS[deps.kind]);
  if (deps.problems.length > 0) {
    throw new BuildFailure(deps.problems.map((p) => `${p.file}:${p.line}: ${p.message}`));
  }
  out.detail('No package index is reachable from this machine: checking that each requirement imports instead.');
  const wanted = deps.requirements.filter((r) => r.kind === 'requirement' && r.name);
  const results = await importCheck(wanted, slugDir, env);
  const missing: string[] = [];
  wanted.forEach((requirement, index) => {
    const result = results[index];
    const label = `${requirement.rawName}${requirement.specifier}`;
    if (result?.module) {
      out.detail(`${label}: imports as ${result.module}${versionNote(requirement, result.version)}`);
    } else if (requirement.marker) {
      out.detail(`${label}: not importable, and its marker (${requirement.marker}) may leave it out here`);
    } else {
      missing.push(`${label} (${requirement.file}:${requirement.line}): ${result?.error ?? 'not importable'}`);
    }
  });
  if (missing.length > 0) {
    throw new BuildFailure([
      'These requirements are not installed for the platform\'s Python and cannot be installed here (no package index):',
      ...missing.map((line) => `  ${line}`),
      'Install them for that interpreter, or start implanta local with --python pointing at a virtualenv\'s python that has them.',
    ]);
  }
}

function versionNote(requirement: Requirement, installed: string | null): string {
  if (!installed) return '';
  if (requirement.pinned && requirement.pinned !== installed) return ` (${installed} installed; the pin asks for ${requirement.pinned})`;
  return ` (${installed})`;
}

async function importCheck(requirements: Requirement[], slugDir: string, env: NodeJS.ProcessEnv): Promise<ImportResult[]> {
  if (requirements.length === 0) return [];
  const script = packagePath('python', 'check_requirements.py');
  const input = requirements.map((r) => ({ name: r.name, modules: importNamesFor(r.name) }));
  const run = await runLogged({
    command: venvPython(slugDir),
    args: [script],
    stdin: JSON.stringify(input),
    cwd: slugDir,
    env,
    onLine: () => undefined,
    timeoutMs: 120_000,
  });
  try {
    return JSON.parse(run.stdout) as ImportResult[];
  } catch {
    throw new BuildFailure(['The requirement check did not answer: the platform\'s Python could not run python/check_requirements.py.']);
  }
}
