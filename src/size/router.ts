import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A stand-in for Heroku's router between the load generator and the web process. It keeps the client's
 * connection alive but opens a new one to the dyno for every request (gunicorn's sync workers close the
 * connection after each response, which load generators that reuse sockets mis-time), adds the headers
 * Heroku's router adds, ends requests slower than 30 s with H12 and a 503 like Heroku does, and times
 * each request as the router logs it (`service=`), so the latency reported is the one the user will
 * see in `heroku logs` and Metrics.
 *
 * A request whose client hangs up (a load step ending) still runs to its end, as it does on Heroku: the
 * dyno's work is not cancelled. Measurements wait for those (`idle()`), so a step never inherits the
 * queue the previous one left behind.
 */

export const H12_TIMEOUT_MS = 30_000;

export interface RouterOptions {
  upstreamPort: number;
  forwardedProto: 'https' | 'http';
  timeoutMs?: number;
}

export interface RoutedRequest {
  path: string;
  /** A status, or the router's own error code. */
  outcome: number | 'H12' | 'H13';
  /** Service time in ms. */
  ms: number;
  /** performance.now() when it ended. */
  endedAt: number;
}

export interface RouterWindow {
  requests: RoutedRequest[];
}

export class Router {
  private server: Server | undefined;
  /** Requests are recorded in the window that was current when they arrived, however late they end. */
  private window: RouterWindow = { requests: [] };
  private inFlight = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly options: RouterOptions) {}

  /** Listens on a free loopback port and resolves to it. */
  async listen(): Promise<number> {
    const server = createServer((req, res) => this.forward(req, res));
    server.keepAliveTimeout = 60_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    return (server.address() as AddressInfo).port;
  }

  /** What arrived since the last call, and a fresh window from now on. */
  take(): RouterWindow {
    const taken = this.window;
    this.window = { requests: [] };
    return taken;
  }

  /** Resolves once no request is in flight to the dyno; bounded, since every request ends by H12. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  private settle(): void {
    this.inFlight--;
    if (this.inFlight === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const window = this.window;
    const path = (req.url ?? '/').split('?')[0]!;
    const started = performance.now();
    let settled = false;
    this.inFlight++;
    const record = (outcome: RoutedRequest['outcome']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const endedAt = performance.now();
      window.requests.push({ path, outcome, ms: endedAt - started, endedAt });
      this.settle();
    };
    const upstream = request({
      host: '127.0.0.1',
      port: this.options.upstreamPort,
      method: req.method,
      path: req.url,
      agent: false,
      headers: {
        ...req.headers,
        connection: 'close',
        'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1',
        'x-forwarded-proto': this.options.forwardedProto,
        'x-forwarded-port': this.options.forwardedProto === 'https' ? '443' : '80',
        'x-request-start': String(Date.now()),
        via: '1.1 vegur',
      },
    });
    const timer = setTimeout(() => {
      record('H12');
      upstream.destroy();
      routerError(res, 'H12', 'Request timeout');
    }, this.options.timeoutMs ?? H12_TIMEOUT_MS);
    upstream.on('response', (answer) => {
      answer.on('end', () => record(answer.statusCode ?? 502));
      answer.on('error', () => record('H13'));
      if (res.destroyed) {
        answer.resume();
        return;
      }
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(res);
      // The client left mid-answer: read the rest anyway, so the request ends and is timed.
      res.on('close', () => answer.resume());
    });
    upstream.on('error', () => {
      if (settled) return;
      record('H13');
      routerError(res, 'H13', 'Connection closed without response');
    });
    req.pipe(upstream);
  }
}

/**
 * Hop-by-hop headers describe the dyno's connection, not the client's: passing on gunicorn's
 * `Connection: close` would close the client's kept-alive connection after every answer.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

function routerError(res: ServerResponse, code: string, description: string): void {
  if (res.destroyed) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(503, { 'content-type': 'text/plain', 'x-router-error': code });
  res.end(`${code} (${description})\n`);
}
