import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRules } from '../../src/core/engine.js';
import type { Finding, Severity } from '../../src/core/finding.js';
import type { Rule } from '../../src/core/rule.js';

/**
 * A report a case expects: its message ID, and any of its other fields worth pinning down. `mentions`
 * names data the report must carry (a host, a variable, a file:line), in its message or hint: the
 * values, never the wording around them. `conceals` names values it must never print (a secret).
 */
export type Expected =
  | string
  | { messageId: string; severity?: Severity; file?: string; line?: number; source?: string; rule?: string; mentions?: string[]; conceals?: string[] };

export interface RuleCases<Facts> {
  /** Facts on which the rule reports nothing. At least one, unless `noPassingCase` says why there is none. */
  pass: Array<{ name: string; facts: Facts }>;
  /** Why the rule reports on every input it judges (a status it always states, at some severity). */
  noPassingCase?: string;
  /** Facts on which the rule reports exactly these messages, in order. At least one. */
  fail: Array<{ name: string; facts: Facts; reports: Expected[] }>;
  /** Facts on which the rule cannot judge, with the reason it gives. */
  skip?: Array<{ name: string; facts: Facts; reason: RegExp }>;
}

/**
 * The one way to test a rule, for every family (like ESLint's RuleTester): passing cases, failing cases
 * checked by message ID (never by prose), skips; and every message the rule declares is exercised.
 * The rule runs through the engine, so a rule that throws fails its cases with the engine's bug report.
 */
export function testRule<Facts>(rule: Rule<Facts>, cases: RuleCases<Facts>): void {
  const id = rule.meta.id;
  describe(`${id} (rule tester)`, () => {
    assert.ok((cases.pass.length > 0 || cases.noPassingCase) && cases.fail.length > 0, `${id}: give at least one passing and one failing case`);
    for (const c of cases.pass) {
      it(`passes: ${c.name}`, () => {
        const { findings, skipped } = runRules([rule], c.facts);
        assert.deepEqual(findings.map(show), [], `${id} reported on a passing case`);
        assert.deepEqual(skipped, [], `${id} skipped a passing case`);
      });
    }
    for (const c of cases.fail) {
      it(`reports ${c.reports.map((e) => (typeof e === 'string' ? e : e.messageId)).join(', ')}: ${c.name}`, () => {
        const { findings, skipped } = runRules([rule], c.facts);
        assert.deepEqual(skipped, [], `${id} skipped a failing case`);
        assert.deepEqual(findings.map((f) => f.message_id), c.reports.map((e) => (typeof e === 'string' ? e : e.messageId)), findings.map(show).join('\n'));
        c.reports.forEach((e, i) => {
          if (typeof e === 'string') return;
          const { messageId: _, mentions = [], conceals = [], ...fields } = e;
          const f = findings[i]! as unknown as Record<string, unknown>;
          for (const [k, v] of Object.entries(fields)) assert.equal(f[k], v, `${id} report ${i}: ${k}`);
          const text = `${findings[i]!.message}\n${findings[i]!.hint ?? ''}`;
          for (const m of mentions) assert.ok(text.includes(m), `${id} report ${i} should name ${m}: ${text}`);
          for (const c of conceals) assert.ok(!text.includes(c), `${id} report ${i} prints a value it must not`);
        });
      });
    }
    for (const c of cases.skip ?? []) {
      it(`skips: ${c.name}`, () => {
        const { findings, skipped } = runRules([rule], c.facts);
        assert.deepEqual(findings.map(show), []);
        assert.equal(skipped.length, 1);
        assert.match(skipped[0]!.reason, c.reason);
      });
    }
    it('every message the rule declares is exercised by a failing case', () => {
      const used = new Set(cases.fail.flatMap((c) => c.reports.map((e) => (typeof e === 'string' ? e : e.messageId))));
      assert.deepEqual(Object.keys(rule.meta.messages).filter((m) => !used.has(m)), []);
    });
  });
}

function show(f: Finding): string {
  return `${f.rule}/${f.message_id} ${f.severity} ${f.file ?? ''}:${f.line ?? ''} ${f.message}`;
}
