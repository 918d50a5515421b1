import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppLogs } from '../dynos/app-logs.js';
import type { Dyno } from '../dynos/dyno.js';
import type { DynoManager } from '../dynos/dyno-manager.js';
import type { AppRow } from '../platform/apps.js';
import type { Platform } from '../platform/platform.js';
import { DEFAULT_PAGES, ErrorPages, NO_SUCH_APP_PAGE, type PageKind } from './error-pages.js';
import { forward, withoutHopByHop } from './forward.js';
import { routerLogLine, type RouterLogEntry } from './router-log.js';
import type { RouterPorts } from './router-ports.js';

export interface RouterContext {
  platform: Platform;
  dynos: DynoManager;
  appLogs: AppLogs;
  ports: RouterPorts;
  /** H12: how long a dyno has to start answering (Heroku: 30 s). */
  timeoutMs: number;
  /** H20: how long a request waits for a booting web dyno (Heroku: 75 s). */
  bootWaitMs: number;
}


/**
 * Heroku's router on 127.0.0.1. Every app has a listener of its own (its `web_url`,
 * `http://127.0.0.1:<port>/`, which curl and fetch reach as they are); the shared port routes by Host
 * (`<app>.localhost`, `<app>.herokuapp.com` or a custom domain). Requests go round-robin to the app's
 * up web dynos with the headers Heroku adds; maintenance mode, a crashed or absent web process and
 * timeouts get Heroku's 503 pages and error codes, and every request gets a router log line.
 *
 * The router stands in for the TLS terminator: the app sees `X-Forwarded-Proto: https` (so an app that
 * redirects HTTP to HTTPS answers normally), unless the client says it came over plain HTTP with
 * `X-Forwarded-Proto: http` — what Heroku's router itself sets for an http:// request, so a smoke test
 * that sends it means the same here and on Heroku.
 */
export class LocalRouter {
  private shared: Server | undefined;
  private readonly appServers = new Map<string, Server>();
  private readonly turn = new Map<string, number>();
  private readonly pages = new ErrorPages();
  private closed = false;

  constructor(private readonly ctx: RouterContext) {}

  /** Listens on the shared port (0: any free one) and on every app's own port. */
  async listen(port: number): Promise<number> {
    this.shared = createServer((req, res) => void this.handle(req, res, undefined));
    await listenOn(this.shared, port);
    for (const { appId } of this.ctx.ports.all()) await this.ensureListener(appId);
    return (this.shared.address() as AddressInfo).port;
  }

  get port(): number {
    return (this.shared?.address() as AddressInfo | null)?.port ?? 0;
  }

  /** The app's web_url; its listener starts if it is not running yet. */
  webUrl(appId: string): string {
    const port = this.ctx.ports.portOf(appId);
    if (!this.appServers.has(appId) && !this.closed) void this.ensureListener(appId);
    return `http://127.0.0.1:${port}/`;
  }

  /** The app is gone: its listener closes. */
  forget(appId: string): void {
    const server = this.appServers.get(appId);
    this.appServers.delete(appId);
    if (server) closeServer(server);
  }

  async close(): Promise<void> {
    this.closed = true;
    const servers = [...this.appServers.values(), ...(this.shared ? [this.shared] : [])];
    this.appServers.clear();
    await Promise.all(servers.map(closeServer));
  }

