import type { Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import type { HerokuFacts } from '../facts.js';
import { addonData } from '../platform-data.js';
import { addonService, cli, isFir } from './app-queries.js';

/**
 * Production check point 7: logs leave the platform (Heroku keeps only the last 1,500 lines), through a
 * log drain or a logging add-on. Drain URLs can carry credentials: they are never quoted.
 */
export const logMonitoringRule: Rule<HerokuFacts> = defineRule({
  id: 'heroku.log-monitoring',
  area: 'heroku',
  severity: 'warning',
  title: 'Logs are kept and monitored',
  docs: 'https://devcenter.heroku.com/articles/log-drains',
  explain: {
    checks: "Whether logs leave the platform: a log drain or a logging add-on.",
    why: "Heroku keeps only the last 1,500 log lines; a failure is gone from the logs minutes later.",
    example: "no log drains, no Papertrail or similar add-on",
    fix: "heroku addons:create papertrail, or heroku drains:add URL.",
  },
  messages: { 'no-log-drain': "no log drain and no logging add-on" },
  check(facts: HerokuFacts) {
    if (facts.logDrains.length > 0) return [];
    const known = new Set(addonData().log_monitoring.map((a) => a.service));
    if (facts.addons.some((a) => known.has(addonService(a) ?? ''))) return [];
    if (isFir(facts)) {
      return { skip: 'Fir apps send logs through telemetry drains, which implanta does not read yet' };
    }
    return [{
      messageId: 'no-log-drain', message: 'No log drain and no logging add-on: the platform keeps only the last 1,500 log lines, so failures go unseen.',
      hint: `${cli(facts, 'drains:add https://LOG-SERVICE/URL')}, or a logging add-on: ${cli(facts, 'addons:create papertrail')}`,
    }];
  },
});
