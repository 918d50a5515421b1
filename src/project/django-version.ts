import { satisfies } from '@renovatebot/pep440';
import { allDjangoSeries } from '../versions/lifecycle.js';
import type { DependencySet, DjangoVersion, Requirement } from './types.js';

/**
 * The Django series a dependency set installs. An exact pin (in a requirement, a constraint or a lock)
 * names it. A range gives the lowest series it allows among those the lifecycle data knows (3.0 on):
 * the conservative choice, since older series have fewer safe defaults, so checks assume the least.
 * A range without a lower bound (`<5`, or no specifier at all) therefore reads as 3.0. Constraints narrow the range, as
 * pip applies them. A range no known series satisfies falls back to its own lower bound (`>=2.2,<3`
 * gives 2.2); a Django from a VCS URL has no readable version and gives undefined.
 */
export function djangoVersionFromDependencies(deps: DependencySet): DjangoVersion | undefined {
  const entries = deps.requirements.filter((req) => req.name === 'django');
  if (!entries.length) return undefined;
  const pinned = entries.find((req) => req.pinned !== undefined);
  if (pinned) {
    const series = seriesOf(pinned.pinned!);
    return series && at({ ...series, source: 'pin' }, pinned);
  }
  const ranged = entries.filter((req) => req.url === undefined);
  if (!ranged.length) return undefined;
  const place = ranged.find((req) => req.kind === 'requirement') ?? ranged[0]!;
  const specifier = ranged.map((req) => req.specifier).filter(Boolean).join(',');
  const series = lowestSeries(specifier) ?? lowerBound(specifier);
  return series && at({ ...series, source: 'range' }, place);
}

/**
 * The lifecycle data now reaches back to Django 1.0 (for end-of-life findings), but a range is read
 * from 3.0 on, as before: `Django<4` or a bare `Django` installs a supported series, not 1.0.
 */
const OLDEST_RANGE_SERIES = 3;

function lowestSeries(specifier: string): { major: number; minor: number } | undefined {
  for (const info of allDjangoSeries()) {
    const [major, minor] = info.series.split('.').map(Number) as [number, number];
    if (major < OLDEST_RANGE_SERIES) continue;
    if (candidates(major, minor, specifier).some((version) => satisfies(version, specifier))) return { major, minor };
  }
  return undefined;
}

/**
 * Versions of one series worth trying: X.Y, its first sixty patches (Django's longest series so far
 * reached .30), and any version of the series the specifier names, so `>=4.2.100` still finds 4.2.
 */
function candidates(major: number, minor: number, specifier: string): string[] {
  const patches = Array.from({ length: 61 }, (_, patch) => `${major}.${minor}.${patch}`);
  const named = [...specifier.matchAll(/[0-9]+(?:\.[0-9]+)*/g)].map((m) => m[0]);
  return [`${major}.${minor}`, ...patches, ...named.filter((v) => v.startsWith(`${major}.${minor}.`))];
}

/** The version under `>=`, `>`, `~=` or `==X.*`, when no known series satisfies the range. */
function lowerBound(specifier: string): { major: number; minor: number } | undefined {
  const bounds = specifier
    .split(',')
    .flatMap((clause) => /^(?:>=|>|~=|==)v?([0-9]+(?:\.[0-9]+)*)/.exec(clause)?.[1] ?? [])
    .map(seriesOf)
    .filter((s): s is { major: number; minor: number } => s !== undefined)
    .sort((a, b) => a.major - b.major || a.minor - b.minor);
  return bounds[0];
}

function seriesOf(version: string): { major: number; minor: number } | undefined {
  const match = /^v?(?:[0-9]+!)?([0-9]+)(?:\.([0-9]+))?/.exec(version);
  return match ? { major: Number(match[1]), minor: Number(match[2] ?? 0) } : undefined;
}

function at(version: Omit<DjangoVersion, 'file' | 'line'>, req: Requirement): DjangoVersion {
  return { ...version, file: req.file, line: req.line };
}
