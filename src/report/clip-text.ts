import type { CheckReport } from './check-report.js';

/** The most characters of one finding's message, hint or source a report prints. */
export const MAX_FINDING_TEXT = 1_000;

/**
 * Cuts a finding's text past MAX_FINDING_TEXT, saying how much was left out. Rules quote the line they
 * judge, and a hostile file can hold a line of a megabyte: one Procfile line of 200,000 characters gave
 * a 600 KB message. Applied to the report after the redactor masked it, never before: a cut made first
 * could split a secret and leave the part before the cut unmasked.
 */
export function clipFindingText<R extends Pick<CheckReport, 'findings'>>(report: R): R {
  if (!report.findings.some((f) => tooLong(f.message) || tooLong(f.hint) || tooLong(f.source))) return report;
  return {
    ...report,
    findings: report.findings.map((f) => ({
      ...f,
      message: clip(f.message),
      ...(f.hint !== undefined && { hint: clip(f.hint) }),
      ...(f.source !== undefined && { source: clip(f.source) }),
    })),
  };
}

function tooLong(text: string | undefined): boolean {
  return text !== undefined && text.length > MAX_FINDING_TEXT;
}

function clip(text: string): string {
  if (!tooLong(text)) return text;
  return `${text.slice(0, MAX_FINDING_TEXT)}… [${text.length - MAX_FINDING_TEXT} more characters]`;
}
