import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRules, silence } from '../../src/core/engine.js';
import type { Rule } from '../../src/core/rule.js';
import { Redactor, secretParts } from '../../src/core/redact.js';

const rules: Rule<{ n: number }>[] = [
  { meta: { id: 'x.even', area: 'codebase', severity: 'warning', title: 'even', docs: 'https://d/even' }, check: ({ n }) => (n % 2 ? [{ message: 'odd', line: 3 }] : []) },
  { meta: { id: 'x.skip', area: 'heroku', severity: 'error', title: 'skip', docs: 'https://d/skip' }, check: () => ({ skip: 'no app given' }) },
  { meta: { id: 'x.boom', area: 'django', severity: 'info', title: 'boom', docs: 'https://d/boom' }, check: () => { throw new Error('kaput'); } },
];

test('engine fills area, default severity and docs, collects skips, and survives a broken rule', () => {
  const { findings, skipped } = runRules(rules, { n: 1 });
  assert.deepEqual(findings[0], { rule: 'x.even', area: 'codebase', severity: 'warning', message: 'odd', line: 3, docs: 'https://d/even' });
  assert.deepEqual(skipped, [{ rule: 'x.skip', reason: 'no app given' }]);
  assert.equal(findings[1]!.rule, 'x.boom');
  assert.equal(findings[1]!.severity, 'error');
  assert.equal(runRules(rules, { n: 2 }).findings.length, 1);
});

test('silence drops exactly the listed IDs', () => {
  const { findings } = runRules(rules, { n: 1 });
  assert.deepEqual(silence(findings, new Set(['x.even'])).map((f) => f.rule), ['x.boom']);
});

test('redactor masks secrets everywhere, including a database password inside a URL', () => {
  const url = 'postgres://u:s3cr3t-generated-pw@db.example.com:5432/app';
  const r = new Redactor(secretParts(url).concat(['canary-token-123', 'on']));
  assert.equal(r.redact(`x ${url} y canary-token-123`), 'x [redacted] y [redacted]');
  assert.equal(r.redact('postgres://u:s3cr3t-generated-pw@other/db'), 'postgres://u:[redacted]@other/db');
  // A short hand-made password is masked inside its URL only, so it cannot blank out ordinary words.
  const local = new Redactor(secretParts('postgres://implanta:implanta@127.0.0.1/db'));
  assert.equal(local.redact('implanta deploy: postgres://implanta:implanta@127.0.0.1/db'), 'implanta deploy: [redacted]');
  assert.equal(r.redact('turn it on'), 'turn it on');
  assert.deepEqual(r.redactDeep({ a: ['canary-token-123'] }), { a: ['[redacted]'] });
});
