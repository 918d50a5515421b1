import { compare, explain, satisfies } from '@renovatebot/pep440';

/**
 * The PEP 440 operations implanta needs, made total: the library throws on versions it cannot parse
 * (legacy releases on PyPI, typos in an advisory), and one odd string must never sink a whole report.
 */

export function isValidVersion(version: string): boolean {
  return explain(version) !== null;
}

/** Pre-releases and dev releases: pip skips them unless asked, so "latest" does too. */
export function isPrerelease(version: string): boolean {
  return explain(version)?.is_prerelease ?? true;
}

/** Ascending PEP 440 order; versions that do not parse sort first and are never "latest". */
export function compareVersions(a: string, b: string): number {
  const va = isValidVersion(a);
  const vb = isValidVersion(b);
  if (va && vb) return compare(a, b);
  return Number(va) - Number(vb);
}

export function sortVersions(versions: Iterable<string>): string[] {
  return [...new Set(versions)].filter(isValidVersion).sort(compareVersions);
}

export function versionSatisfies(version: string, specifier: string): boolean {
  if (!isValidVersion(version)) return false;
  try {
    return satisfies(version, specifier, { prereleases: true });
  } catch {
    return false;
  }
}

/** The release segment's first `parts` numbers, as a series name: 4.2.7 → "4.2" (parts 2) or "4" (parts 1). */
export function seriesOf(version: string, parts: 1 | 2): string | undefined {
  const release = explain(version)?.release;
  if (!release) return undefined;
  return Array.from({ length: parts }, (_, i) => release[i] ?? 0).join('.');
}
