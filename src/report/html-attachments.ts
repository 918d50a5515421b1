import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { ProjectFileRefused, readProjectText } from '../project/project-file.js';
import type { DeployRecord } from '../deploy/history.js';
import type { HtmlAttachments } from './html.js';

/**
 * What the HTML report shows beside the findings: the charts `implanta size --plan FILE` wrote beside the
 * plan (default `release-plan.md` in the project), and the deploys recorded in `.implanta/deploys.jsonl`.
 * Both are read only when they are regular files of a sane size (project-file.ts), and the default
 * ones only inside the project: the project may be a stranger's. A plan given with --plan is the user's
 * own choice and may live anywhere. A file that is there but is not one implanta reads (a FIFO, a device,
 * a symlink out of the project) is a one-line error naming it; a missing one is left out.
 */
export function gatherHtmlAttachments(projectRoot: string, planPath?: string): HtmlAttachments {
  const plan = resolve(projectRoot, planPath ?? 'release-plan.md');
  const chartRoot = planPath === undefined ? projectRoot : undefined;
  const stem = join(dirname(plan), basename(plan, extname(plan)));
  const charts = [
    { title: 'Peak memory against WEB_CONCURRENCY', file: `${stem}-memory.svg` },
    { title: 'Latency against load', file: `${stem}-latency.svg` },
  ].flatMap(({ title, file }) => {
    const svg = readIfThere(file, chartRoot);
    return svg === undefined ? [] : [{ title, svg }];
  });
  const history = parseHistory(readIfThere(join(projectRoot, '.implanta', 'deploys.jsonl'), projectRoot) ?? '');
  return { ...(charts.length && { charts }), ...(history.length && { history }) };
}

function parseHistory(text: string): DeployRecord[] {
  return text.split('\n').flatMap((line) => {
    if (!line.trim()) return [];
    try {
      const record = JSON.parse(line) as DeployRecord;
      return typeof record === 'object' && record !== null && typeof record.at === 'string' ? [record] : [];
    } catch {
      return []; // a line cut short by a crash mid-write
    }
  });
}

/** The file's text, or undefined when there is none; refusals (not a regular file, outside, too large) go up. */
function readIfThere(path: string, root: string | undefined): string | undefined {
  try {
    return readProjectText(path, root === undefined ? {} : { root, display: relative(root, path) });
  } catch (error) {
    if (error instanceof ProjectFileRefused) throw error;
    return undefined;
  }
}
