import type { Report, Rule, RuleResult } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import { findStack } from '../../heroku/platform-data.js';
import { daysUntil } from '../dates.js';
import { upgradeStack } from '../upgrade-hints.js';
import type { VersionsFacts } from '../versions-facts.js';

/**
 * The guide's "built-in update": the platform's own. The one owner of stack support, for
 * `implanta versions -a` and `implanta check` alike: the app's stack, and the stack app.json asks for
 * (the one review apps and Heroku Button deploys get).
 */
export const stackRule: Rule<VersionsFacts> = defineRule({
  id: 'versions.stack',
  area: 'versions',
  severity: 'warning',
  title: "The app's Heroku stack is still supported",
  docs: 'https://devcenter.heroku.com/articles/stack',
  explain: {
    checks: "Whether the app's stack (with --app) and the stack app.json asks for are supported, deprecated or past end of life (dates from data/heroku/stacks.json).",
    why: "A stack past end of life gets no security updates and builds are refused.",
    example: "the app runs on heroku-20; or \"stack\": \"heroku-20\" in app.json",
    fix: "heroku stack:set heroku-24, then deploy; in app.json, \"stack\": \"heroku-24\" or no stack at all.",
  },
  messages: { 'unknown-stack': "a stack implanta does not know", 'end-of-life': "the stack is past end of life (error)", 'deprecated': "the stack is deprecated" },
  check(facts: VersionsFacts) {
    if (!facts.stack && !facts.manifestStack) return { skip: 'no app given (--app APP) and no stack in app.json' };
    const app = facts.stack ? appStack(facts) : [];
    // The same stack in app.json as on the app is one fact: the app's report says it.
    const manifest = facts.manifestStack && facts.manifestStack.name !== facts.stack?.name ? manifestStack(facts) : [];
    if (!Array.isArray(app)) return manifest.length > 0 ? manifest : app;
    return [...app, ...manifest];
  },
});

function appStack(facts: VersionsFacts): RuleResult {
  const { name, info, defaultStack, asOf, buildStack, fir } = facts.stack!;
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
}

function manifestStack(facts: VersionsFacts): Report[] {
  const { name, info, defaultStack, file, line } = facts.manifestStack!;
  const at = { file, line, hint: `Set "stack": "${defaultStack}" in ${file}, or leave it out to get Heroku's default.` };
  if (!info) return [{ messageId: 'unknown-stack', message: `${file} asks for stack ${name}, which Heroku does not offer: apps made from it fail to create`, ...at }];
  if (info.status === 'container' || info.end_of_life === null) return [];
  const days = daysUntil(facts.today, info.end_of_life);
  if (days <= 0) return [{ severity: 'error', messageId: 'end-of-life', message: `${file} asks for ${name}, past end-of-life since ${info.end_of_life}: Heroku refuses to build apps made from it.`, ...at }];
  if (info.status === 'deprecated') return [{ messageId: 'deprecated', message: `${file} asks for ${name}, which is deprecated and reaches end-of-life on ${info.end_of_life} (in ${days} days).`, ...at }];
  return [];
}
