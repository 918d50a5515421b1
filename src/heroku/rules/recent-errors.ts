import { defineRule } from '../../core/define-rule.js';
import type { Rule } from '../../core/rule.js';
import type { HerokuFacts } from '../facts.js';
import { cli } from './app-queries.js';

/** Codes that are not failures: the maintenance page on purpose, a visitor who left. */
const NOT_FAILURES = new Set(['H80', 'H27', 'H28']);

/**
 * Production check point 7, the other half: logs kept are only worth something when someone reads them.
 * What the last minutes of the router and dyno log show (H-codes, the 5xx rate, R14/R15, crashes) is
 * reported with its counts, so a failing page is seen before a visitor reports it.
 */
export const recentErrorsRule: Rule<HerokuFacts> = defineRule({
  id: 'heroku.recent-errors',
  area: 'heroku',
  severity: 'warning',
  title: 'The router and dyno log of the last minutes shows no errors',
  docs: 'https://devcenter.heroku.com/articles/error-codes',
  explain: {
    checks: 'The last 15 minutes of the platform log (a log session, as `heroku logs --source heroku` reads it): router error codes (H10, H12…), 5xx answers, memory errors (R14, R15) and crashes.',
    why: 'Heroku answers a failing request with an error page and writes the reason only to the log: a release that fails on one page, or a dyno that swaps, goes unseen until a visitor complains.',
    example: 'heroku[router]: at=error code=H12 desc="Request timeout" … status=503',
    fix: 'implanta logs -a APP --num 1500 --summary says what each code means and how to fix it; fix the cause, or roll back with implanta rollback -a APP.',
  },
  messages: { 'recent-errors': 'the recent router or dyno log shows errors' },
  check(facts: HerokuFacts) {
    const recent = facts.recentLog;
    if (!recent) return { skip: 'the app\'s log was not read' };
    if ('unavailable' in recent) return { skip: recent.unavailable };
    const s = recent.summary;
    const codes = Object.entries(s.codes).filter(([code]) => !NOT_FAILURES.has(code));
    const dyno = Object.entries(s.dyno_errors);
    const failed = s.status['5xx'] ?? 0;
    const maintenance = s.codes['H80'] ?? 0;
    const errors = failed - maintenance;
    if (codes.length === 0 && dyno.length === 0 && errors <= 0 && s.crashes === 0) return [];
    const parts = [
      ...(s.requests > 0 ? [`${errors} of ${s.requests} requests failed (${((100 * errors) / s.requests).toFixed(1)}% 5xx)`] : []),
      ...codes.map(([code, n]) => `${code} × ${n}`),
      ...dyno.map(([code, n]) => `${code} × ${n}`),
      ...(s.crashes > 0 ? [`${s.crashes} crash${s.crashes === 1 ? '' : 'es'}`] : []),
    ];
    return [{
      messageId: 'recent-errors',
      message: `The last ${recent.minutes} minutes of the platform log show errors: ${parts.join(', ')}.`,
      hint: `implanta logs -a ${facts.appName} --num 1500 --summary (each code with its meaning and fix), or ${cli(facts, 'logs --tail')}`,
    }];
  },
});
