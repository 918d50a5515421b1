import type { Formation } from '../../../src/heroku/schema-extensions.js';
import { dynoTierRule } from '../../../src/heroku/rules/dyno-tier.js';
import { appWith } from '../../fixtures/heroku/app-facts.js';
import { testRule } from '../../helpers/rule-tester.js';

const withWeb = (web: Formation) => appWith((f) => { f.formation = [web, { type: 'worker', quantity: 1, size: 'Eco' }]; });
const FIX = 'heroku ps:type web=standard-1x -a hollow';

testRule(dynoTierRule, {
  pass: [
    { name: 'Standard-1X', facts: withWeb({ type: 'web', quantity: 2, dyno_size: { name: 'Standard-1X' } }) },
    { name: 'PERFORMANCE-L in capitals', facts: withWeb({ type: 'web', quantity: 2, dyno_size: { name: 'PERFORMANCE-L' } }) },
    { name: 'Private-M', facts: withWeb({ type: 'web', quantity: 2, dyno_size: { name: 'Private-M' } }) },
    { name: 'Shield-L', facts: withWeb({ type: 'web', quantity: 2, dyno_size: { name: 'Shield-L' } }) },
    { name: 'a Fir size', facts: withWeb({ type: 'web', quantity: 2, dyno_size: { name: 'dyno-2c-4gb' } }) },
    { name: 'only the deprecated size field', facts: withWeb({ type: 'web', quantity: 2, size: 'standard-2x' }) },
  ],
  fail: [
    { name: 'Eco', facts: withWeb({ type: 'web', quantity: 1, dyno_size: { name: 'Eco' } }), reports: [{ messageId: 'not-professional', severity: 'error', mentions: [FIX] }] },
    { name: 'legacy Free', facts: withWeb({ type: 'web', quantity: 1, size: 'Free' }), reports: [{ messageId: 'not-professional', severity: 'error', mentions: [FIX] }] },
    { name: 'Basic', facts: withWeb({ type: 'web', quantity: 1, dyno_size: { name: 'Basic' } }), reports: [{ messageId: 'not-professional', severity: 'warning', mentions: [FIX] }] },
    { name: 'legacy Hobby', facts: withWeb({ type: 'web', quantity: 1, size: 'Hobby' }), reports: [{ messageId: 'not-professional', severity: 'warning', mentions: [FIX] }] },
    { name: 'dyno_size wins over a stale size', facts: withWeb({ type: 'web', quantity: 1, size: 'Standard-1X', dyno_size: { name: 'Basic' } }), reports: [{ messageId: 'not-professional', severity: 'warning' }] },
    { name: 'an unknown size', facts: withWeb({ type: 'web', quantity: 1, dyno_size: { name: 'Quantum-9X' } }), reports: [{ messageId: 'unknown-size', severity: 'warning', mentions: ['Quantum-9X', FIX] }] },
  ],
  skip: [{ name: 'an app without a web process', facts: appWith((f) => { f.formation = [{ type: 'worker', quantity: 1, size: 'Eco' }]; }), reason: /no web process/ }],
});
