import type { Report, Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import { daysUntil } from '../dates.js';
import type { VersionsFacts } from '../versions-facts.js';

/** Django and Python publish new dates about twice a year; older data can miss an announced end of life. */
const STALE_AFTER_DAYS = 180;

/** End-of-life verdicts are only as current as the dated data implanta ships. */
export const dataAgeRule: Rule<VersionsFacts> = defineRule({
  id: 'versions.data-age',
  area: 'versions',
  severity: 'warning',
  title: "implanta's end-of-life data is recent",
  docs: 'https://endoflife.date/django',
  explain: {
    checks: "Whether implanta's own dated data (Django, Python and stack end-of-life dates) is more than a year old.",
    why: "Stale data can call a series supported after its end.",
    example: "lifecycle data as of a date more than a year ago",
    fix: "Update implanta.",
  },
  messages: { 'stale': "implanta's dated data is more than a year old" },
  check(facts: VersionsFacts) {
    const dated = [{ what: 'Django and Python lifecycle data', asOf: facts.lifecycle.asOf }];
    if (facts.stack) dated.push({ what: 'Heroku stack data', asOf: facts.stack.asOf });
    return dated.flatMap(({ what, asOf }): Report[] => {
      const age = -daysUntil(facts.today, asOf);
      if (age <= STALE_AFTER_DAYS) return [];
      return [{
        messageId: 'stale', message: `implanta's ${what} is as of ${asOf} (${age} days ago): end-of-life verdicts may be stale.`,
        hint: 'Update implanta (npm install -g implanta@latest) for current dates.',
      }];
    });
  },
});
