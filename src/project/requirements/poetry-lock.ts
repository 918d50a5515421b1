import type { Requirement } from '../types.js';
import { hashesOf, lockedRequirement, lockPackages, stringAt, type LockPackage } from './lock-packages.js';
import { isTable, type TomlTable } from './toml.js';
import { hideUrlSecrets } from './url-credentials.js';

/**
 * poetry.lock as Heroku installs it, `poetry sync --only main`: packages of the main group only. Lock
 * format 1.x says so in `category`, 2.1 in `groups`; 2.0 records neither, so every package is kept.
 */
export function readPoetryLock(text: string, file = 'poetry.lock'): Requirement[] {
  const { root, packages } = lockPackages(text, file);
  const metadataFiles = isTable(root['metadata']) && isTable(root['metadata']['files']) ? root['metadata']['files'] : undefined;
  return packages.filter(inMainGroup).map((pkg) => {
    const source = isTable(pkg.table['source']) ? pkg.table['source'] : undefined;
    const markers = pkg.table['markers'];
    return lockedRequirement(pkg, file, {
      marker: typeof markers === 'string' ? markers : isTable(markers) ? stringAt(markers, 'main') : undefined,
      url: sourceUrl(source),
      editable: pkg.table['develop'] === true,
      hashes: hashesOf(pkg.table['files'] ?? metadataFiles?.[pkg.name]),
    });
  });
}

function inMainGroup(pkg: LockPackage): boolean {
  const category = pkg.table['category'];
  const groups = pkg.table['groups'];
  if (category !== undefined) return category === 'main';
  if (Array.isArray(groups)) return groups.includes('main');
  return true;
}

/** Direct references only; a `legacy` source is an index, not a URL the package comes from. */
function sourceUrl(source: TomlTable | undefined): string | undefined {
  const type = stringAt(source, 'type');
  const url = stringAt(source, 'url');
  if (!url || type === 'legacy') return undefined;
  if (type === 'git') {
    const ref = stringAt(source, 'resolved_reference') ?? stringAt(source, 'reference');
    return hideUrlSecrets(`git+${url}${ref ? `@${ref}` : ''}`);
  }
  return hideUrlSecrets(url);
}
