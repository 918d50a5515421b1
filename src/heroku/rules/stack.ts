import type { Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import type { HerokuFacts } from '../facts.js';
import { findStack, stackData } from '../platform-data.js';
import { cli, days, daysUntil, isFir } from './app-queries.js';

/** Production check point 1: the app runs on a stack that still receives security updates. */
export const stackRule: Rule<HerokuFacts> = defineRule({
  id: 'heroku.stack',
  area: 'heroku',
  severity: 'warning',
  title: 'The app runs on a supported Heroku stack',
  docs: 'https://devcenter.heroku.com/articles/stack',
  explain: {
    checks: "Whether the app's stack is supported, deprecated or past end of life (dates from data/heroku/stacks.json).",
    why: "A stack past end of life gets no security updates and Heroku refuses to build on it.",
    example: "the app runs on heroku-20",
    fix: "heroku stack:set heroku-24, then deploy a new build.",
  },
  messages: { 'unknown-stack': "a stack implanta does not know", 'end-of-life': "the stack is past end of life (error)", 'deprecated': "the stack is deprecated" },
  check(facts: HerokuFacts) {
    if (isFir(facts)) {
      return { skip: 'Fir apps build with Cloud Native Buildpacks: their base image comes from the builder, not from a Heroku stack' };
    }
    const name = facts.app.stack?.name;
    if (!name) return { skip: 'the Platform API returned no stack for the app' };
    const stack = findStack(name);
    const target = stackData().default_stack;
    const hint = upgradeHint(facts, target);
    if (!stack) {
      return [{ messageId: 'unknown-stack', message: `The app runs on ${name}, a stack implanta does not know (its data is as of ${stackData().as_of}).`, hint }];
    }
    if (stack.status === 'container') {
      return { skip: 'the app deploys a Docker image (container stack): its base image is yours to keep current' };
    }
    if (stack.end_of_life !== null) {
      const left = daysUntil(facts.today, stack.end_of_life);
      if (left <= 0) {
        return [{
          severity: 'error',
          messageId: 'end-of-life', message: `The app runs on ${name}, which reached end-of-life on ${stack.end_of_life}: no security updates, and builds are refused.`,
          hint,
        }];
      }
      if (stack.status === 'deprecated') {
        return [{ messageId: 'deprecated', message: `The app runs on ${name}, which is deprecated and reaches end-of-life on ${stack.end_of_life} (in ${days(left)}).`, hint }];
      }
    }
    return [];
  },
});

/** After `stack:set` the running release keeps its stack until the next build: say which step is left. */
function upgradeHint(facts: HerokuFacts, target: string): string {
  const next = facts.app.build_stack?.name;
  const nextInfo = next ? findStack(next) : undefined;
  if (next && next !== facts.app.stack?.name && nextInfo?.status === 'supported') {
    return `The next build already uses ${next}: deploy a new build (git push heroku main) to move onto it.`;
  }
  return `${cli(facts, `stack:set ${target}`)}, then deploy a new build; see https://devcenter.heroku.com/articles/upgrading-to-the-latest-stack`;
}
