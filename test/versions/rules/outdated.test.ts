import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRules } from '../../../src/core/engine.js';
import { outdatedRule } from '../../../src/versions/rules/outdated.js';
import { facts, pkg, requirement } from '../helpers/facts.js';

const run = (f: ReturnType<typeof facts>) => runRules([outdatedRule], f);

test('versions.outdated passes pins at their newest release, unpinned and unknown packages', () => {
  const { findings } = run(
    facts({
      packages: [
        pkg(requirement('Django', '==5.2.8'), { latest: '5.2.8', latestInSeries: '5.2.8' }),
        pkg(requirement('requests', '>=2'), { latest: '2.32.3' }),
        pkg(requirement('our-lib', '==1.0'), { index: 'not-found' }),
        pkg(requirement('gunicorn', '==23.0.0'), { index: { skipped: 'PyPI answered … with HTTP 500' } }),
      ],
    }),
  );
  assert.deepEqual(findings, []);
});

test('versions.outdated: a newer Django patch in the series warns; any other newer release informs', () => {
  const cases: { name: string; pin: string; latest: string; inSeries: string; expected: [string, string, string] }[] = [
    {
      name: 'Django', pin: '4.2.7', latest: '5.2.8', inSeries: '4.2.26',
      expected: ['warning', 'Django 4.2.7 is behind its own series: 4.2.26 has the security and data-loss fixes since.', 'implanta upgrade django --to 4.2.26 (a patch release: no new features, nothing to migrate).'],
    },
    {
      name: 'Django', pin: '4.2.26', latest: '5.2.8', inSeries: '4.2.26',
      expected: ['info', 'Django 4.2.26: 5.2.8 is out.', 'implanta upgrade django --to 5.2.8; read its release notes first: it is a new series.'],
    },
    {
      name: 'requests', pin: '2.31.0', latest: '3.0.1', inSeries: '2.32.3',
      expected: ['info', 'requests 2.31.0: 3.0.1 is out (2.32.3 in the same series).', 'implanta upgrade requests --to 2.32.3 stays in the series.'],
    },
    {
      name: 'whitenoise', pin: '6.7.0', latest: '6.8.2', inSeries: '6.8.2',
      expected: ['info', 'whitenoise 6.7.0: 6.8.2 is out.', 'implanta upgrade whitenoise --to 6.8.2 stays in the series.'],
    },
  ];
  for (const c of cases) {
    const { findings } = run(facts({ packages: [pkg(requirement(c.name, `==${c.pin}`, { line: 4 }), { latest: c.latest, latestInSeries: c.inSeries })] }));
    assert.deepEqual(findings.map((f) => [f.severity, f.message, f.hint]), [c.expected], `${c.name} ${c.pin}`);
    assert.equal(findings[0]!.line, 4);
  }
});

test('versions.outdated skips with the reason when PyPI could not be reached', () => {
  const reason = 'PyPI not reachable at http://127.0.0.1:9/pypi/django/json: ECONNREFUSED';
  const { skipped } = run(facts({ pypi: { source: 'http://127.0.0.1:9', skipped: reason } }));
  assert.deepEqual(skipped, [{ rule: 'versions.outdated', reason }]);
});
