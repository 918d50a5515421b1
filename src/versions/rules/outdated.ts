import type { Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import { compareVersions } from '../pep440.js';
import { upgradePackage } from '../upgrade-hints.js';
import type { VersionsFacts } from '../versions-facts.js';

/**
 * The guide's "keep Django current". A newer Django patch in the pinned series is a warning: Django's
 * patch releases carry only security and data-loss fixes, so staying behind has no upside.
 */
export const outdatedRule: Rule<VersionsFacts> = defineRule({
  id: 'versions.outdated',
  area: 'versions',
  severity: 'info',
  title: 'Pinned dependencies are at their newest release',
  docs: 'https://docs.djangoproject.com/en/stable/howto/upgrade-version/',
  explain: {
    checks: "Whether pinned packages are at their newest release, and Django at the newest of its series.",
    why: "Django patch releases carry security and data-loss fixes; falling behind other packages makes upgrades bigger.",
    example: "Django==5.2.1 when 5.2.8 is out",
    fix: "implanta upgrade django --to 5.2.8",
  },
  messages: { 'behind-series': "Django is behind its own series (warning)", 'newer-release': "a newer release is out (info)" },
  check(facts: VersionsFacts) {
    if (facts.pypi.skipped) return { skip: facts.pypi.skipped };
    return facts.packages.flatMap((p) => {
      const { pinned, latest, latestInSeries } = p;
      if (!pinned || p.index !== 'found') return [];
      const where = p.pinnedBy ?? { file: p.requirement.file, line: p.requirement.line };
      const name = p.requirement.rawName;
      if (p.requirement.name === 'django' && latestInSeries && compareVersions(latestInSeries, pinned) > 0) {
        return [{
          severity: 'warning' as const,
          messageId: 'behind-series', message: `${name} ${pinned} is behind its own series: ${latestInSeries} has the security and data-loss fixes since.`,
          hint: `${upgradePackage(p.requirement.name, latestInSeries)} (a patch release: no new features, nothing to migrate).`,
          ...where,
        }];
      }
      if (!latest || compareVersions(latest, pinned) <= 0) return [];
      const step = latestInSeries && compareVersions(latestInSeries, pinned) > 0 ? latestInSeries : undefined;
      const also = step && step !== latest ? ` (${step} in the same series)` : '';
      return [{
        messageId: 'newer-release', message: `${name} ${pinned}: ${latest} is out${also}.`,
        hint: step
          ? `${upgradePackage(p.requirement.name, step)} stays in the series.`
          : `${upgradePackage(p.requirement.name, latest)}; read its release notes first: it is a new series.`,
        ...where,
      }];
    });
  },
});
