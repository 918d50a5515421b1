import type { Area, Finding, Severity } from '../core/finding.js';
import type { CheckReport } from './check-report.js';

const AREA_TITLES: Record<Area, string> = {
  django: 'Django deployment checklist',
  codebase: 'Heroku codebase',
  heroku: 'Heroku production check',
  live: 'Live site',
  versions: 'Versions',
  deploy: 'Deploy',
  migrations: 'Migrations the next release runs',
};

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

/** The human report: grouped by area, ID and file:line first so an editor can jump to them. */
export function formatText(report: CheckReport, opts: { color: boolean; title?: string }): string {
  const paint = (code: string, s: string) => (opts.color ? code + s + RESET : s);
  const lines: string[] = [];
  const p = report.project;
  const about = [p.settings_module && `settings ${p.settings_module} (${p.settings_source})`, p.django && `Django ${p.django}`, p.app && `app ${p.app}`, p.python && `python ${p.python}`]
    .filter(Boolean)
    .join(', ');
  lines.push(`${paint(BOLD, opts.title ?? 'implanta check')} ${p.root}${about ? paint(DIM, ` — ${about}`) : ''}`);
  const assumed = Object.keys(p.assumed_environment ?? {});
  if (assumed.length > 0) lines.push(paint(DIM, `assumed as on every dyno (not given): ${assumed.join(', ')}`));
  if (p.django_assumed) lines.push(paint(DIM, `Django version assumed: ${p.django_assumed}`));

  const byArea = new Map<Area, Finding[]>();
  // Pushed, not copied: a 4 MB Procfile of repeated lines gives 20,000 findings, and copying the list
  // for each one took 20 s.
  for (const f of report.findings) {
    const list = byArea.get(f.area);
    if (list) list.push(f);
    else byArea.set(f.area, [f]);
  }
  for (const [area, findings] of byArea) {
    const total = findings.reduce((n, f) => n + (f.more?.count ?? 1), 0);
    lines.push('', paint(BOLD, `${AREA_TITLES[area]} (${total})`));
    for (const f of findings) {
      const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '';
      lines.push(`  ${paint(COLOURS[f.severity], f.severity.padEnd(7))} ${f.rule}${where ? `  ${where}` : ''}`);
      lines.push(`          ${f.message}`);
      if (f.hint) lines.push(paint(DIM, `          hint: ${f.hint}`));
      if (f.docs) lines.push(paint(DIM, `          docs: ${f.docs}`));
    }
  }
  if (report.skipped.length > 0) {
    lines.push('', paint(BOLD, `Not checked (${report.skipped.length})`));
    for (const s of report.skipped) lines.push(`  ${s.rule}: ${s.reason}`);
  }
  const c = report.counts;
  const summary = report.findings.length === 0 ? 'No problems found.' : `${c.error} error(s), ${c.warning} warning(s), ${c.info} info.`;
  lines.push('', summary);
  return lines.join('\n') + '\n';
}
