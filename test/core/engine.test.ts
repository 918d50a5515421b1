import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRules, silence } from '../../src/core/engine.js';
import { defineRule } from '../../src/core/define-rule.js';
import type { Rule } from '../../src/core/rule.js';
import { Redactor, secretParts } from '../../src/core/redact.js';

const explain = { checks: 'c', why: 'w', example: 'e', fix: 'f' };
const base = (id: string) => ({ id, title: id, docs: `https://d/${id}`, explain, messages: { odd: 'n is odd' } });
const rules: Rule<{ n: number }>[] = [
  defineRule({ ...base('x.even'), area: 'codebase', severity: 'warning', check: ({ n }: { n: number }) => (n % 2 ? [{ messageId: 'odd', message: 'odd', line: 3 }] : []) }),
  defineRule({ ...base('x.skip'), area: 'heroku', severity: 'error', check: () => ({ skip: 'no app given' }) }),
  defineRule({ ...base('x.boom'), area: 'django', severity: 'info', check: () => { throw new Error('kaput'); } }),
];

test('engine fills area, default severity and docs, collects skips, and survives a broken rule', () => {
  const { findings, skipped } = runRules(rules, { n: 1 });
  assert.deepEqual(findings[0], { rule: 'x.even', area: 'codebase', severity: 'warning', message_id: 'odd', message: 'odd', line: 3, docs: 'https://d/x.even' });
  assert.deepEqual(skipped, [{ rule: 'x.skip', reason: 'no app given' }]);
  assert.equal(findings[1]!.rule, 'x.boom');
  assert.equal(findings[1]!.severity, 'error');
  assert.equal(runRules(rules, { n: 2 }).findings.length, 1);
});

test('a report naming a message ID the rule did not declare is an implanta bug, reported as an error naming the rule', () => {
  const typo = defineRule({ ...base('x.typo'), area: 'codebase', severity: 'warning', check: () => [{ messageId: 'od', message: 'odd' }] });
  const { findings } = runRules([typo], { n: 1 });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.severity, 'error');
  assert.equal(findings[0]!.message_id, 'implanta-bug');
  assert.match(findings[0]!.message, /x\.typo failed: reported undeclared message ID 'od'/);
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
