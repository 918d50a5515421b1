/** What a rule reports, in the shape DESIGN.md's JSON contract fixes. */
export type Severity = 'error' | 'warning' | 'info';
export type Area = 'django' | 'codebase' | 'heroku' | 'live' | 'versions' | 'deploy' | 'migrations';

export interface Finding {
  rule: string;
  area: Area;
  severity: Severity;
  /** Which of the rule's messages this is (stable; see the rule's entry in docs/rules.md). */
  message_id?: string;
  message: string;
  hint?: string;
  /** Path relative to the project root, with forward slashes. */
  file?: string;
  line?: number;
  /** Where the value behind the finding came from: a literal, an environment variable, a call, an import. */
  source?: string;
  docs?: string;
  /**
   * Only on a summary finding: it stands for this many more findings of the same rule, message ID,
   * severity and file, past the first REPEAT_CAP (src/core/repeat-cap.ts), which the report leaves out.
   */
  more?: MoreLikeThis;
}

/** How many findings a summary finding stands for, and the lines they are on. */
export interface MoreLikeThis {
  count: number;
  first_line?: number;
  last_line?: number;
}

/** A rule that could not run, and why (no app given, a fact that could not be fetched…). */
export interface Skipped {
  rule: string;
  reason: string;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function atOrAbove(severity: Severity, level: Severity): boolean {
  return RANK[severity] >= RANK[level];
}

export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}

export function isSeverity(s: string): s is Severity {
  return s in RANK;
}
