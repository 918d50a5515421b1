import { stackRule } from '../../../src/versions/rules/stack.js';
import type { StackInfo } from '../../../src/heroku/platform-data.js';
import { facts } from '../helpers/facts.js';
import { testRule } from '../../helpers/rule-tester.js';

const stack = (name: string, end_of_life: string | null, status: StackInfo['status']) => ({
  name,
  info: { name, base: 'Ubuntu', available_since: '2020', end_of_life, status },
  defaultStack: 'heroku-24',
  asOf: '2026-11-01',
});
const FIX = 'implanta upgrade stack --to heroku-24 -a APP';

testRule(stackRule, {
  pass: [{ name: 'a supported stack', facts: facts({ stack: stack('heroku-24', '2029-04-30', 'supported') }) }],
  fail: [
    { name: 'past end of life', facts: facts({ stack: stack('heroku-20', '2025-04-30', 'end-of-life') }), reports: [{ messageId: 'end-of-life', severity: 'error', mentions: ['heroku-20', '2025-04-30', FIX] }] },
    // The data says supported, but the date has passed: the date wins.
    { name: 'supported in the data, but the date has passed', facts: facts({ stack: stack('heroku-22', '2026-04-30', 'supported') }), reports: [{ messageId: 'end-of-life', severity: 'error', mentions: ['heroku-22', '2026-04-30', FIX] }] },
    { name: 'deprecated', facts: facts({ stack: stack('heroku-22', '2027-04-30', 'deprecated') }), reports: [{ messageId: 'deprecated', severity: 'warning', mentions: ['heroku-22', '2027-04-30', '154 days', FIX] }] },
    { name: 'a stack implanta does not know', facts: facts({ stack: { name: 'cedar-14', defaultStack: 'heroku-24', asOf: '2026-11-01' } }), reports: [{ messageId: 'unknown-stack', severity: 'warning', mentions: ['cedar-14', '2026-11-01', FIX] }] },
  ],
  skip: [
    { name: 'no app', facts: facts(), reason: /^no app given \(--app APP\)$/ },
    { name: 'the container stack', facts: facts({ stack: stack('container', null, 'container') }), reason: /Docker image/ },
  ],
});
