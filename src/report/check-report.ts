import type { Finding, Skipped } from '../core/finding.js';
import { countBySeverity, sortFindings } from '../core/engine.js';
import { toolVersion } from '../core/version.js';

/** The one object `implanta check --format json` prints (DESIGN.md's output contract). */
export interface CheckReport {
  tool: 'implanta';
  version: string;
  project: {
    root: string;
    settings_module: string | null;
    django: string | null;
    settings_source: 'static' | 'python';
    python?: string;
    app?: string;
    /** Variables every dyno has (DYNO, PORT, the Python buildpack's) that the given environment did not set, and were assumed. */
    assumed_environment?: Record<string, string>;
    /** Set when no Django pin was found: the version whose rules were applied, and why it was chosen. */
    django_assumed?: string;
  };
  findings: Finding[];
  skipped: Skipped[];
  counts: { error: number; warning: number; info: number };
}

export function buildCheckReport(project: CheckReport['project'], findings: Finding[], skipped: Skipped[]): CheckReport {
  const sorted = sortFindings(findings);
  return { tool: 'implanta', version: toolVersion(), project, findings: sorted, skipped, counts: countBySeverity(sorted) };
}
