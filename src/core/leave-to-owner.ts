import type { Rule, RuleResult } from './rule.js';

/**
 * One fact, one finding: the rule's "cannot tell" reports at `places` are dropped, because what stopped
 * the evaluation there is a fact another rule owns and reports at the same place (an unset required
 * variable: codebase.required-env). Its other reports, and its skips, are kept.
 */
export function leavingCannotTellAt<Facts>(rule: Rule<Facts>, places: (facts: Facts) => readonly { file: string; line: number }[]): Rule<Facts> {
  return {
    meta: rule.meta,
    check(facts): RuleResult {
      const result = rule.check(facts);
      if (!Array.isArray(result)) return result;
      const at = places(facts);
      if (at.length === 0) return result;
      return result.filter((r) => !(r.messageId === 'cannot-tell' && at.some((p) => p.file === r.file && p.line === r.line)));
    },
  };
}
