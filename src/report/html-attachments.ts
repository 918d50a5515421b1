import { closeSync, fstatSync, openSync, readSync, constants } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { DeployRecord } from '../deploy/history.js';
import type { HtmlAttachments } from './html.js';

/** A chart or a history file larger than this is not ours: leave it out rather than read it. */
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * What the HTML report shows beside the findings: the charts `implanta size --plan FILE` wrote beside the
 * plan (default `release-plan.md` in the project), and the deploys recorded in `.implanta/deploys.jsonl`.
 * Both are read only when they are regular files of a sane size: the project may be a stranger's.
 */
export function gatherHtmlAttachments(projectRoot: string, planPath?: string): HtmlAttachments {
  const plan = resolve(projectRoot, planPath ?? 'release-plan.md');
  const stem = join(dirname(plan), basename(plan, extname(plan)));
  const charts = [
    { title: 'Peak memory against WEB_CONCURRENCY', file: `${stem}-memory.svg` },
    { title: 'Latency against load', file: `${stem}-latency.svg` },
  ].flatMap(({ title, file }) => {
    const svg = readRegularFile(file);
    return svg === undefined ? [] : [{ title, svg }];
  });
  const history = parseHistory(readRegularFile(join(projectRoot, '.implanta', 'deploys.jsonl')) ?? '');
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

/** The file's text, or undefined when it is missing, not a regular file (a FIFO, a device), or too large. */
function readRegularFile(path: string): string | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the fstat below then refuses it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_BYTES) return undefined;
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buffer, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
