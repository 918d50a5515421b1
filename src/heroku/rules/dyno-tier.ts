import type { Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import type { HerokuFacts } from '../facts.js';
import { dynoSizeData } from '../platform-data.js';
import { cli, formationSizeName, webDynoSize, webFormation } from './app-queries.js';

/** Production check point 2: web dynos on a professional tier (standard, performance, private, shield). */
export const dynoTierRule: Rule<HerokuFacts> = defineRule({
  id: 'heroku.dyno-tier',
  area: 'heroku',
  severity: 'warning',
  title: 'Web dynos are on a professional tier',
  docs: 'https://devcenter.heroku.com/articles/dyno-types',
  explain: {
    checks: "Whether web dynos run on a professional size (Standard, Performance, Private, Shield).",
    why: "Eco dynos sleep; eco and basic cannot scale past one dyno, and have no preboot and no threshold alerting.",
    example: "heroku ps:type web=basic",
    fix: "heroku ps:type web=standard-1x",
  },
  messages: { 'unknown-size': "a dyno size implanta does not know", 'not-professional': "web dynos are eco or basic" },
  check(facts: HerokuFacts) {
    const web = webFormation(facts);
    if (!web) return { skip: 'the app has no web process in its formation' };
    const sizeName = formationSizeName(web);
    if (!sizeName) return { skip: 'the Platform API returned no size for the web dynos' };
    const hint = cli(facts, 'ps:type web=standard-1x');
    const size = webDynoSize(facts);
    if (!size) {
      return [{ messageId: 'unknown-size', message: `Web dynos run on ${sizeName}, a size implanta does not know (its data is as of ${dynoSizeData().as_of}).`, hint }];
    }
    if (size.professional) return [];
    return [{
      // Sleeping dynos make the site unavailable; basic ones only lack scaling, preboot and metrics.
      severity: size.sleeps ? 'error' : 'warning',
      messageId: 'not-professional', message:
        `Web dynos run on ${sizeName}: ${size.sleeps ? 'they sleep when idle and ' : ''}` +
        'they cannot scale past one dyno per process, have no preboot and no threshold alerting.',
      hint,
    }];
  },
});
