import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HerokuClient } from '../../../src/heroku/client.js';

export const TEST_TOKEN = 'hrku-test-token-5f0c1e2d';

export interface Recorded {
  method: string;
  path: string;
  body: unknown;
}

type Answer = { status?: number; body?: unknown; headers?: Record<string, string> };
type Handler = (match: RegExpExecArray, body: unknown, req: IncomingMessage) => Answer | Promise<Answer>;
type RawHandler = (req: IncomingMessage, res: ServerResponse, match: RegExpExecArray) => void;

/**
 * A tiny stand-in for the Platform API on 127.0.0.1: JSON routes by method and path pattern, every request
 * recorded, and raw routes for streams. Unmatched requests get Heroku's 404 body.
 */
export class FakeApi {
  readonly requests: Recorded[] = [];
  private readonly routes: { method: string; pattern: RegExp; handler?: Handler; raw?: RawHandler }[] = [];
  private server!: Server;
  url = '';

  on(method: string, pattern: RegExp, handler: Handler): this {
    this.routes.push({ method, pattern, handler });
    return this;
  }

  raw(method: string, pattern: RegExp, raw: RawHandler): this {
    this.routes.push({ method, pattern, raw });
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  client(): HerokuClient {
    return new HerokuClient({ token: TEST_TOKEN, baseUrl: this.url, maxRetries: 1, retryBudgetMs: 1000, timeoutMs: 5000 });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    for (const route of this.routes) {
      const match = route.method === req.method ? route.pattern.exec(path) : null;
      if (!match) continue;
      if (route.raw) {
        this.requests.push({ method: req.method!, path, body: undefined });
        route.raw(req, res, match);
        return;
      }
      const text = await readBody(req);
      const body = text ? JSON.parse(text) : undefined;
      this.requests.push({ method: req.method!, path, body });
      const answer = await route.handler!(match, body, req);
      res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      return;
    }
    this.requests.push({ method: req.method!, path, body: undefined });
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ id: 'not_found', message: `Couldn't find that route (${req.method} ${path}).` }));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** A plain HTTP server answering with `handler`, for smoke tests and routers. */
export async function startHttp(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
