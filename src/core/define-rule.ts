import type { Area, Severity } from './finding.js';
import type { Rule, RuleExplain, RuleInput, RuleResult } from './rule.js';

export interface RuleSpec<Facts> {
  id: string;
  area: Area;
  severity: Severity;
  title: string;
  docs: string;
  explain: RuleExplain;
  /** Message ID -> when that message is chosen (listed in the catalogue). */
  messages: Record<string, string>;
  /** See RuleMeta.reads. */
  reads?: readonly RuleInput[];
  check(facts: Facts): RuleResult;
}

/**
 * The one way to write a rule, for every family: metadata the catalogue prints, messages with stable
 * IDs, and a pure check. A report naming an undeclared message ID is an implanta bug: it throws, and the
 * engine turns that into an error finding naming the rule (and the rule's tests fail).
 */
export function defineRule<Facts>(spec: RuleSpec<Facts>): Rule<Facts> {
  const { check, ...meta } = spec;
  const declared = new Set<string>(Object.keys(spec.messages));
  return {
    meta,
    check(facts): RuleResult {
      const result = check(facts);
      if (!Array.isArray(result)) return result;
      for (const r of result) {
        if (!declared.has(r.messageId)) throw new Error(`reported undeclared message ID '${r.messageId}'`);
      }
      return result;
    },
  };
}
