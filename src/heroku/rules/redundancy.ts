import type { Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import type { HerokuFacts } from '../facts.js';
import { cli, webFormation } from './app-queries.js';

/** Production check point 3: at least two web dynos, so one failing dyno does not take the site down. */
export const redundancyRule: Rule<HerokuFacts> = defineRule({
  id: 'heroku.redundancy',
  area: 'heroku',
  severity: 'warning',
  title: 'At least two web dynos run',
  docs: 'https://devcenter.heroku.com/articles/production-check',
  explain: {
    checks: "Whether at least two web dynos run.",
    why: "With one, any dyno restart (at least daily) or failure takes the site down.",
    example: "heroku ps:scale web=1",
    fix: "heroku ps:scale web=2",
  },
  messages: { 'no-web-dynos': "web is scaled to 0 (error)", 'one-web-dyno': "only one web dyno runs" },
  check(facts: HerokuFacts) {
    const web = webFormation(facts);
    if (!web) return { skip: 'the app has no web process in its formation' };
    const quantity = web.quantity ?? 0;
    if (quantity >= 2) return [];
    return [{
      severity: quantity === 0 ? 'error' : 'warning',
      messageId: quantity === 0 ? 'no-web-dynos' : 'one-web-dyno', message:
        quantity === 0
          ? 'The web process is scaled to 0 dynos: the app serves nothing.'
          : 'Only 1 web dyno runs: a dyno restart or a failure takes the site down.',
      hint: cli(facts, 'ps:scale web=2'),
    }];
  },
});
