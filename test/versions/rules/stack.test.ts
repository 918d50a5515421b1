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
/** The stack app.json asks for, on line 3 of it. */
const manifest = (name: string) => {
  const info = stack(name, null, 'supported').info;
  const known = { 'heroku-20': { ...info, end_of_life: '2025-04-30', status: 'end-of-life' as const }, 'heroku-22': { ...info, end_of_life: '2027-04-30', status: 'deprecated' as const }, 'heroku-24': { ...info, end_of_life: '2029-04-30' }, container: { ...info, status: 'container' as const } }[name];
  return { name, ...(known && { info: known }), defaultStack: 'heroku-24', file: 'app.json', line: 3 };
};
const MANIFEST_FIX = '"stack": "heroku-24" in app.json';

testRule(stackRule, {
  pass: [
    { name: 'a supported stack', facts: facts({ stack: stack('heroku-24', '2029-04-30', 'supported') }) },
    { name: 'app.json asks for a supported stack', facts: facts({ manifestStack: manifest('heroku-24') }) },
    { name: 'app.json asks for the container stack', facts: facts({ manifestStack: manifest('container') }) },
  ],
  fail: [
    { name: 'past end of life', facts: facts({ stack: stack('heroku-20', '2025-04-30', 'end-of-life') }), reports: [{ messageId: 'end-of-life', severity: 'error', mentions: ['heroku-20', '2025-04-30', FIX] }] },
    // The data says supported, but the date has passed: the date wins.
    { name: 'supported in the data, but the date has passed', facts: facts({ stack: stack('heroku-22', '2026-04-30', 'supported') }), reports: [{ messageId: 'end-of-life', severity: 'error', mentions: ['heroku-22', '2026-04-30', FIX] }] },
    { name: 'deprecated', facts: facts({ stack: stack('heroku-22', '2027-04-30', 'deprecated') }), reports: [{ messageId: 'deprecated', severity: 'warning', mentions: ['heroku-22', '2027-04-30', '154 days', FIX] }] },
    { name: 'a stack implanta does not know', facts: facts({ stack: { name: 'cedar-14', defaultStack: 'heroku-24', asOf: '2026-11-01' } }), reports: [{ messageId: 'unknown-stack', severity: 'warning', mentions: ['cedar-14', '2026-11-01', FIX] }] },
    // The stack apps made from app.json get (review apps, the Heroku Button), at its line.
    { name: 'app.json asks for a stack past end of life', facts: facts({ manifestStack: manifest('heroku-20') }), reports: [{ messageId: 'end-of-life', severity: 'error', file: 'app.json', line: 3, mentions: ['heroku-20', '2025-04-30', MANIFEST_FIX] }] },
    { name: 'app.json asks for a deprecated stack', facts: facts({ manifestStack: manifest('heroku-22') }), reports: [{ messageId: 'deprecated', severity: 'warning', file: 'app.json', line: 3, mentions: ['heroku-22', '2027-04-30'] }] },
    { name: 'app.json asks for a stack Heroku does not offer', facts: facts({ manifestStack: manifest('cedar-14-custom') }), reports: [{ messageId: 'unknown-stack', severity: 'warning', file: 'app.json', line: 3, mentions: ['cedar-14-custom', MANIFEST_FIX] }] },
    // One fact, one finding: the same retired stack on the app and in app.json is reported once, for the app.
    { name: 'the app and app.json on the same retired stack', facts: facts({ stack: stack('heroku-20', '2025-04-30', 'end-of-life'), manifestStack: manifest('heroku-20') }), reports: [{ messageId: 'end-of-life', mentions: ['The app runs on heroku-20'] }] },
    {
      name: 'a supported app and a retired stack in app.json',
      facts: facts({ stack: stack('heroku-24', '2029-04-30', 'supported'), manifestStack: manifest('heroku-20') }),
      reports: [{ messageId: 'end-of-life', file: 'app.json', line: 3 }],
    },
  ],
  skip: [
    { name: 'no app and no stack in app.json', facts: facts(), reason: /^no app given \(--app APP\) and no stack in app\.json$/ },
    { name: 'the container stack', facts: facts({ stack: stack('container', null, 'container') }), reason: /Docker image/ },
  ],
});
