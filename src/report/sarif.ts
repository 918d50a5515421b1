import type { Finding, Severity } from '../core/finding.js';
import type { CheckReport } from './check-report.js';
import { insideWorkspace, workspacePath } from './workspace-path.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 for GitHub code scanning. Code scanning drops results without a physical location, so a
 * finding about the platform (no file of its own) is placed on `fallbackFile` line 1: the settings
 * module, or manage.py. Under GitHub Actions (`workspace` given) paths are re-rooted at the checked-out
 * repository, so a project in a sub-folder is annotated at the right files.
 */
export function formatSarif(report: CheckReport, fallbackFile: string, workspace?: string): string {
  const root = insideWorkspace(report.project.root, workspace) ? workspace : report.project.root;
  const uri = (file: string) => workspacePath(report.project.root, file, workspace);
  const ruleIds = [...new Set(report.findings.map((f) => f.rule))].sort();
  const firstOf = new Map(ruleIds.map((id) => [id, report.findings.find((f) => f.rule === id)!]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'implanta',
            version: report.version,
            informationUri: 'https://github.com/implanta/implanta',
            rules: ruleIds.map((id) => sarifRule(firstOf.get(id)!)),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToUri(root) } },
        results: report.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: LEVEL[f.severity],
          message: { text: f.hint ? `${f.message}\nHint: ${f.hint}` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uri(f.file ?? fallbackFile), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line ?? 1 },
              },
            },
          ],
          // A summary finding (src/core/repeat-cap.ts): how many results it stands for, and where.
          ...(f.more && { properties: { more: f.more } }),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function sarifRule(example: Finding) {
  return {
    id: example.rule,
    name: example.rule.replace(/[^A-Za-z0-9]+/g, '_'),
    shortDescription: { text: `${example.area}: ${example.rule}` },
    ...(example.docs && { helpUri: example.docs, help: { text: example.hint ?? example.docs } }),
    defaultConfiguration: { level: LEVEL[example.severity] },
    properties: { tags: [example.area] },
  };
}

function pathToUri(path: string): string {
  return 'file://' + encodeURI(path.endsWith('/') ? path : path + '/');
}
