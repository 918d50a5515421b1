import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OutputLog } from './output-log.js';

/**
 * Answers an `output_stream_url` request as Heroku's build-output service does: `text/plain`, chunked,
 * open until the build or release phase ends. `Range: bytes=N-` resumes a dropped stream at byte N (206);
 * a range at or past the end of a finished stream is 416.
 */
export function serveOutput(req: IncomingMessage, res: ServerResponse, log: OutputLog | undefined): void {
  if (!log) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('No such output stream.\n');
    return;
  }
  const from = rangeStart(req.headers.range);
  if (from !== undefined && from >= log.length && log.done) {
    res.writeHead(416, { 'Content-Range': `bytes */${log.length}` });
    res.end();
    return;
  }
  res.writeHead(from ? 206 : 200, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  const stop = log.follow(from ?? 0, {
    data: (chunk) => res.write(chunk),
    end: () => res.end(),
  });
  res.on('close', stop);
}

function rangeStart(header: string | undefined): number | undefined {
  const match = header ? /^bytes=(\d+)-$/.exec(header.trim()) : null;
  return match ? Number(match[1]) : undefined;
}
