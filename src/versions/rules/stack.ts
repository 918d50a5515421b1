import type { Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import { findStack } from '../../heroku/platform-data.js';
import { daysUntil } from '../dates.js';
import { upgradeStack } from '../upgrade-hints.js';
import type { VersionsFacts } from '../versions-facts.js';

/**
 * The guide's "built-in update": the platform's own. The one owner of stack support, for
 * `implanta versions -a` and `implanta check -a` alike.
 */
export const stackRule: Rule<VersionsFacts> = defineRule({
  id: 'versions.stack',
  area: 'versions',
  severity: 'warning',
  title: "The app's Heroku stack is still supported",
  docs: 'https://devcenter.heroku.com/articles/stack',
  explain: {
    checks: "Whether the app's stack is supported, deprecated or past end of life (dates from data/heroku/stacks.json); with --app, in `check` and `versions`.",
    why: "A stack past end of life gets no security updates and builds are refused.",
    example: "the app runs on heroku-20",
    fix: "heroku stack:set heroku-24, then deploy.",
  },
  messages: { 'unknown-stack': "a stack implanta does not know", 'end-of-life': "the stack is past end of life (error)", 'deprecated': "the stack is deprecated" },
  check(facts: VersionsFacts) {
    if (!facts.stack) return { skip: 'no app given (--app APP)' };
    const { name, info, defaultStack, asOf, buildStack, fir } = facts.stack;
    if (fir) return { skip: 'Fir apps build with Cloud Native Buildpacks: their base image comes from the builder, not from a Heroku stack' };
    const nextBuild = buildStack && buildStack !== name && findStack(buildStack)?.status === 'supported';
    // After stack:set the running release keeps its stack until the next build: say which step is left.
    const hint = nextBuild
      ? `The next build already uses ${buildStack}: deploy a new build (git push heroku main) to move onto it.`
      : `${upgradeStack(defaultStack)} (${defaultStack} is what new apps get).`;
    if (!info) return [{ messageId: 'unknown-stack', message: `The app runs on ${name}, a stack implanta does not know (its data is as of ${asOf}).`, hint }];
    if (info.status === 'container') return { skip: 'the app deploys a Docker image (container stack): its base image is yours to keep current' };
    if (info.end_of_life === null) return [];
    const days = daysUntil(facts.today, info.end_of_life);
    if (days <= 0) {
      return [{ severity: 'error', messageId: 'end-of-life', message: `The app runs on ${name}, which reached end-of-life on ${info.end_of_life}: no security updates, and builds are refused.`, hint }];
    }
    if (info.status === 'deprecated') {
      return [{ messageId: 'deprecated', message: `The app runs on ${name}, which is deprecated and reaches end-of-life on ${info.end_of_life} (in ${days} days).`, hint }];
    }
    return [];
  },
});
