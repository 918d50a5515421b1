import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRules } from '../../../src/core/engine.js';
import { pythonEolRule } from '../../../src/versions/rules/python-eol.js';
import { djangoFacts, facts, pythonFacts } from '../helpers/facts.js';

const run = (f: ReturnType<typeof facts>) => runRules([pythonEolRule], f);

test('versions.python-eol passes a current Python that Heroku builds and Django supports', () => {
  for (const [python, django] of [['3.12', '5.2'], ['3.13.1', '5.2'], ['3.12', undefined]] as const) {
    const { findings, skipped } = run(facts({ python: pythonFacts(python), ...(django && { django: djangoFacts(django) }) }));
    assert.deepEqual(findings, [], python);
    assert.deepEqual(skipped, []);
  }
});

test('versions.python-eol: past end of life, not built by Heroku, not supported by Django, near end of life', () => {
  const cases: { python: string; django?: string; today?: string; expected: [string, string][] }[] = [
    { python: '3.9', django: '4.2', expected: [['error', 'Python 3.9 reached end of life on 2025-10-31: no more security fixes.']] },
    {
      python: '3.8.18', django: '5.2',
      expected: [
        ['error', 'Python 3.8 reached end of life on 2024-10-07: no more security fixes.'],
        ['error', "Heroku's Python buildpack no longer builds Python 3.8: the next deploy fails."],
        ['error', 'Django 5.2 does not support Python 3.8 (it supports 3.10, 3.11, 3.12, 3.13, 3.14).'],
      ],
    },
    { python: '3.14', django: '5.2', expected: [['error', "Heroku's Python buildpack no longer builds Python 3.14: the next deploy fails."]] },
    { python: '3.13', django: '4.2', expected: [['error', 'Django 4.2 does not support Python 3.13 (it supports 3.8, 3.9, 3.10, 3.11, 3.12).']] },
    { python: '3.11', expected: [['warning', 'Python 3.11 reaches end of life on 2027-04-30 (in 154 days).']] },
  ];
  for (const c of cases) {
    const { findings } = run(facts({ python: pythonFacts(c.python), ...(c.django && { django: djangoFacts(c.django) }) }));
    assert.deepEqual(findings.map((f) => [f.severity, f.message]), c.expected, c.python);
    assert.ok(findings.every((f) => f.file === '.python-version' && f.line === 1));
  }
});

test('versions.python-eol hints at the newest Python that Heroku builds, is not near its end and Django runs', () => {
  const hint = (django: string) => run(facts({ python: pythonFacts('3.9'), django: djangoFacts(django) })).findings[0]!.hint;
  assert.equal(hint('5.2'), 'implanta upgrade python --to 3.13, then run the tests on it before deploying.');
  assert.equal(hint('4.2'), 'implanta upgrade python --to 3.12, then run the tests on it before deploying.');
});

test('versions.python-eol skips without a declaration or with a malformed one', () => {
  const reasons = [
    facts(),
    facts({ python: { declared: { version: 'python3.12', file: 'runtime.txt', line: 1 } } }),
  ].map((f) => run(f).skipped[0]?.reason);
  assert.deepEqual(reasons, [
    'no .python-version, runtime.txt or Pipfile.lock Python version: Heroku builds with its default Python',
    'runtime.txt declares "python3.12", which is not a Python version',
  ]);
});

test('versions.python-eol: a series the data does not know is a warning, not a silent skip (it owns Python support)', () => {
  const { findings } = run(facts({ python: pythonFacts('3.99') }));
  assert.deepEqual(findings.map((f) => [f.message_id, f.severity]), [['unknown-series', 'warning']]);
});
