import { djangoEolRule } from '../../../src/versions/rules/django-eol.js';
import { djangoFacts, facts, pkg, requirement } from '../helpers/facts.js';
import { testRule } from '../../helpers/rule-tester.js';

/** The index knows these Django releases, so hints can name an exact version. */
const djangoReleases = pkg(requirement('Django', '==4.2.7'), { releases: ['4.2.7', '5.2.7', '5.2.8', '6.0.1', '6.1'] });
const onSeries = (series: string) => facts({ packages: [djangoReleases], django: djangoFacts(series, { line: 7 }) });
const UPGRADE_GUIDE = 'follow https://docs.djangoproject.com/en/stable/howto/upgrade-version/ one feature release at a time';
const oldest = djangoFacts('4.2')!;

// By support phase: ended is an error, security-only a warning (an LTS far from its end: info), mainstream an info.
testRule(djangoEolRule, {
  pass: [],
  noPassingCase: 'it states the support phase of every Django series it knows, a supported one as info',
  fail: [
    {
      name: '4.2 LTS past its end: the newest LTS release to move to',
      facts: onSeries('4.2'),
      reports: [{ messageId: 'end-of-life', severity: 'error', line: 7, mentions: ['Django 4.2 LTS', '2026-04-30', 'implanta upgrade django --to 5.2.8 (Django 5.2)', UPGRADE_GUIDE] }],
    },
    { name: '5.1 past its end', facts: onSeries('5.1'), reports: [{ messageId: 'end-of-life', severity: 'error', line: 7, mentions: ['Django 5.1', '2025-12-31', 'implanta upgrade django --to 5.2.8 (Django 5.2)'] }] },
    { name: '5.2 LTS far from its end', facts: onSeries('5.2'), reports: [{ messageId: 'supported-lts', severity: 'info', line: 7, mentions: ['2028-04-30', '520 days left'] }] },
    { name: '6.0 out of mainstream support', facts: onSeries('6.0'), reports: [{ messageId: 'ending', severity: 'warning', line: 7, mentions: ['2026-08-05', '2027-04-30 (154 days left)', 'implanta upgrade django --to 6.1 (Django 6.1)'] }] },
    { name: '6.1 in mainstream support', facts: onSeries('6.1'), reports: [{ messageId: 'supported', severity: 'info', line: 7, mentions: ['2027-04-07', '2027-12-31 (399 days left)'] }] },
    { name: 'the index unavailable: the hint names the series', facts: facts({ django: djangoFacts('4.2') }), reports: [{ messageId: 'end-of-life', mentions: ['implanta upgrade django --to 5.2.* (Django 5.2)'] }] },
    // Two years on, only a hypothetical non-LTS series in the test data is still supported.
    { name: 'no LTS supported any more: the newest supported series', facts: facts({ today: new Date('2030-06-01T00:00:00Z'), django: djangoFacts('5.2') }), reports: [{ messageId: 'end-of-life', severity: 'error', mentions: ['Move to a supported Django series'] }] },
    {
      name: 'the series is the oldest a range admits, and the report says so',
      facts: facts({ django: { ...oldest, version: { ...oldest.version, source: 'range' } } }),
      reports: [{ messageId: 'end-of-life', mentions: ['Django 4.2 LTS (the oldest series your range admits)'] }],
    },
  ],
  skip: [
    { name: 'no Django', facts: facts(), reason: /^no Django found in the dependencies$/ },
    { name: 'a series the data does not know', facts: facts({ django: djangoFacts('9.9') }), reason: /^Django 9\.9 is not in implanta's lifecycle data \(as of 2026-11-01\)$/ },
  ],
});
