import type { Area, Severity } from './finding.js';

/**
 * A rule is a small module like an ESLint rule: metadata plus a pure `check` over facts the engine
 * gathered beforehand. Rules never do I/O. Write one with `defineRule` (src/core/define-rule.ts).
 */
export interface RuleMeta {
  /** Django's own ID for Django-derived rules (`security.W004`), else `codebase.*`, `heroku.*`, … */
  id: string;
  area: Area;
  /** Default severity; a report may override it (a deprecated stack warns, an ended one errors). */
  severity: Severity;
  title: string;
  /** The link a reader follows for the background: Django's checks reference, a Dev Center article… */
  docs: string;
  /** The catalogue entry (docs/rules.md, `implanta check --explain ID`). */
  explain: RuleExplain;
  /**
   * The rule's messages by stable ID, each with when it is chosen. Reports name one (`messageId`), so
   * tests check which message a rule chose rather than its prose, and the prose can be improved freely.
   */
  messages: Readonly<Record<string, string>>;
  /**
   * What the rule reads besides the settings' values, so the engine can skip it, and say so, when that
   * input is missing: `settings-reads` is the static reading of the settings (which variables they read,
   * which modules they import: absent when the settings module is past the parse cap and the values came
   * from Python); `project-code` is the models, views and URLconf (a file of them may be unreadable).
   */
  reads?: ReadonlyArray<RuleInput>;
}

export type RuleInput = 'settings-reads' | 'project-code';

/** What docs/rules.md says about a rule, written next to the rule so the two cannot drift apart. */
export interface RuleExplain {
  /** What the rule looks at and when it reports, in a sentence or two. */
  checks: string;
  /** What goes wrong in production when the rule's problem is there. */
  why: string;
  /** A short example the rule reports (a settings line, a Procfile, a requirements line…). */
  example: string;
  /** What to change; a command or a settings line where one does it. */
  fix: string;
}

export interface Report {
  /** One of the rule's `meta.messages` keys. */
  messageId: string;
  message: string;
  severity?: Severity;
  hint?: string;
  file?: string;
  line?: number;
  /** Only for rules that report under several IDs (a family module); defaults to meta.id. */
  rule?: string;
  /** Where the value behind the finding came from (literal, environment variable, call, import). */
  source?: string;
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
