import { isPrerelease, seriesOf, sortVersions, versionSatisfies } from './pep440.js';

/** Stable (non-pre, non-dev) versions, ascending: what `pip install NAME` would choose among. */
export function stableVersions(versions: Iterable<string>): string[] {
  return sortVersions(versions).filter((v) => !isPrerelease(v));
}

/**
 * How many release numbers make a "series": Django's feature releases are X.Y (4.2 is an LTS line,
 * 4.2.x its patches); for other packages semantic versioning's major is the usual compatibility line.
 */
export function seriesParts(name: string): 1 | 2 {
  return name === 'django' ? 2 : 1;
}

/** The newest stable release of `reference`'s series (4.2.7 → newest 4.2.x for Django, newest 2.x else). */
export function latestInSeries(stable: readonly string[], reference: string, parts: 1 | 2): string | undefined {
  const series = seriesOf(reference, parts);
  return series === undefined ? undefined : stable.filter((v) => seriesOf(v, parts) === series).at(-1);
}

/** The newest stable release a range admits: what a fresh `pip install` resolves it to today. */
export function newestSatisfying(stable: readonly string[], specifier: string): string | undefined {
  return stable.filter((v) => versionSatisfies(v, specifier)).at(-1);
}
