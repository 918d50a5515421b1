import { redundancyRule } from '../../../src/heroku/rules/redundancy.js';
import { appWith } from '../../fixtures/heroku/app-facts.js';
import { testRule } from '../../helpers/rule-tester.js';

const web = (quantity: number) => appWith((f) => { f.formation[0]!.quantity = quantity; });
const FIX = 'heroku ps:scale web=2 -a hollow';

testRule(redundancyRule, {
  pass: [
    { name: '2 web dynos', facts: web(2) },
    { name: '5 web dynos', facts: web(5) },
  ],
  fail: [
    { name: '0 web dynos', facts: web(0), reports: [{ messageId: 'no-web-dynos', severity: 'error', mentions: [FIX] }] },
    { name: '1 web dyno', facts: web(1), reports: [{ messageId: 'one-web-dyno', severity: 'warning', mentions: [FIX] }] },
    { name: 'only web dynos count: two workers and one web still fail', facts: appWith((f) => { f.formation = [{ type: 'web', quantity: 1 }, { type: 'worker', quantity: 2 }]; }), reports: ['one-web-dyno'] },
  ],
  skip: [{ name: 'an app without a web process', facts: appWith((f) => { f.formation = []; }), reason: /no web process/ }],
});
