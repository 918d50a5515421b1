import { PlatformError } from '../core/errors.js';
import type { HerokuClient } from '../heroku/client.js';
import { forEachLine } from './read-lines.js';

export interface LogSessionRequest {
  /** Recent lines to start with (Heroku: at most 1,500). */
  lines?: number;
  tail?: boolean;
  /** `app` (the app's own output) or `heroku` (router, dyno manager). */
  source?: string;
  /** A dyno (`web.1`) or a process type (`web`). */
  dyno?: string;
}

/**
 * Opens a log session as `heroku logs` does (POST /apps/{app}/log-sessions) and returns its one-time
 * `logplex_url`. The URL carries its own credential: callers must redact it wherever it could be shown.
 */
export async function openLogSession(client: HerokuClient, app: string, request: LogSessionRequest): Promise<string> {
  const body = {
    ...(request.lines !== undefined && { lines: request.lines }),
    ...(request.tail && { tail: true }),
    ...(request.source && { source: request.source }),
    ...(request.dyno && { dyno_name: request.dyno }),
  };
  const session = await client.post<{ logplex_url?: string }>(`/apps/${encodeURIComponent(app)}/log-sessions`, body);
  if (!session?.logplex_url) throw new PlatformError(`POST /apps/${app}/log-sessions: the answer has no logplex_url`);
  return session.logplex_url;
}

/**
 * Reads a logplex_url to its end (or, with tail, until `signal` aborts), calling `onLine` per log line.
 * Logplex answers plain text, one line per log line; a server that speaks Server-Sent Events
 * (`text/event-stream`, what the Heroku CLI now asks for) sends each line as a `data:` field. Both are
 * read, whatever the server chose.
 */
export async function readLogSession(url: string, onLine: (line: string) => void, options: { signal?: AbortSignal; fetch?: typeof fetch } = {}): Promise<void> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, { headers: { Accept: 'text/event-stream, text/plain;q=0.9' }, ...(options.signal && { signal: options.signal }) });
  } catch (error) {
    if (options.signal?.aborted) return;
    throw new PlatformError(`the log stream did not answer (${(error as Error).message})`);
  }
  if (!response.ok || !response.body) throw new PlatformError(`the log stream answered ${response.status} ${response.statusText}`.trim());
  const sse = (response.headers.get('content-type') ?? '').toLowerCase().startsWith('text/event-stream');
  const deliver = sse ? sseData(onLine) : onLine;
  try {
    await forEachLine(response.body as unknown as AsyncIterable<Uint8Array>, deliver);
  } catch (error) {
    if (options.signal?.aborted) return;
    throw new PlatformError(`the log stream broke off (${(error as Error).message})`);
  }
}

/** The payload of each `data:` field of an event stream; comments, `event:`, `id:` and `retry:` are not log lines. */
function sseData(onLine: (line: string) => void): (line: string) => void {
  return (line) => {
    if (!line.startsWith('data:')) return;
    const data = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
    if (data !== '') onLine(data);
  };
}
