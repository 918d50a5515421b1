import { daysUntil } from './dates.js';
import type { PackageVersions, VersionsFacts } from './versions-facts.js';

const HEADERS = ['package', 'specifier', 'pinned', 'latest', 'latest-in-series', 'vulnerabilities'];

/**
 * `implanta versions` in one screen: a row per dependency, then where Django, Python and the stack
 * stand. `?` marks a fact that could not be had (the sources line says why), `-` one that does not apply.
 */
export function formatVersionsTable(facts: VersionsFacts): string {
  const lines: string[] = [];
  if (facts.dependencies) {
    lines.push(...table([HEADERS, ...facts.packages.map(row)]));
    if (facts.packages.length === 0) lines.push(`(no requirements in ${facts.dependencies.file})`);
  } else {
    lines.push('No dependency file (requirements.txt, Pipfile.lock, poetry.lock, uv.lock).');
  }
  lines.push('', ...supportLines(facts), '', ...sourceLines(facts));
  return `${lines.join('\n')}\n`;
}

function row(p: PackageVersions): string[] {
  const r = p.requirement;
  if (p.notOnIndex) return [r.rawName || r.url || '(editable)', r.url ?? (r.editable ? '-e' : ''), r.editable ? 'editable' : 'direct URL', '-', '-', '-'];
  const unknown = typeof p.index === 'object' ? '?' : '-';
  return [
    r.rawName,
    r.specifier || '(none)',
    p.pinned ? `${p.pinned}${p.pinnedBy ? ` (${p.pinnedBy.file})` : ''}` : r.specifier ? `range${p.resolves ? ` → ${p.resolves}` : ''}` : 'unpinned',
    p.latest ?? unknown,
    p.latestInSeries ?? unknown,
    vulnerabilityCell(p),
  ];
}

function vulnerabilityCell(p: PackageVersions): string {
  if (!p.pinned) return '-';
  if (!p.vulnerabilities) return '?';
  if (p.vulnerabilities.length === 0) return 'none';
  const ids = p.vulnerabilities.map((a) => a.aliases.find((x) => x.startsWith('CVE-')) ?? a.id).join(' ');
  return `${p.vulnerabilities.length}: ${ids}${p.safeUpgrade ? ` → ${p.safeUpgrade}` : ' (no fix yet)'}`;
}

function table(rows: string[][]): string[] {
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}

function when(facts: VersionsFacts, date: string): string {
  const days = daysUntil(facts.today, date);
  return days > 0 ? `${date} (${days} days left)` : `${date} (${-days} days ago)`;
}

function supportLines(facts: VersionsFacts): string[] {
  const lines: string[] = [];
  const django = facts.django;
  if (!django) lines.push('Django  not found in the dependencies');
  else if (!django.series) lines.push(`Django  ${django.version.major}.${django.version.minor}: not in the lifecycle data`);
  else {
    const s = django.series;
    const ended = daysUntil(facts.today, s.security_end) <= 0;
    const state = ended ? 'security support ended' : daysUntil(facts.today, s.mainstream_end) <= 0 ? 'security fixes only, until' : `mainstream until ${s.mainstream_end}, security fixes until`;
    lines.push(`Django  ${s.series}${s.lts ? ' LTS' : ''}: ${state} ${when(facts, s.security_end)}`);
  }
  const python = facts.python;
  if (!python) lines.push('Python  not declared (.python-version): Heroku picks its default');
  else if (!python.series) lines.push(`Python  ${python.declared.version} (${python.declared.path ?? python.declared.file}): not in the lifecycle data`);
  else {
    const s = python.series;
    const heroku = s.heroku_supported ? 'Heroku builds it' : 'Heroku no longer builds it';
    const byDjango = django?.series ? `; Django ${django.series.series} ${django.series.python.includes(s.series) ? 'supports' : 'does not support'} it` : '';
    const eolWord = daysUntil(facts.today, s.eol) > 0 ? 'end of life' : 'ended';
    lines.push(`Python  ${python.declared.version} (${python.declared.path ?? python.declared.file}): ${eolWord} ${when(facts, s.eol)}; ${heroku}${byDjango}`);
  }
  const stack = facts.stack;
  if (stack) {
    const info = stack.info;
    if (!info) lines.push(`Stack   ${stack.name}: unknown to implanta (data as of ${stack.asOf})`);
    else if (info.end_of_life === null) lines.push(`Stack   ${stack.name}: ${info.status}`);
    else lines.push(`Stack   ${stack.name}: ${daysUntil(facts.today, info.end_of_life) <= 0 ? 'end-of-life' : info.status}, end of life ${when(facts, info.end_of_life)}`);
  }
  return lines;
}

function sourceLines(facts: VersionsFacts): string[] {
  const lines = [`Sources: PyPI ${facts.pypi.source}; OSV ${facts.osv.source}; lifecycle data as of ${facts.lifecycle.asOf}`];
  for (const s of [facts.pypi, facts.osv]) if (s.skipped) lines.push(`Skipped: ${s.skipped}`);
  const partial = facts.pypi.skipped ? [] : facts.packages.filter((p) => typeof p.index === 'object');
  for (const p of partial) lines.push(`Skipped: ${p.requirement.rawName}: ${(p.index as { skipped: string }).skipped}`);
  return lines;
}
