import { InputError } from '../core/errors.js';
import type { DependencySet, DjangoVersion } from '../project/types.js';
import { djangoVersionFromDependencies } from '../project/django-version.js';
import { allDjangoSeries } from '../versions/lifecycle.js';

/**
 * The one Django version whose rules apply, for every family: `--django-version`, else the pin (or the
 * lowest a range allows: what the build installs is what production runs), else the installed one when
 * the settings were imported for real, else the newest series known — the rules a fresh
 * `pip install django` would bring.
 */
export function chooseDjangoVersion(flag: string | undefined, installed: string | undefined, deps: DependencySet | undefined): DjangoVersion {
  if (flag !== undefined) {
    const m = /^(\d+)\.(\d+)$/.exec(flag.trim());
    if (!m) throw new InputError(`--django-version ${flag}: expected MAJOR.MINOR, e.g. 5.2`);
    const known = allDjangoSeries();
    if (!known.some((s) => s.series === `${Number(m[1])}.${Number(m[2])}`)) {
      throw new InputError(`--django-version ${flag}: there is no Django ${Number(m[1])}.${Number(m[2])} (known series: ${known[0]!.series} to ${known.at(-1)!.series})`);
    }
    return { major: Number(m[1]), minor: Number(m[2]), source: 'flag' };
  }
  const pinned = deps && djangoVersionFromDependencies(deps);
  if (pinned) return pinned;
  if (installed !== undefined) {
    const [major, minor] = installed.split('.').map(Number);
    return { major: major!, minor: minor!, source: 'installed' };
  }
  const newest = allDjangoSeries().at(-1)!;
  const [major, minor] = newest.series.split('.').map(Number);
  return { major: major!, minor: minor!, source: 'assumed' };
}

export function versionLabel(v: DjangoVersion): string {
  return `${v.major}.${v.minor}`;
}
