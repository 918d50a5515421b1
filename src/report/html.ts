import type { Area, Finding, Severity } from '../core/finding.js';
import type { DeployRecord } from '../deploy/history.js';
import type { CheckReport } from './check-report.js';

/** What the page shows beside the findings, when the project has it. */
export interface HtmlAttachments {
  /** The charts of the release plan `implanta size --plan` wrote (SVG text). */
  charts?: Array<{ title: string; svg: string }>;
  /** `.implanta/deploys.jsonl`, oldest first. */
  history?: DeployRecord[];
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const AREA_TITLES: Record<Area, string> = {
  django: 'Django deployment checklist',
  codebase: 'Heroku codebase',
  heroku: 'Heroku production check',
  live: 'Live site',
  versions: 'Versions',
  deploy: 'Deploy',
  migrations: 'Migrations the next release runs',
};

/**
 * One self-contained page: styles and script inline, charts as data: images, and a Content Security
 * Policy that forbids every fetch, so the page opens offline and a hostile file in the project (a chart,
 * a message) can neither load anything nor run script. Filters by severity and area are checkboxes.
 */
export function formatHtml(report: CheckReport, attachments: HtmlAttachments = {}): string {
  const p = report.project;
  const areas = [...new Set(report.findings.map((f) => f.area))];
  const about = [p.settings_module && `settings ${p.settings_module} (${p.settings_source})`, p.django && `Django ${p.django}`, p.app && `app ${p.app}`, p.python && `python ${p.python}`].filter(Boolean).join(' · ');
  const c = report.counts;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>implanta check — ${esc(p.root)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>implanta check <small>${esc(p.root)}</small></h1>
<p class="about">${esc(about)} · implanta ${esc(report.version)}</p>
<p class="counts"><span class="sev error">${c.error} error(s)</span> <span class="sev warning">${c.warning} warning(s)</span> <span class="sev info">${c.info} info</span></p>
</header>
<main>
<section id="findings">
<h2>Findings</h2>
<form id="filters" aria-label="Filter findings">
<fieldset><legend>Severity</legend>${SEVERITIES.map((s) => checkbox('severity', s, s)).join('')}</fieldset>
<fieldset><legend>Area</legend>${areas.map((a) => checkbox('area', a, AREA_TITLES[a])).join('')}</fieldset>
</form>
<p id="shown" aria-live="polite">${report.findings.length} of ${report.findings.length} findings shown</p>
${report.findings.length === 0 ? '<p class="empty">No problems found.</p>' : `<ol class="findings">\n${report.findings.map(findingItem).join('\n')}\n</ol>`}
</section>
${skippedSection(report)}${chartsSection(attachments.charts)}${historySection(attachments.history)}</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function checkbox(kind: 'severity' | 'area', value: string, label: string): string {
  return `<label><input type="checkbox" name="${kind}" value="${esc(value)}" checked> ${esc(label)}</label>`;
}

function findingItem(f: Finding): string {
  const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '';
  return `<li class="finding" data-severity="${f.severity}" data-area="${f.area}">
<div class="head"><span class="sev ${f.severity}">${f.severity}</span> <code class="rule">${esc(f.rule)}</code>${where ? ` <code class="where">${esc(where)}</code>` : ''}</div>
<p class="message">${esc(f.message)}</p>${f.hint ? `\n<p class="hint">${esc(f.hint)}</p>` : ''}${f.docs ? `\n<p class="docs"><a href="${esc(f.docs)}" rel="noreferrer">${esc(f.docs)}</a></p>` : ''}
</li>`;
}

function skippedSection(report: CheckReport): string {
  if (report.skipped.length === 0) return '';
  const rows = report.skipped.map((s) => `<tr><td><code>${esc(s.rule)}</code></td><td>${esc(s.reason)}</td></tr>`).join('\n');
  return `<section id="skipped">\n<h2>Not checked (${report.skipped.length})</h2>\n<table><thead><tr><th>Rule</th><th>Why</th></tr></thead><tbody>\n${rows}\n</tbody></table>\n</section>\n`;
}

function chartsSection(charts: HtmlAttachments['charts']): string {
  if (!charts?.length) return '';
  // As <img> data URIs, not inline <svg>: an image cannot run script, whatever the file holds.
  const figures = charts.map((chart) => `<figure><img alt="${esc(chart.title)}" src="data:image/svg+xml;base64,${Buffer.from(chart.svg).toString('base64')}"><figcaption>${esc(chart.title)}</figcaption></figure>`);
  return `<section id="sizing">\n<h2>Sizing</h2>\n${figures.join('\n')}\n</section>\n`;
}

function historySection(history: HtmlAttachments['history']): string {
  if (!history?.length) return '';
  const rows = [...history]
    .reverse()
    .map((d) => `<tr class="outcome-${esc(d.outcome)}"><td>${esc(d.at)}</td><td>${esc(d.app)}</td><td>${d.release === undefined ? '' : `v${d.release}`}</td><td><code>${esc(d.commit?.slice(0, 12) ?? '')}</code></td><td>${esc(d.outcome)}</td><td>${esc(d.message)}</td><td>${esc(d.by)}</td></tr>`)
    .join('\n');
  return `<section id="history">\n<h2>Release history (${history.length})</h2>\n<table><thead><tr><th>When</th><th>App</th><th>Release</th><th>Commit</th><th>Outcome</th><th>What happened</th><th>By</th></tr></thead><tbody>\n${rows}\n</tbody></table>\n</section>\n`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header,main{max-width:60rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem}
h1 small{font-weight:normal;font-size:.6em;color:#555}
.about{color:#555;margin:.2rem 0}
fieldset{display:inline-block;border:1px solid #ccc;border-radius:4px;margin:0 .5rem .5rem 0}
label{margin-right:.8rem;white-space:nowrap}
ol.findings{list-style:none;padding:0}
.finding{background:#fff;border:1px solid #ddd;border-radius:4px;padding:.5rem .8rem;margin:.5rem 0}
.finding[hidden]{display:none}
.finding p{margin:.3rem 0}
.hint{color:#444}
.docs a{color:#0645ad;word-break:break-all}
.sev{display:inline-block;min-width:4.5rem;padding:0 .3rem;border-radius:3px;color:#fff;text-align:center;font-size:.85em}
.sev.error{background:#c62828}.sev.warning{background:#b26a00}.sev.info{background:#1565c0}
code{font-family:ui-monospace,monospace}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
figure{display:inline-block;margin:.5rem;background:#fff;border:1px solid #ddd;padding:.5rem}
figure img{max-width:100%}
`;

// Shows a finding only when both its severity and its area are ticked.
const SCRIPT = `
(function(){
  var form=document.getElementById('filters');
  var items=[].slice.call(document.querySelectorAll('.finding'));
  var shown=document.getElementById('shown');
  function ticked(name){return [].slice.call(form.querySelectorAll('input[name="'+name+'"]:checked')).map(function(i){return i.value;});}
  function apply(){
    var sev=ticked('severity'),area=ticked('area'),n=0;
    items.forEach(function(li){
      var show=sev.indexOf(li.dataset.severity)>=0&&area.indexOf(li.dataset.area)>=0;
      li.hidden=!show; if(show)n++;
    });
    shown.textContent=n+' of '+items.length+' findings shown';
  }
  form.addEventListener('change',apply);
  apply();
})();
`;
