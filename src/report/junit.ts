import type { Area, Finding } from '../core/finding.js';
import type { CheckReport } from './check-report.js';

/**
 * JUnit XML for CI dashboards: one suite per area, one failing test case per error or warning, and
 * info findings as passing cases carrying their message, so the dashboard shows them without failing.
 */
export function formatJunit(report: CheckReport): string {
  const byArea = new Map<Area, Finding[]>();
  // Pushed, not copied per finding: a hostile project can give 20,000 findings.
  for (const f of report.findings) {
    const list = byArea.get(f.area);
    if (list) list.push(f);
    else byArea.set(f.area, [f]);
  }
  const failures = report.findings.filter((f) => f.severity !== 'info').length;
  const suites = [...byArea].map(([area, findings]) => {
    const suiteFailures = findings.filter((f) => f.severity !== 'info').length;
    const cases = findings.map((f) => {
      const where = f.file ? ` ${f.file}${f.line ? `:${f.line}` : ''}` : '';
      const name = attr(`${f.rule}${where}`);
      const body = [f.message, f.hint && `Hint: ${f.hint}`, f.docs && `Docs: ${f.docs}`].filter(Boolean).join('\n');
      return f.severity === 'info'
        ? `    <testcase classname="implanta.${area}" name="${name}"><system-out>${text(body)}</system-out></testcase>`
        : `    <testcase classname="implanta.${area}" name="${name}"><failure type="${f.severity}" message="${attr(f.message)}">${text(body)}</failure></testcase>`;
    });
    return `  <testsuite name="implanta.${area}" tests="${findings.length}" failures="${suiteFailures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const skipped = report.skipped.map(
    (s) => `    <testcase classname="implanta.skipped" name="${attr(s.rule)}"><skipped message="${attr(s.reason)}"/></testcase>`,
  );
  if (skipped.length) suites.push(`  <testsuite name="implanta.skipped" tests="${skipped.length}" failures="0" errors="0" skipped="${skipped.length}">\n${skipped.join('\n')}\n  </testsuite>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="implanta" tests="${report.findings.length + skipped.length}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}

function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
