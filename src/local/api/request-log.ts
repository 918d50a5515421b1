import type { IncomingMessage, ServerResponse } from 'node:http';
import { Redactor } from '../../core/redact.js';
import { requestToken } from './auth.js';

/**
 * `implanta local --log-requests` (or IMPLANTA_LOG_REQUESTS=1): one line per request once it is answered,
 * `GET /apps/demo/releases 206 4ms`, so a client's unmet expectation (a missing route, a refused body) is
 * a one-line diagnosis. It names the method, the path without its query, the status and the time; never
 * a header or body, and the request's own token is masked should a client put it in the path.
 */
export function logRequests(req: IncomingMessage, res: ServerResponse, print: (line: string) => void): void {
  const started = process.hrtime.bigint();
  const path = (req.url ?? '/').split('?')[0]!;
  const token = requestToken(req);
  const redactor = new Redactor(token ? [token] : []);
  let done = false;
  const finish = (aborted: boolean) => {
    if (done) return;
    done = true;
    const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
    const status = aborted && !res.headersSent ? 'reset' : String(res.statusCode);
    print(redactor.redact(`${req.method ?? '?'} ${path} ${status} ${ms}ms`));
  };
  res.once('finish', () => finish(false));
  res.once('close', () => finish(true));
}

