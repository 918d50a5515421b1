import { daysUntil } from '../versions/dates.js';
import { allDjangoSeries, type DjangoSeriesInfo } from '../versions/lifecycle.js';
import { compareVersions, seriesOf } from '../versions/pep440.js';
import { newestSatisfying } from '../versions/releases.js';

export interface DjangoCandidates {
  /** The newest release of each fitting series, newest first. */
  versions: string[];
  /** Newer supported series left out because they do not run on the app's Python. */
  notes: string[];
}

/**
 * Where a Django upgrade may land: series that are released and still get security fixes, that support
 * the app's Python (by Django's own table), LTS only with `lts`; in each, the newest patch on the index.
 */
export function djangoCandidates(releases: readonly string[], current: string | undefined, python: string, today: Date, lts: boolean): DjangoCandidates {
  const series = pythonSeries(python);
  const supported = allDjangoSeries()
    .filter((s) => daysUntil(today, s.released) <= 0 && daysUntil(today, s.security_end) > 0 && (!lts || s.lts))
    .reverse();
  const newer = (v: string | undefined): v is string => v !== undefined && (current === undefined || compareVersions(v, current) > 0);
  const versions: string[] = [];
  const notes: string[] = [];
  for (const info of supported) {
    const newest = newestSatisfying(releases, `==${info.series}.*`);
    if (!newer(newest)) continue;
    if (info.python.includes(series)) versions.push(newest);
    else if (versions.length === 0) notes.push(`Django ${info.series} supports Python ${pythonRange(info)}, not ${series}: \`implanta upgrade python\` first to reach it`);
  }
  return { versions, notes };
}

/** Django's own table of the Pythons a series supports, for an explicit `--to`. */
export function djangoSeriesInfo(version: string): DjangoSeriesInfo | undefined {
  const series = seriesOf(version, 2);
  return allDjangoSeries().find((s) => s.series === series);
}

export function pythonRange(info: DjangoSeriesInfo): string {
  return info.python.length > 1 ? `${info.python[0]}–${info.python.at(-1)}` : info.python.join('');
}

export function pythonSeries(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}
