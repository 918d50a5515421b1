import type { Area, Severity } from './finding.js';

/**
 * A rule is a small module like an ESLint rule: metadata plus a pure `check` over facts the engine
 * gathered beforehand. Rules never do I/O.
 */
export interface RuleMeta {
  /** Django's own ID for Django-derived rules (`security.W004`), else `codebase.*`, `heroku.*`, … */
  id: string;
  area: Area;
  /** Default severity; a report may override it (a deprecated stack warns, an ended one errors). */
  severity: Severity;
  title: string;
  docs: string;
}

export interface Report {
  message: string;
  severity?: Severity;
  hint?: string;
  file?: string;
  line?: number;
  /** Only for rules that report under several IDs (a family module); defaults to meta.id. */
  rule?: string;
}

/** Returned instead of reports when the rule cannot judge (a missing fact, not applicable). */
export interface Skip {
  skip: string;
}

export type RuleResult = Report[] | Skip;

export interface Rule<Facts> {
  meta: RuleMeta;
  check(facts: Facts): RuleResult;
}

export function isSkip(r: RuleResult): r is Skip {
  return !Array.isArray(r);
}
