import { outdatedRule } from '../../../src/versions/rules/outdated.js';
import { facts, pkg, requirement } from '../helpers/facts.js';
import { testRule } from '../../helpers/rule-tester.js';

const pinned = (name: string, pin: string, latest: string, latestInSeries: string) => facts({ packages: [pkg(requirement(name, `==${pin}`, { line: 4 }), { latest, latestInSeries })] });

testRule(outdatedRule, {
  pass: [
    {
      name: 'pins at their newest release, unpinned and unknown packages',
      facts: facts({
        packages: [
          pkg(requirement('Django', '==5.2.8'), { latest: '5.2.8', latestInSeries: '5.2.8' }),
          pkg(requirement('requests', '>=2'), { latest: '2.32.3' }),
          pkg(requirement('our-lib', '==1.0'), { index: 'not-found' }),
          pkg(requirement('gunicorn', '==23.0.0'), { index: { skipped: 'PyPI answered … with HTTP 500' } }),
        ],
      }),
    },
  ],
  fail: [
    // A newer Django patch in the series warns; any other newer release informs.
    {
      name: 'Django behind its own series',
      facts: pinned('Django', '4.2.7', '5.2.8', '4.2.26'),
      reports: [{ messageId: 'behind-series', severity: 'warning', line: 4, mentions: ['Django 4.2.7', '4.2.26', 'implanta upgrade django --to 4.2.26'] }],
    },
    { name: 'Django at the end of its series, a new series out', facts: pinned('Django', '4.2.26', '5.2.8', '4.2.26'), reports: [{ messageId: 'newer-release', severity: 'info', line: 4, mentions: ['5.2.8', 'implanta upgrade django --to 5.2.8'] }] },
    { name: 'another package, with a release in its series', facts: pinned('requests', '2.31.0', '3.0.1', '2.32.3'), reports: [{ messageId: 'newer-release', severity: 'info', mentions: ['requests 2.31.0', '3.0.1', 'implanta upgrade requests --to 2.32.3'] }] },
    { name: 'another package, newest in its series', facts: pinned('whitenoise', '6.7.0', '6.8.2', '6.8.2'), reports: [{ messageId: 'newer-release', severity: 'info', mentions: ['whitenoise 6.7.0', 'implanta upgrade whitenoise --to 6.8.2'] }] },
  ],
  skip: [
    {
      name: 'PyPI could not be reached: the reason',
      facts: facts({ pypi: { source: 'http://127.0.0.1:9', skipped: 'PyPI not reachable at http://127.0.0.1:9/pypi/django/json: ECONNREFUSED' } }),
      reason: /^PyPI not reachable at http:\/\/127\.0\.0\.1:9\/pypi\/django\/json: ECONNREFUSED$/,
    },
  ],
});
