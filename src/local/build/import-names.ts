import { readFileSync } from 'node:fs';
import { packagePath } from '../../core/package-root.js';

let byDistribution: Map<string, string[]> | undefined;

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** data/module-distributions.json read the other way round: distribution → the modules it provides. */
function distributionTable(): Map<string, string[]> {
  if (byDistribution) return byDistribution;
  const table = JSON.parse(readFileSync(packagePath('data', 'module-distributions.json'), 'utf8')) as Record<string, unknown>;
  byDistribution = new Map();
  for (const [module, dists] of Object.entries(table)) {
    if (module.startsWith('$') || !Array.isArray(dists)) continue;
    for (const dist of dists) {
      if (typeof dist !== 'string') continue;
      const key = normalise(dist);
      byDistribution.set(key, [...(byDistribution.get(key) ?? []), module]);
    }
  }
  return byDistribution;
}

/**
 * The module names to try importing for a distribution: the known ones first, then the convention
 * (`dj-database-url` → `dj_database_url`) and the common `python-` prefix dropped (`python-dateutil`).
 * The checker also asks the installed distribution itself, so a wrong guess here only costs a try.
 */
export function importNamesFor(distribution: string): string[] {
  const name = normalise(distribution);
  const known = distributionTable().get(name) ?? [];
  const conventional = name.replace(/-/g, '_');
  const unprefixed = name.startsWith('python-') ? [conventional.slice('python_'.length)] : [];
  return [...new Set([...known, conventional, ...unprefixed])];
}
