import { daysUntil } from './dates.js';
import { newestSatisfying } from './releases.js';
import type { DjangoSeriesInfo, PythonSeriesInfo } from './lifecycle.js';
import type { VersionsFacts } from './versions-facts.js';

/** Python versions this close to their end of life are already a poor target for an upgrade. */
export const PYTHON_EOL_WARNING_DAYS = 180;

/** Where a Django upgrade should land: the newest LTS still in support, else the newest supported series. */
export function djangoTarget(facts: VersionsFacts): { series: string; version?: string } | undefined {
  // Never suggest going back: only series at or after the project's own count as targets.
  const current = facts.django?.version;
  const notOlder = (series: string) => {
    if (!current) return true;
    const [major, minor] = series.split('.').map(Number);
    return major! > current.major || (major === current.major && minor! >= current.minor);
  };
  const supported = facts.lifecycle.django.filter((s) => released(facts, s.released) && daysUntil(facts.today, s.security_end) > 0 && notOlder(s.series));
  const target = newestSeries(supported.filter((s) => s.lts)) ?? newestSeries(supported);
  if (!target) return undefined;
  const releases = facts.packages.find((p) => p.requirement.name === 'django')?.releases ?? [];
  const version = newestSatisfying(releases, `==${target.series}.*`);
  return { series: target.series, ...(version && { version }) };
}

/**
 * Where a Python upgrade should land: the newest series Heroku builds, that is not near its end of life,
 * and that the project's Django supports.
 */
export function pythonTarget(facts: VersionsFacts): string | undefined {
  const django = facts.django?.series;
  const fit = facts.lifecycle.python.filter(
    (s) =>
      released(facts, s.released) &&
      s.heroku_supported &&
      daysUntil(facts.today, s.eol) > PYTHON_EOL_WARNING_DAYS &&
      (!django || django.python.includes(s.series)),
  );
  return newestSeries(fit)?.series;
}

function released(facts: VersionsFacts, date: string): boolean {
  return daysUntil(facts.today, date) <= 0;
}

function newestSeries<T extends DjangoSeriesInfo | PythonSeriesInfo>(list: readonly T[]): T | undefined {
  return [...list].sort((a, b) => compareSeries(a.series, b.series)).at(-1);
}

/** "3.9" < "3.10": series compare number by number. */
function compareSeries(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
