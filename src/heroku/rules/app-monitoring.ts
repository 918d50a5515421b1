import type { Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import type { HerokuFacts } from '../facts.js';
import { addonData } from '../platform-data.js';
import { addonService, cli } from './app-queries.js';

/**
 * Production check point 6: something watches the app and alerts on failure. An APM or error-tracking
 * add-on is visible through the Platform API; Heroku's own threshold alerting (Dashboard > Metrics) is
 * not, so its absence is reported as info, never as a failure implanta cannot verify.
 */
export const appMonitoringRule: Rule<HerokuFacts> = defineRule({
  id: 'heroku.app-monitoring',
  area: 'heroku',
  severity: 'info',
  title: 'The app is monitored',
  docs: 'https://devcenter.heroku.com/articles/metrics#threshold-alerting',
  explain: {
    checks: "Whether the app has an application-monitoring add-on (the production checklist's monitoring point).",
    why: "Without monitoring, slow requests and error spikes go unnoticed until users report them.",
    example: "no New Relic, Scout or similar add-on",
    fix: "heroku addons:create newrelic, or enable threshold alerting in the Dashboard (then silence this rule).",
  },
  messages: { 'no-monitoring': "no application-monitoring add-on (info)" },
  check(facts: HerokuFacts) {
    const known = new Set(addonData().app_monitoring.map((a) => a.service));
    if (facts.addons.some((a) => known.has(addonService(a) ?? ''))) return [];
    const examples = addonData().app_monitoring.slice(0, 3).map((a) => a.name).join(', ');
    return [{
      messageId: 'no-monitoring', message:
        `No application-monitoring add-on (${examples}, …) was found. Threshold alerting set up in the Dashboard ` +
        'cannot be seen through the Platform API: if you use it, silence this rule.',
      hint: `${cli(facts, 'addons:create newrelic')}, or enable threshold alerting under the app's Metrics tab.`,
    }];
  },
});
