import type { Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import type { HerokuFacts } from '../facts.js';
import { cli, featureEnabled, isFir, webDynoSize, webFormation } from './app-queries.js';

/** New web dynos take traffic before the old ones stop, so a deploy or restart has no gap. */
export const prebootRule: Rule<HerokuFacts> = defineRule({
  id: 'heroku.preboot',
  area: 'heroku',
  severity: 'warning',
  title: 'Preboot is on for seamless web deploys',
  docs: 'https://devcenter.heroku.com/articles/preboot',
  explain: {
    checks: "Whether preboot is on for the web process.",
    why: "Without it, a deploy or restart stops web dynos before the new ones answer, and requests fail meanwhile.",
    example: "heroku features shows preboot disabled",
    fix: "heroku features:enable preboot",
  },
  messages: { 'preboot-off': "preboot is off" },
  check(facts: HerokuFacts) {
    if (isFir(facts) || facts.app.space) {
      return { skip: 'apps in Private Spaces and on Fir replace dynos with rolling deploys; preboot does not apply' };
    }
    if (!webFormation(facts)) return { skip: 'the app has no web process in its formation' };
    const size = webDynoSize(facts);
    if (size && !size.professional) return { skip: 'preboot needs professional dynos (see heroku.dyno-tier)' };
    if (featureEnabled(facts, 'preboot')) return [];
    return [{
      messageId: 'preboot-off', message: 'Preboot is off: every deploy and restart stops the web dynos before new ones answer, and requests fail meanwhile.',
      hint: cli(facts, 'features:enable preboot'),
    }];
  },
});
