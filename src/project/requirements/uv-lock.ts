import type { Requirement } from '../types.js';
import { normalizeName } from './pep508.js';
import { hashesOf, lockedRequirement, lockPackages, stringAt, type LockPackage } from './lock-packages.js';
import { isTable, type TomlTable, type TomlValue } from './toml.js';
import { hideUrlSecrets } from './url-credentials.js';

/**
 * uv.lock as Heroku installs it, `uv sync --locked --no-default-groups`: the project's dependencies and
 * theirs, without dependency groups such as `dev`. The project itself (source `editable = "."` or
 * `virtual`) is not a dependency and is left out. Without a project entry, every package is kept.
 */
export function readUvLock(text: string, file = 'uv.lock'): Requirement[] {
  const { packages } = lockPackages(text, file);
  const isProject = (pkg: LockPackage) => {
    const source = isTable(pkg.table['source']) ? pkg.table['source'] : undefined;
    return stringAt(source, 'editable') === '.' || stringAt(source, 'virtual') !== undefined;
  };
  const projects = packages.filter(isProject);
  const installed = projects.length ? reachable(packages, projects) : undefined;
  return packages
    .filter((pkg) => !isProject(pkg) && (!installed || installed.has(normalizeName(pkg.name))))
    .map((pkg) => {
      const source = isTable(pkg.table['source']) ? pkg.table['source'] : undefined;
      const sdist = isTable(pkg.table['sdist']) ? [pkg.table['sdist']] : [];
      return lockedRequirement(pkg, file, {
        url: sourceUrl(source),
        editable: stringAt(source, 'editable') !== undefined,
        hashes: [...hashesOf(sdist), ...hashesOf(pkg.table['wheels'])],
      });
    });
}

/** Names reachable from the projects through `dependencies`, following requested extras. */
function reachable(packages: LockPackage[], projects: LockPackage[]): Set<string> {
  const byName = new Map<string, LockPackage[]>();
  // Pushed, not copied per package: a lock file may list any number.
  for (const pkg of packages) {
    const name = normalizeName(pkg.name);
    const list = byName.get(name);
    if (list) list.push(pkg);
    else byName.set(name, [pkg]);
  }
  const seen = new Set<string>();
  const queue = projects.flatMap((project) => dependencyList(project.table['dependencies']));
  while (queue.length) {
    const dep = queue.shift()!;
    const name = normalizeName(dep.name);
    const key = `${name}[${dep.extras.join(',')}]`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const pkg of byName.get(name) ?? []) {
      // Loops, not push(...): a lock file is the project's, of any size.
      for (const listed of dependencyList(pkg.table['dependencies'])) queue.push(listed);
      const optional = isTable(pkg.table['optional-dependencies']) ? pkg.table['optional-dependencies'] : undefined;
      for (const extra of dep.extras) for (const listed of dependencyList(optional?.[extra])) queue.push(listed);
    }
  }
  return new Set([...seen].map((key) => key.slice(0, key.indexOf('['))));
}

function dependencyList(value: TomlValue | undefined): { name: string; extras: string[] }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (!isTable(item) || typeof item['name'] !== 'string') return [];
    const extra = item['extra'];
    const extras = Array.isArray(extra) ? extra.filter((e): e is string => typeof e === 'string') : [];
    return [{ name: item['name'], extras }];
  });
}

function sourceUrl(source: TomlTable | undefined): string | undefined {
  const git = stringAt(source, 'git');
  if (git) return hideUrlSecrets(`git+${git}`);
  const direct = stringAt(source, 'url') ?? stringAt(source, 'path') ?? stringAt(source, 'directory') ?? stringAt(source, 'editable');
  return direct === undefined ? undefined : hideUrlSecrets(direct);
}
