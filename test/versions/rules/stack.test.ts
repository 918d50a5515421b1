import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRules } from '../../../src/core/engine.js';
import { stackRule } from '../../../src/versions/rules/stack.js';
import type { StackInfo } from '../../../src/heroku/platform-data.js';
import { facts } from '../helpers/facts.js';

const run = (f: ReturnType<typeof facts>) => runRules([stackRule], f);
const stack = (name: string, end_of_life: string | null, status: StackInfo['status']) => ({
  name,
  info: { name, base: 'Ubuntu', available_since: '2020', end_of_life, status },
  defaultStack: 'heroku-24',
  asOf: '2026-11-01',
});

test('versions.stack passes a supported stack', () => {
  assert.deepEqual(run(facts({ stack: stack('heroku-24', '2029-04-30', 'supported') })).findings, []);
});

test('versions.stack: past end of life is an error, deprecated a warning, unknown a warning', () => {
  const cases: [ReturnType<typeof facts>['stack'], string, string][] = [
    [stack('heroku-20', '2025-04-30', 'end-of-life'), 'error', 'The app runs on heroku-20, which reached end-of-life on 2025-04-30: no security updates, and builds are refused.'],
    // The data says supported, but the date has passed: the date wins.
    [stack('heroku-22', '2026-04-30', 'supported'), 'error', 'The app runs on heroku-22, which reached end-of-life on 2026-04-30: no security updates, and builds are refused.'],
    [stack('heroku-22', '2027-04-30', 'deprecated'), 'warning', 'The app runs on heroku-22, which is deprecated and reaches end-of-life on 2027-04-30 (in 154 days).'],
    [{ name: 'cedar-14', defaultStack: 'heroku-24', asOf: '2026-11-01' }, 'warning', 'The app runs on cedar-14, a stack implanta does not know (its data is as of 2026-11-01).'],
  ];
  for (const [s, severity, message] of cases) {
    const { findings } = run(facts({ stack: s }));
    assert.deepEqual(findings.map((f) => [f.severity, f.message, f.hint]), [[severity, message, 'implanta upgrade stack --to heroku-24 -a APP (heroku-24 is what new apps get).']]);
  }
});

test('versions.stack skips without an app, and for the container stack', () => {
  assert.deepEqual(run(facts()).skipped, [{ rule: 'versions.stack', reason: 'no app given (--app APP)' }]);
  assert.match(run(facts({ stack: stack('container', null, 'container') })).skipped[0]!.reason, /Docker image/);
});
