import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalid } from '../platform/errors.js';
import { isoSeconds, newId } from '../platform/ids.js';
import type { AppLogs } from './app-logs.js';

interface Session {
  appId: string;
  lines: number;
  tail: boolean;
  source?: string;
  process?: string;
}

/** Heroku's cap on the lines a log session returns. */
const MAX_LINES = 1500;

/**
 * POST /apps/{app}/log-sessions: a one-time `logplex_url` that serves the app's recent log lines, and with
 * `tail` keeps streaming new ones. The Heroku CLI's `logs` reads it as Server-Sent Events (it asks with
 * `Accept: text/event-stream`): one event per line, `id: N` and `data: LINE`, the stream closed after the
 * recent lines unless tailing. Any other client (curl, `fetch`, implanta's own `logs`) gets the lines as
 * `text/plain`, one per line.
 */
export class LogSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly logs: AppLogs,
    private readonly publicUrl: () => string,
  ) {}

  create(appId: string, body: Record<string, unknown>): { created_at: string; id: string; logplex_url: string; updated_at: string } {
    const lines = body.lines === undefined ? 100 : body.lines;
    if (!Number.isInteger(lines) || (lines as number) < 0) throw invalid('lines must be a whole number.');
    for (const field of ['source', 'dyno_name', 'type']) {
      if (body[field] !== undefined && typeof body[field] !== 'string') throw invalid(`${field} must be a string.`);
    }
    const id = newId();
    const process = (body.dyno_name ?? body.type) as string | undefined;
    this.sessions.set(id, {
      appId,
      lines: Math.min(lines as number, MAX_LINES),
      tail: body.tail === true,
      ...(typeof body.source === 'string' && { source: body.source }),
      ...(process && { process }),
    });
    const now = isoSeconds(new Date());
    return { created_at: now, id, logplex_url: `${this.publicUrl()}/streams/logs/${id}`, updated_at: now };
  }

  /** GET on a logplex_url; each session answers once. */
  serve(req: IncomingMessage, res: ServerResponse, id: string): void {
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    if (!session) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('No such log session.\n');
      return;
    }
    const events = wantsEventStream(req.headers.accept);
    res.writeHead(200, { 'Content-Type': events ? 'text/event-stream; charset=utf-8' : 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
    // A tail with no recent lines must still answer at once: an EventSource opens on the headers.
    res.flushHeaders();
    let sequence = 0;
    const send = (line: string) => res.write(events ? `id: ${++sequence}\ndata: ${line.replace(/[\r\n]+/g, ' ')}\n\n` : `${line}\n`);
    const filter = { ...(session.source && { source: session.source }), ...(session.process && { process: session.process }) };
    for (const line of this.logs.recent(session.appId, session.lines, filter)) send(line);
    if (!session.tail) {
      res.end();
      return;
    }
    const stop = this.logs.follow(session.appId, (line) => {
      if (this.logs.matches(line, filter)) send(line);
    });
    res.on('close', stop);
  }
}

/** Whether the client asked for Server-Sent Events (an EventSource sends `Accept: text/event-stream`). */
export function wantsEventStream(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((type) => type.split(';')[0]!.trim().toLowerCase() === 'text/event-stream');
}
