import { readFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.js';
import type { DependencySet, Requirement } from '../project/types.js';

let table: Record<string, string[]> | undefined;

/** PEP 503 normalised distribution name: `Django_Environ` → `django-environ`. */
function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * The distributions that provide a top-level import name, any one of which will do. Names not in
 * data/module-distributions.json follow the usual convention: the import name with `_` as `-`.
 */
export function distributionsFor(module: string): string[] {
  table ??= JSON.parse(readFileSync(packagePath('data', 'module-distributions.json'), 'utf8')) as Record<string, string[]>;
  const listed = Object.hasOwn(table, module) && module !== '$comment' ? table[module] : undefined;
  return (listed ?? [module]).map(normaliseName);
}

/** The installing requirement (not a `-c` constraint) for any of the names, if declared. */
export function findRequirement(deps: DependencySet, names: readonly string[]): Requirement | undefined {
  const wanted = new Set(names.map(normaliseName));
  return deps.requirements.find((r) => r.kind === 'requirement' && wanted.has(normaliseName(r.name)));
}

/** How to declare a distribution: a pinned line in requirements.txt, or a dependency re-locked. */
export function declareHint(deps: DependencySet, requirement: string): string {
  return deps.kind === 'requirements.txt'
    ? `Add ${requirement}==VERSION to ${deps.file}.`
    : `Add ${requirement} to the project's dependencies and regenerate ${deps.file}.`;
}
