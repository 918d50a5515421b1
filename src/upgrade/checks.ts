import { runCheck } from '../check/run-check.js';
import { atOrAbove, type Finding } from '../core/finding.js';

export type Counts = { error: number; warning: number; info: number };

export interface CheckComparison {
  before: Counts;
  after: Counts;
  /** Warnings and errors the upgraded project has that it did not have before: what fails the upgrade. */
  introduced: Pick<Finding, 'rule' | 'severity' | 'message' | 'file' | 'line'>[];
}

export interface CheckSnapshot {
  counts: Counts;
  findings: Finding[];
}

/** `implanta check DIR` on the project as it is on disk, static (nothing of the project runs). */
export async function checkSnapshot(dir: string, envFile: string | undefined, today: Date | undefined): Promise<CheckSnapshot> {
  const { report, redactor } = await runCheck({
    dir,
    ...(envFile && { envFile }),
    env: {},
    settingsSource: 'static',
    runDjango: false,
    hosts: [],
    ...(today && { today }),
  });
  return { counts: report.counts, findings: redactor.redactDeep(report.findings) };
}

/**
 * Findings are compared by rule and file, not message: a message that names the old version is the
 * same problem after the upgrade, and a project's existing warnings are not the upgrade's fault.
 */
export function compareChecks(before: CheckSnapshot, after: CheckSnapshot): CheckComparison {
  const key = (f: Finding) => `${f.rule}\0${f.file ?? ''}`;
  const known = new Set(before.findings.map(key));
  const introduced = after.findings
    .filter((f) => atOrAbove(f.severity, 'warning') && !known.has(key(f)))
    .map(({ rule, severity, message, file, line }) => ({ rule, severity, message, ...(file !== undefined && { file }), ...(line !== undefined && { line }) }));
  return { before: before.counts, after: after.counts, introduced };
}
