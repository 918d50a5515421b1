import { compareSeverity, type Finding, type Skipped } from './finding.js';
import { capRepeats } from './repeat-cap.js';
import { isSkip, type Rule } from './rule.js';

export interface RuleRun {
  findings: Finding[];
  skipped: Skipped[];
}

/**
 * Runs pure rules over facts gathered beforehand. A rule that throws is a bug in implanta, not in the
 * user's project: it is reported as an error finding naming the rule, so one broken rule never hides
 * the others. Past REPEAT_CAP findings of one kind from a rule, the rest are summed up in one finding
 * (src/core/repeat-cap.ts), so every rule is capped the same way.
 */
export function runRules<Facts>(rules: readonly Rule<Facts>[], facts: Facts): RuleRun {
  const findings: Finding[] = [];
  const skipped: Skipped[] = [];
  for (const rule of rules) {
    const { meta } = rule;
    let result;
    try {
      result = rule.check(facts);
    } catch (error) {
      findings.push({
        rule: meta.id,
        area: meta.area,
        severity: 'error',
        message_id: 'implanta-bug',
        message: `implanta's rule ${meta.id} failed: ${(error as Error).message}`,
        hint: 'This is a bug in implanta; please report it with the project layout that triggers it.',
      });
      continue;
    }
    if (isSkip(result)) {
      skipped.push({ rule: meta.id, reason: result.skip });
      continue;
    }
    const own: Finding[] = [];
    for (const report of result) {
      own.push({
        rule: report.rule ?? meta.id,
        area: meta.area,
        severity: report.severity ?? meta.severity,
        message_id: report.messageId,
        message: report.message,
        ...(report.hint !== undefined && { hint: report.hint }),
        ...(report.file !== undefined && { file: report.file }),
        ...(report.line !== undefined && { line: report.line }),
        ...(report.source !== undefined && { source: report.source }),
        docs: meta.docs,
      });
    }
    // A loop, not push(...): a rule may report more findings than a call takes arguments.
    for (const f of capRepeats(own, (f) => (f.message_id === undefined ? undefined : meta.messages[f.message_id]))) findings.push(f);
  }
  return { findings, skipped };
}

/**
 * Drops findings whose ID is in SILENCED_SYSTEM_CHECKS, as Django does: the list names Django IDs, and
 * implanta's own IDs can be silenced the same way.
 */
export function silence(findings: Finding[], silenced: ReadonlySet<string>): Finding[] {
  return silenced.size === 0 ? findings : findings.filter((f) => !silenced.has(f.rule));
}

/** Severity first, then file and line, so the worst problems lead and related ones sit together. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareSeverity(a.severity, b.severity) ||
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareText(a.rule, b.rule),
  );
}

/** Every finding the rules reported: a summary finding counts as the findings it stands for. */
export function countBySeverity(findings: Finding[]): Record<'error' | 'warning' | 'info', number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += f.more?.count ?? 1;
  return counts;
}

/**
 * Plain code-unit order. `localeCompare` would load ICU's collator on first use, which alone costs
 * tens of milliseconds of a check's start-up.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
