import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { InputError } from '../core/errors.js';
import { toolVersion } from '../core/version.js';
import { applyCommands, MEASUREMENT_HEADER, measurementRows, noFitLines, OPTION_HEADER, optionRows, peakLine, verdict } from './report.js';
import { latencyChart, memoryChart } from './svg.js';
import type { SizeResult } from './types.js';

/**
 * The guide's "Release" phase asks to know the size of the application and to document the later
 * activities. The plan is a Markdown file a team reviews in a pull request: the measured figures, the
 * formation chosen and why, the commands that apply it, the risks seen, with two SVG charts beside it.
 */
export function writeReleasePlan(result: SizeResult, planPath: string): string[] {
  const stem = basename(planPath, extname(planPath));
  const files = { plan: planPath, memory: join(dirname(planPath), `${stem}-memory.svg`), latency: join(dirname(planPath), `${stem}-latency.svg`) };
  try {
    mkdirSync(dirname(planPath), { recursive: true });
    writeFileSync(files.memory, memoryChart(result));
    writeFileSync(files.latency, latencyChart(result));
    writeFileSync(files.plan, releasePlanMarkdown(result, { memory: basename(files.memory), latency: basename(files.latency) }));
  } catch (error) {
    throw new InputError(`--plan ${planPath}: cannot write the release plan (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return [files.plan, files.memory, files.latency];
}

function markdownTable(header: string[], rows: Array<Array<string | number>>): string[] {
  const cell = (v: string | number) => String(v).replace(/\|/g, '\\|');
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

export function releasePlanMarkdown(result: SizeResult, charts: { memory: string; latency: string }): string {
  const { project, targets, fit, recommendation: rec } = result;
  const suitable = result.options.filter((o) => o.suitable);
  const name = basename(project.root);
  const lines = [
    `# Release plan: ${name}`,
    '',
    `Measured by \`implanta size\` ${toolVersion()} on ${new Date().toISOString().slice(0, 10)}, on a machine with ${result.machine.cpus} cores and ${result.machine.memory_mb} MB.`,
    `The web process (\`${project.web_command}\`) ran as a dyno would, with ${project.python} (${project.python_how}), against a fresh PostgreSQL database.`,
    '',
    '## Targets',
    '',
    `- p95 service time at most ${targets.p95_ms} ms.`,
    `- Peak load ${targets.peak_rps} requests per second (${targets.peak_source === 'flag' ? 'given' : 'the most this machine served within the target; replace it with the real peak'}).`,
    `- Requests: ${result.measurements[0]?.urls.map((u) => `\`${u.path}\` ×${u.weight}`).join(', ') ?? ''}, with \`Host: ${project.host}\`.`,
    '',
    '## Measurements',
    '',
    ...markdownTable(MEASUREMENT_HEADER, measurementRows(result)),
    '',
    `Memory grows as **${fit.base_mb} MB + ${fit.per_worker_mb} MB per worker** (least squares over the runs, R² ${fit.r2}, largest miss ${fit.max_residual_mb} MB).`,
    '',
    `![Peak memory against WEB_CONCURRENCY](${charts.memory})`,
    '',
    `![Latency against load](${charts.latency})`,
    '',
    '## Formation',
    '',
    `**${verdict(rec)}**`,
    '',
    ...(rec.meets_targets
      ? [
          `${rec.dyno_size} is the cheapest professional size whose predicted peak memory with ${rec.web_concurrency} workers stays under 80% of its memory and that carries the peak with at least two dynos. ${peakLine(rec)}`,
          '',
        ]
      : [...noFitLines(rec), '']),
    'Options considered, cheapest first:',
    '',
    ...markdownTable(OPTION_HEADER, optionRows(suitable.slice(0, 6))),
    '',
    ...applySection(result),
    '## Risks',
    '',
    ...(result.warnings.length ? result.warnings.map((w) => `- ${w}`) : ['- None seen in the measurements.']),
    '',
    '## Assumptions',
    '',
    ...result.assumptions.map((a) => `- ${a}`),
    '',
    '## Later activities',
    '',
    '- Before each deploy: `implanta check --app APP` (the production checklist) and `implanta deploy` from the tested branch.',
    '- After the first day at real traffic: compare memory and p95 in Heroku Metrics with this plan; R14 in the logs means fewer workers or a bigger size.',
    '- Re-run `implanta size` after upgrades of Django, Python or large dependencies, and when traffic changes: the figures above are for this code.',
    '',
  ];
  return lines.join('\n');
}

function applySection(result: SizeResult): string[] {
  const rec = result.recommendation;
  if (!rec.meets_targets) return [];
  return [
    '## Apply it',
    '',
    'WEB_CONCURRENCY first, so the dynos the next commands start already run the planned number of workers:',
    '',
    '```sh',
    ...applyCommands(rec),
    '```',
    '',
    'or, with implanta:',
    '',
    '```sh',
    `heroku config:set WEB_CONCURRENCY=${rec.web_concurrency} -a APP`,
    `implanta scale -a APP web=${rec.quantity}:${rec.dyno_size}`,
    '```',
    '',
  ];
}
