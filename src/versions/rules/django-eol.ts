import type { Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import { daysUntil } from '../dates.js';
import { djangoTarget } from '../support.js';
import { upgradePackage } from '../upgrade-hints.js';
import type { VersionsFacts } from '../versions-facts.js';

/**
 * The guide's "keep Django current", judged by Django's own support policy: after mainstream support
 * a series gets security fixes only, after that nothing.
 */
/** How close the end of security support must be before an LTS series is worth a warning. */
const SOON_DAYS = 180;

export const djangoEolRule: Rule<VersionsFacts> = defineRule({
  id: 'versions.django-eol',
  area: 'versions',
  severity: 'error',
  title: "The project's Django series still receives security fixes",
  docs: 'https://www.djangoproject.com/download/#supported-versions',
  explain: {
    checks: "Whether the pinned Django series still receives security fixes, and how long for.",
    why: "An unsupported series gets no fixes for new vulnerabilities.",
    example: "Django==3.2.25",
    fix: "Move to a supported LTS: implanta upgrade django --to 5.2.",
  },
  messages: { 'end-of-life': "the Django series no longer gets security fixes (error)", 'supported-lts': "an LTS series with security fixes ahead (info)", 'ending': "mainstream support ended or security support ends soon (warning)", 'supported': "the series is supported (info)" },
  check(facts: VersionsFacts) {
    if (!facts.django) return { skip: 'no Django found in the dependencies' };
    const { version, series } = facts.django;
    const name = `Django ${version.major}.${version.minor}`;
    if (!series) return { skip: `${name} is not in implanta's lifecycle data (as of ${facts.lifecycle.asOf})` };
    const where = { ...(version.file && { file: version.file }), ...(version.line && { line: version.line }) };
    const securityDays = daysUntil(facts.today, series.security_end);
    // A range is judged by the oldest series it admits, as `implanta check` does: say so.
    const label = `${name}${series.lts ? ' LTS' : ''}${version.source === 'range' ? ' (the oldest series your range admits)' : ''}`;
    if (securityDays <= 0) {
      return [{ messageId: 'end-of-life', message: `${label} reached the end of security support on ${series.security_end}: its vulnerabilities are no longer fixed.`, hint: hint(facts), ...where }];
    }
    // An LTS series spends most of its life on security fixes only: that is its purpose, not a problem,
    // until the end comes near enough to plan the move.
    if (series.lts && securityDays > SOON_DAYS) {
      return [{
        severity: 'info',
        messageId: 'supported-lts', message: `${label} is supported: security fixes until ${series.security_end} (${securityDays} days left).`,
        ...where,
      }];
    }
    if (daysUntil(facts.today, series.mainstream_end) <= 0 || securityDays <= SOON_DAYS) {
      return [{
        severity: 'warning',
        messageId: 'ending', message: `${label} left mainstream support on ${series.mainstream_end}; security fixes end on ${series.security_end} (${securityDays} days left).`,
        hint: hint(facts),
        ...where,
      }];
    }
    return [{
      severity: 'info',
      messageId: 'supported', message: `${label} is supported: mainstream until ${series.mainstream_end}, security fixes until ${series.security_end} (${securityDays} days left).`,
      ...where,
    }];
  },
});

function hint(facts: VersionsFacts): string {
  const target = djangoTarget(facts);
  if (!target) return 'Move to a supported Django series: https://www.djangoproject.com/download/#supported-versions';
  return `${upgradePackage('django', target.version ?? `${target.series}.*`)} (Django ${target.series}); follow https://docs.djangoproject.com/en/stable/howto/upgrade-version/ one feature release at a time.`;
}
