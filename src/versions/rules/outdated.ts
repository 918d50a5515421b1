import type { Rule } from '../../core/rule.js';
import { compareVersions } from '../pep440.js';
import { upgradePackage } from '../upgrade-hints.js';
import type { VersionsFacts } from '../versions-facts.js';

/**
 * The guide's "keep Django current". A newer Django patch in the pinned series is a warning: Django's
 * patch releases carry only security and data-loss fixes, so staying behind has no upside.
 */
export const outdatedRule: Rule<VersionsFacts> = {
  meta: {
    id: 'versions.outdated',
    area: 'versions',
    severity: 'info',
    title: 'Pinned dependencies are at their newest release',
    docs: 'https://docs.djangoproject.com/en/stable/howto/upgrade-version/',
  },
  check(facts) {
    if (facts.pypi.skipped) return { skip: facts.pypi.skipped };
    return facts.packages.flatMap((p) => {
      const { pinned, latest, latestInSeries } = p;
      if (!pinned || p.index !== 'found') return [];
      const where = p.pinnedBy ?? { file: p.requirement.file, line: p.requirement.line };
      const name = p.requirement.rawName;
      if (p.requirement.name === 'django' && latestInSeries && compareVersions(latestInSeries, pinned) > 0) {
        return [{
          severity: 'warning' as const,
          message: `${name} ${pinned} is behind its own series: ${latestInSeries} has the security and data-loss fixes since.`,
          hint: `${upgradePackage(p.requirement.name, latestInSeries)} (a patch release: no new features, nothing to migrate).`,
          ...where,
        }];
      }
      if (!latest || compareVersions(latest, pinned) <= 0) return [];
      const step = latestInSeries && compareVersions(latestInSeries, pinned) > 0 ? latestInSeries : undefined;
      const also = step && step !== latest ? ` (${step} in the same series)` : '';
      return [{
        message: `${name} ${pinned}: ${latest} is out${also}.`,
        hint: step
          ? `${upgradePackage(p.requirement.name, step)} stays in the series.`
          : `${upgradePackage(p.requirement.name, latest)}; read its release notes first: it is a new series.`,
        ...where,
      }];
    });
  },
};
