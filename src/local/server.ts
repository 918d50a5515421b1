import { createServer } from 'node:http';
import type { Server } from 'node:net';
import { InputError } from '../core/errors.js';
import type { AddressInfo } from 'node:net';
import { createApiHandler } from './api/handler.js';
import { seededRandom, type Fault } from './api/faults.js';
import { RateLimiter } from './api/rate-limit.js';
import { logRequests } from './api/request-log.js';
import { openPlatformDb } from './db.js';
import { localCertificate } from './front/certificate.js';
import { FrontDoor } from './front/front-door.js';
import { Platform } from './platform/platform.js';
import { PostgresProvisioner } from './platform/postgres-provisioner.js';
import { ROUTES } from './api/routes.js';
import { LocalRuntime, type RuntimeOptions } from './runtime.js';

export { parseFault, parseLatency, type Fault } from './api/faults.js';
export { Platform } from './platform/platform.js';

export interface LocalPlatformOptions {
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  host?: '127.0.0.1';
  faults?: Fault[];
  latencyMs?: number;
  /** Superuser URL of a PostgreSQL server in which heroku-postgresql add-ons get real databases. */
  postgresUrl?: string;
  /** Seeds the fault draws, so a test sees the same faults on every run. */
  seed?: number;
  /** Largest list page (Heroku: 1000). */
  maxPageSize?: number;
  /** Request tokens per account (Heroku: 4500, refilled at 75 a minute). */
  rateLimit?: number;
  /** Delay before an ACM certificate counts as issued (default 3 s). */
  acmDelayMs?: number;
  /**
   * Run what is pushed (git, builds, release phase, dynos, router: src/local/runtime.ts). Apps then carry a
   * local `git_url` and `web_url`; without it they carry Heroku's, builds stay pending and nothing runs.
   */
  run?: Omit<RuntimeOptions, 'dataDir'>;
  /** Called with one line per answered request (`GET /apps 200 3ms`): `--log-requests`. */
  logRequest?: (line: string) => void;
}

export interface LocalPlatform {
  url: string;
  /** The service layer, for the build and release work and for tests that seed state HTTP cannot. */
  platform: Platform;
  /** The running side, when `run` was given: its router, dynos and app logs. */
  runtime?: LocalRuntime;
  /**
   * The platform's self-signed certificate, when it serves TLS on its port too (with `run`, and openssl
   * there): HTTPS git at `/APP.git` and the rendezvous of attached one-off dynos. Clients trust it with
   * NODE_EXTRA_CA_CERTS (the Heroku CLI) and GIT_SSL_CAINFO (git).
   */
  certificatePath?: string;
  close(): Promise<void>;
}

/**
 * Starts `implanta local`'s API server: Heroku's Platform API v3 subset on 127.0.0.1, its state in
 * `<dataDir>/platform.sqlite`.
 */
export async function startLocalPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  const host = options.host ?? '127.0.0.1';
  const db = openPlatformDb(options.dataDir);
  let url = '';
  const platform = new Platform({
    db,
    publicUrl: () => url,
    acmDelayMs: options.acmDelayMs,
    postgres: options.postgresUrl ? new PostgresProvisioner(options.postgresUrl) : undefined,
  });
  const runtime = options.run ? await LocalRuntime.start(platform, { ...options.run, dataDir: options.dataDir }) : undefined;
  const handler = createApiHandler({
    platform,
    routes: runtime ? [...ROUTES, ...runtime.routes] : ROUTES,
    rateLimiter: new RateLimiter(options.rateLimit),
    faults: options.faults ?? [],
    random: options.seed === undefined ? Math.random : seededRandom(options.seed),
    latencyMs: options.latencyMs ?? 0,
    maxPageSize: options.maxPageSize ?? 1000,
  });
  const server = createServer((req, res) => {
    if (options.logRequest) logRequests(req, res, options.logRequest);
    if (!runtime?.handle(req, res)) void handler(req, res);
  });
  const certificate = runtime ? await localCertificate(options.dataDir) : undefined;
  const front = certificate && runtime ? new FrontDoor(server, certificate, (secret, socket) => runtime.oneOffs.attach(secret, socket)) : undefined;
  const listener: Server = front?.server ?? server;

  try {
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(options.port, host, () => resolve());
    });
  } catch (error) {
    await runtime?.close();
    db.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new InputError(`--port ${options.port}: another program is listening on ${host}:${options.port}; pick another port`);
    throw error;
  }
  const { port } = listener.address() as AddressInfo;
  url = `http://${host}:${port}`;
  if (front) runtime?.serveRendezvous(`rendezvous://${host}:${port}`);

  return {
    url,
    platform,
    ...(runtime && { runtime }),
    ...(front && certificate && { certificatePath: certificate.certPath }),
    close: async () => {
      await runtime?.close();
      server.closeAllConnections();
      front?.destroyAll();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
      db.close();
    },
  };
}