  private async ensureListener(appId: string): Promise<void> {
    if (this.appServers.has(appId)) return;
    const server = createServer((req, res) => void this.handle(req, res, appId));
    this.appServers.set(appId, server);
    let port = this.ctx.ports.portOf(appId);
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        await listenOn(server, port);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        port = this.ctx.ports.reassign(appId);
      }
    }
  }

  /** Every request; what goes wrong inside the router itself is Heroku's H99 (platform error), not a crash. */
  private async handle(req: IncomingMessage, res: ServerResponse, fixedApp: string | undefined): Promise<void> {
    try {
      await this.route(req, res, fixedApp);
    } catch (error) {
      const app = this.findApp(fixedApp, req.headers.host);
      if (app) this.log(app.id, { method: req.method ?? 'GET', path: req.url ?? '/', host: req.headers.host ?? '', requestId: requestIdOf(req), fwd: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1', status: 503, protocol: 'https', code: 'H99', desc: 'Platform error' });
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache, no-store' });
        res.end(DEFAULT_PAGES.error);
      } else res.destroy();
      process.emitWarning(`implanta local router: ${(error as Error).message}`);
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse, fixedApp: string | undefined): Promise<void> {
    const app = this.findApp(fixedApp, req.headers.host);
    if (!app) {
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(NO_SUCH_APP_PAGE);
      return;
    }
    const scheme = req.headers['x-forwarded-proto'] === 'http' ? 'http' : 'https';
    const requestId = requestIdOf(req);
    const fwd = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
    const entry: RouterLogEntry = { method: req.method ?? 'GET', path: req.url ?? '/', host: req.headers.host ?? '', requestId, fwd, status: 503, protocol: scheme };
    const config = this.ctx.platform.config.of(app.id);

    if (app.maintenance === 1) {
      await this.answerPage(res, 'maintenance', config.MAINTENANCE_PAGE_URL);
      this.log(app.id, { ...entry, code: 'H80', desc: 'Maintenance mode' });
      return;
    }
    const dyno = this.pick(app.id) ?? (await this.waitForDyno(app.id));
    if (!dyno) {
      const trouble = this.ctx.dynos.webTrouble(app.id);
      const [code, desc] = trouble === 'crashed' ? ['H10', 'App crashed'] : trouble === 'starting' ? ['H20', 'App boot timeout'] : ['H14', 'No web processes running'];
      await this.answerPage(res, 'error', config.ERROR_PAGE_URL);
      this.log(app.id, { ...entry, code, desc });
      return;
    }

    const existing = req.headers['x-forwarded-for'];
    const headers = withoutHopByHop(req.headers);
    Object.assign(headers, {
      'x-forwarded-for': existing ? `${String(existing)}, ${fwd}` : fwd,
      'x-forwarded-proto': scheme,
      'x-forwarded-port': scheme === 'https' ? '443' : String(req.socket.localPort ?? 80),
      'x-request-start': String(Date.now()),
      'x-request-id': requestId,
      via: '1.1 vegur',
    });
    dyno.inflight++;
    try {
      const result = await forward({ req, res, port: dyno.port!, headers, timeoutMs: this.ctx.timeoutMs });
      if (result.error && !res.headersSent && result.error.code !== 'H27') await this.answerPage(res, 'error', config.ERROR_PAGE_URL);
      this.log(app.id, { ...entry, ...result.error, dyno: dyno.name, connectMs: result.connectMs, serviceMs: result.serviceMs, status: result.status, bytes: result.bytes });
    } finally {
      dyno.inflight--;
    }
  }

  private findApp(fixedApp: string | undefined, hostHeader: string | undefined): AppRow | undefined {
    const { platform } = this.ctx;
    try {
      if (fixedApp) return platform.apps.find(fixedApp);
      const host = (hostHeader ?? '').replace(/:\d+$/, '').toLowerCase();
      const named = /^([a-z][a-z0-9-]*)\.(?:localhost|herokuapp\.com)$/.exec(host);
      if (named) return platform.apps.find(named[1]!);
      const domain = platform.db.prepare('SELECT app_id FROM domains WHERE hostname = ?').get(host) as { app_id: string } | undefined;
      return domain ? platform.apps.find(domain.app_id) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The next up web dyno, round-robin. */
  private pick(appId: string): Dyno | undefined {
    const dynos = this.ctx.dynos.routable(appId);
    if (dynos.length === 0) return undefined;
    const turn = ((this.turn.get(appId) ?? -1) + 1) % dynos.length;
    this.turn.set(appId, turn);
    return dynos[turn];
  }

  /** While a web dyno boots, requests wait for it, as Heroku's router holds them (H20 after the wait). */
  private async waitForDyno(appId: string): Promise<Dyno | undefined> {
    const deadline = Date.now() + this.ctx.bootWaitMs;
    while (!this.closed && Date.now() < deadline && this.ctx.dynos.webTrouble(appId) === 'starting') {
      await sleep(50);
      const dyno = this.pick(appId);
      if (dyno) return dyno;
    }
    return undefined;
  }

  private async answerPage(res: ServerResponse, kind: PageKind, url: string | undefined): Promise<void> {
    const body = await this.pages.get(kind, url);
    if (res.headersSent || res.destroyed) return;
    res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache, no-store', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }

  private log(appId: string, entry: RouterLogEntry): void {
    this.ctx.appLogs.add(appId, 'heroku', 'router', routerLogLine(entry));
  }
}

/** The client's X-Request-ID when it is a plausible one (20–200 characters), else a new one, as Heroku does. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w+=/-]{20,200}$/.test(given) ? given : randomUUID();
}

function listenOn(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
