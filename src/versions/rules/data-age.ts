import type { Report, Rule } from '../../core/rule.js';
import { daysUntil } from '../dates.js';
import type { VersionsFacts } from '../versions-facts.js';

/** Django and Python publish new dates about twice a year; older data can miss an announced end of life. */
const STALE_AFTER_DAYS = 180;

/** End-of-life verdicts are only as current as the dated data implanta ships. */
export const dataAgeRule: Rule<VersionsFacts> = {
  meta: {
    id: 'versions.data-age',
    area: 'versions',
    severity: 'warning',
    title: "implanta's end-of-life data is recent",
    docs: 'https://endoflife.date/django',
  },
  check(facts) {
    const dated = [{ what: 'Django and Python lifecycle data', asOf: facts.lifecycle.asOf }];
    if (facts.stack) dated.push({ what: 'Heroku stack data', asOf: facts.stack.asOf });
    return dated.flatMap(({ what, asOf }): Report[] => {
      const age = -daysUntil(facts.today, asOf);
      if (age <= STALE_AFTER_DAYS) return [];
      return [{
        message: `implanta's ${what} is as of ${asOf} (${age} days ago): end-of-life verdicts may be stale.`,
        hint: 'Update implanta (npm install -g implanta@latest) for current dates.',
      }];
    });
  },
};
