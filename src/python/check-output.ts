import type { Severity } from '../core/finding.js';

/** One message of Django's system check framework, as `manage.py check` prints it. */
export interface CheckIssue {
  /** Django's ID, e.g. `security.W004`. */
  id: string;
  severity: Severity;
  /** What the check is about (`pages.Notice`, `pages.Notice.title`); absent for `?`, the whole project. */
  object?: string;
  message: string;
  hint?: string;
}

/** Django's section headers, in the order it prints them. CRITICAL and ERROR both stop a deploy. */
const SECTIONS: Record<string, Severity> = {
  CRITICALS: 'error',
  ERRORS: 'error',
  WARNINGS: 'warning',
  INFOS: 'info',
  DEBUGS: 'info',
};

const NO_ISSUES = /System check identified no issues/;
const HEADER = /^(?:SystemCheckError: )?System check identified some issues:$/;
const FOOTER = /^System check identified (\d+) issues? \(\d+ silenced\)\.$/;
// `<object>: (<id>) <message>`: Django's CheckMessage.__str__, object `?` when there is none.
const ISSUE = /^(\S.*?): \(([\w.]+\.[A-Z]\d+)\) (.*)$/;
const HINT = /^\tHINT: (.*)$/;

/**
 * Reads the report of `manage.py check` (Django 3.2 to 5.x print the same shape) from its combined
 * output. Returns undefined when the output holds no report, or one that does not add up (the count in
 * the footer differs from the issues read), so the caller never passes off half a report as complete.
 * Messages and hints may span lines; a continuation line joins the part it follows.
 */
export function parseCheckOutput(output: string): CheckIssue[] | undefined {
  const lines = output.split(/\r?\n/);
  const start = lines.findIndex((line) => HEADER.test(line.trim()));
  if (start < 0) return NO_ISSUES.test(output) ? [] : undefined;

  const issues: CheckIssue[] = [];
  let severity: Severity | undefined;
  let current: CheckIssue | undefined;
  let inHint = false;
  for (const line of lines.slice(start + 1)) {
    const footer = FOOTER.exec(line.trim());
    if (footer) return Number(footer[1]) === issues.length ? issues : undefined;
    const section = /^([A-Z]+):$/.exec(line);
    if (section && section[1] in SECTIONS) {
      severity = SECTIONS[section[1]];
      current = undefined;
      continue;
    }
    const issue = severity && ISSUE.exec(line);
    if (severity && issue) {
      current = { id: issue[2], severity, message: issue[3], ...(issue[1] !== '?' && { object: issue[1] }) };
      issues.push(current);
      inHint = false;
      continue;
    }
    const hint = HINT.exec(line);
    if (current && hint) {
      current.hint = hint[1];
      inHint = true;
    } else if (current && line.trim() !== '') {
      if (inHint) current.hint += `\n${line}`;
      else current.message += `\n${line}`;
    }
  }
  return undefined;
}
