import { InputError } from '../core/errors.js';
import { djangoVersionFromDependencies } from '../project/django-version.js';
import { isValidPythonVersion, pythonSeriesOf } from '../project/python-version.js';
import type { DependencySet, DjangoVersion } from '../project/types.js';
import { daysUntil } from '../versions/dates.js';
import { allPythonSeries, djangoSeries, lifecycleAsOf, pythonSeries as pythonSeriesInfo, type DjangoSeriesInfo } from '../versions/lifecycle.js';
import { compareVersions } from '../versions/pep440.js';
import { pythonRange } from './django-series.js';

export type PythonTarget = { kind: 'target'; version: string } | { kind: 'current'; message: string };

interface DjangoSupport {
  version: DjangoVersion;
  info: DjangoSeriesInfo;
}

/**
 * Where a Python upgrade lands: `--to` when Heroku builds it and the pinned Django supports it, else the
 * newest series Heroku builds (not past its end of life) that the pinned Django supports. A series is
 * written as X.Y, Heroku's recommendation: each build then gets the newest patch.
 */
export function choosePythonTarget(current: string | undefined, deps: DependencySet | undefined, to: string | undefined, today: Date): PythonTarget {
  const django = djangoSupport(deps);
  return to === undefined ? defaultTarget(current, django, today) : explicitTarget(current, django, to);
}

function defaultTarget(current: string | undefined, django: DjangoSupport | undefined, today: Date): PythonTarget {
  const built = allPythonSeries().filter((s) => s.heroku_supported && daysUntil(today, s.released) <= 0 && daysUntil(today, s.eol) > 0);
  const newer = built.filter((s) => current === undefined || compareVersions(s.series, pythonSeriesOf(current)!) > 0);
  const fit = newer.filter((s) => !django || django.info.python.includes(s.series));
  const target = fit.at(-1);
  if (target) return { kind: 'target', version: target.series };
  const blocked = newer.at(-1);
  const held = blocked && django ? `; Python ${blocked.series} needs a newer Django: ${djangoPlace(django)}, which supports Python ${pythonRange(django.info)} (\`implanta upgrade django\` first)` : '';
  return { kind: 'current', message: `Python ${current ?? '(Heroku default)'} is already the newest series Heroku builds for this app${held}` };
}

function explicitTarget(current: string | undefined, django: DjangoSupport | undefined, to: string): PythonTarget {
  if (!isValidPythonVersion(to)) throw new InputError(`--to ${to}: not a Python version (expected X.Y, e.g. 3.13, or X.Y.Z)`);
  const series = pythonSeriesOf(to)!;
  const info = pythonSeriesInfo(series);
  if (!info?.heroku_supported) throw new InputError(`--to ${to}: Heroku's Python buildpack does not build Python ${series} (as of ${lifecycleAsOf}); it builds ${builtSeries()}`);
  if (current !== undefined && current === to) return { kind: 'current', message: `Python is already ${current}` };
  if (current !== undefined && compareVersions(to, current) < 0) throw new InputError(`--to ${to} is older than the declared Python ${current}: implanta upgrade does not downgrade`);
  if (django && !django.info.python.includes(series)) {
    throw new InputError(`--to ${to}: ${djangoPlace(django)}, which supports Python ${pythonRange(django.info)}, not ${series}: upgrade Django first (\`implanta upgrade django\`)`);
  }
  return { kind: 'target', version: to };
}

function djangoSupport(deps: DependencySet | undefined): DjangoSupport | undefined {
  const version = deps && djangoVersionFromDependencies(deps);
  const info = version && djangoSeries(version.major, version.minor);
  return version && info ? { version, info } : undefined;
}

function djangoPlace({ version }: DjangoSupport): string {
  const where = version.file ? `${version.file}:${version.line} ` : '';
  return `${where}${version.source === 'pin' ? 'pins' : 'allows'} Django ${version.major}.${version.minor}`;
}

function builtSeries(): string {
  return allPythonSeries().filter((s) => s.heroku_supported).map((s) => s.series).join(', ');
}
