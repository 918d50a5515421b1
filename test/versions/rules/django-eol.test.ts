import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRules } from '../../../src/core/engine.js';
import { djangoEolRule } from '../../../src/versions/rules/django-eol.js';
import { djangoFacts, facts, pkg, requirement } from '../helpers/facts.js';

const run = (f: ReturnType<typeof facts>) => runRules([djangoEolRule], f);
/** The index knows these Django releases, so hints can name an exact version. */
const djangoReleases = pkg(requirement('Django', '==4.2.7'), { releases: ['4.2.7', '5.2.7', '5.2.8', '6.0.1', '6.1'] });

test('versions.django-eol by support phase: ended is an error, security-only a warning (an LTS far from its end: info), mainstream an info', () => {
  const cases: [string, string, string, string | undefined][] = [
    ['4.2', 'error', 'Django 4.2 LTS reached the end of security support on 2026-04-30: its vulnerabilities are no longer fixed.',
      'implanta upgrade django --to 5.2.8 (Django 5.2); follow https://docs.djangoproject.com/en/stable/howto/upgrade-version/ one feature release at a time.'],
    ['5.1', 'error', 'Django 5.1 reached the end of security support on 2025-12-31: its vulnerabilities are no longer fixed.',
      'implanta upgrade django --to 5.2.8 (Django 5.2); follow https://docs.djangoproject.com/en/stable/howto/upgrade-version/ one feature release at a time.'],
    ['5.2', 'info', 'Django 5.2 LTS is supported: security fixes until 2028-04-30 (520 days left).', undefined],
    ['6.0', 'warning', 'Django 6.0 left mainstream support on 2026-08-05; security fixes end on 2027-04-30 (154 days left).',
      'implanta upgrade django --to 6.1 (Django 6.1); follow https://docs.djangoproject.com/en/stable/howto/upgrade-version/ one feature release at a time.'],
    ['6.1', 'info', 'Django 6.1 is supported: mainstream until 2027-04-07, security fixes until 2027-12-31 (399 days left).', undefined],
  ];
  for (const [series, severity, message, hint] of cases) {
    const { findings } = run(facts({ packages: [djangoReleases], django: djangoFacts(series, { line: 7 }) }));
    assert.equal(findings.length, 1, series);
    assert.deepEqual([findings[0]!.severity, findings[0]!.message, findings[0]!.hint], [severity, message, hint], series);
    assert.equal(findings[0]!.line, 7);
  }
});

test('versions.django-eol names the series when the index is unavailable, and the newest supported when no LTS is', () => {
  const noIndex = run(facts({ django: djangoFacts('4.2') })).findings[0]!;
  assert.match(noIndex.hint!, /^implanta upgrade django --to 5\.2\.\* \(Django 5\.2\)/);
  // Two years on, only a hypothetical non-LTS series in the test data is still supported.
  const later = run(facts({ today: new Date('2030-06-01T00:00:00Z'), django: djangoFacts('5.2') })).findings[0]!;
  assert.equal(later.severity, 'error');
  assert.match(later.hint!, /Move to a supported Django series/);
});

test('versions.django-eol skips without Django or with a series the data does not know', () => {
  assert.deepEqual(run(facts()).skipped, [{ rule: 'versions.django-eol', reason: 'no Django found in the dependencies' }]);
  assert.deepEqual(run(facts({ django: djangoFacts('9.9') })).skipped, [
    { rule: 'versions.django-eol', reason: "Django 9.9 is not in implanta's lifecycle data (as of 2026-11-01)" },
  ]);
});

test('versions.django-eol says when the series is the oldest a range admits', () => {
  const django = djangoFacts('4.2')!;
  const { findings } = run(facts({ django: { ...django, version: { ...django.version, source: 'range' } } }));
  assert.match(findings[0]!.message, /^Django 4\.2 LTS \(the oldest series your range admits\) reached the end of security support/);
});
