import { dataAgeRule } from '../../../src/versions/rules/data-age.js';
import { facts, TODAY } from '../helpers/facts.js';
import { testRule } from '../../helpers/rule-tester.js';

const lifecycle = (asOf: string) => ({ asOf, django: [], python: [] });

testRule(dataAgeRule, {
  pass: [
    { name: 'lifecycle data of today', facts: facts({ lifecycle: lifecycle('2026-11-27') }) },
    { name: 'lifecycle data 180 days old', facts: facts({ lifecycle: lifecycle('2026-05-31') }) },
  ],
  fail: [
    {
      name: 'the lifecycle and the stack data more than 180 days old: one warning each, with their dates',
      facts: facts({ today: TODAY, lifecycle: lifecycle('2026-05-29'), stack: { name: 'heroku-24', defaultStack: 'heroku-24', asOf: '2025-11-27' } }),
      reports: [
        { messageId: 'stale', severity: 'warning', mentions: ['Django and Python lifecycle data', '2026-05-29 (182 days ago)'] },
        { messageId: 'stale', severity: 'warning', mentions: ['Heroku stack data', '2025-11-27 (365 days ago)'] },
      ],
    },
  ],
});
