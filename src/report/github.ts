import type { Severity } from '../core/finding.js';
import type { CheckReport } from './check-report.js';
import { workspacePath } from './workspace-path.js';

/** GitHub Actions has three annotation levels; an info finding is a notice, shown but never failing. */
const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`), so findings appear
 * inline on the pull request without code scanning. GitHub resolves `file` against the workspace
 * (the repository root), while findings are relative to the project folder, which may be a
 * sub-folder of the repository: `workspace` re-roots them.
 */
export function formatGithub(report: CheckReport, workspace: string = process.env.GITHUB_WORKSPACE ?? process.cwd()): string {
  const lines = report.findings.map((f) => {
    const props = [
      f.file !== undefined && `file=${property(workspacePath(report.project.root, f.file, workspace))}`,
      f.file !== undefined && f.line !== undefined && `line=${f.line}`,
      `title=${property(`implanta ${f.rule}`)}`,
    ].filter(Boolean);
    const body = [f.message, f.hint && `Hint: ${f.hint}`, f.docs && `Docs: ${f.docs}`].filter(Boolean).join('\n');
    return `::${COMMAND[f.severity]} ${props.join(',')}::${data(body)}`;
  });
  const c = report.counts;
  lines.push(report.findings.length === 0 ? 'implanta check: no problems found.' : `implanta check: ${c.error} error(s), ${c.warning} warning(s), ${c.info} info.`);
  return lines.join('\n') + '\n';
}

// The escapes GitHub's runner undoes (actions/toolkit, command.ts): a message may not break the line,
// and a property value may not close its own key=value list.
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
