import { mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { randomHex } from './platform/ids.js';
import { findPython } from '../python/interpreter.js';
import { sendError } from './api/http-io.js';
import type { Route } from './api/router.js';
import { ApiError } from './platform/errors.js';
import { Builder } from './build/builder.js';
import { SlugDirs } from './build/slug-dirs.js';
import { SourceStore } from './build/sources.js';
import { AppLogs } from './dynos/app-logs.js';
import { DynoManager } from './dynos/dyno-manager.js';
import { LogSessions } from './dynos/log-sessions.js';
import { OneOffDynos } from './dynos/one-off.js';
import { dynoRoutes } from './dynos/routes.js';
import { gitPath, handleGit, isGitPath } from './git/git-endpoint.js';
import { handlePreReceive } from './git/push-hook.js';
import { AppRepos } from './git/repos.js';
import type { Platform } from './platform/platform.js';
import { Releaser } from './release/releaser.js';
import { LocalRouter } from './router/router.js';
import { RouterPorts } from './router/router-ports.js';
import { OutputLogs } from './streams/output-log.js';
import { serveOutput } from './streams/serve-output.js';

export interface RuntimeOptions {
  dataDir: string;
  /** The interpreter builds and dynos use (`--python`); default: the first that can import Django. */
  python?: string;
  /** R10: how long a web dyno has to bind $PORT (default 60 s). */
  bootTimeoutMs?: number;
  /** The router's shared port (default: any free one). */
  routerPort?: number;
  /** H12: how long a dyno has to start answering a request (default 30 s). */
  routerTimeoutMs?: number;
  /** The wait before a crashing dyno's second restart, doubling after (default 10 s). */
  crashRestartDelayMs?: number;
  /** How often dynos' memory is checked against their size's quota (R14/R15; default 20 s, 0 never). */
  memoryCheckMs?: number;
  /**
   * The memory every dyno size is taken to have, in MB, instead of its own (R14 above it, R15 at the size's
   * multiple of it): rehearses R14 and R15 without allocating gigabytes. Default: each size's memory.
   */
  memoryQuotaMb?: number;
  /** H20: how long the router holds a request for a booting web dyno (default 75 s, or the boot timeout + 15 s). */
  routerBootWaitMs?: number;
  /** Every app log line as it happens (the CLI prints them), prefixed by nothing: `… app[web.1]: …`. */
  onLog?: (appName: string, line: string) => void;
}

const HEROKU_BOOT_TIMEOUT_MS = 60_000;
const HEROKU_ROUTER_TIMEOUT_MS = 30_000;
/** H20: Heroku's router holds a request 75 s for a booting dyno. */
const HEROKU_BOOT_WAIT_MS = 75_000;

/**
 * The running half of `implanta local`: what happens to pushed code. It plugs into the Platform through
 * its hooks (a recorded build is run, a live release restarts the dynos, the formation is followed, app
 * URLs point here), serves git, build and release output and log sessions on the API's port, and runs
 * the router on ports of its own.
 */
export class LocalRuntime {
  readonly routes: Route[];
  readonly appLogs: AppLogs;
  readonly dynos: DynoManager;
  readonly router: LocalRouter;
  /** `heroku run`, `run:detached`, `implanta run`. */
  readonly oneOffs: OneOffDynos;
  private readonly streams: OutputLogs;
  private readonly repos: AppRepos;
  private readonly sources: SourceStore;
  private readonly builder: Builder;
  private readonly releaser: Releaser;
  private readonly logSessions: LogSessions;
  private readonly hookToken = randomHex(24);
  private readonly stopping = new AbortController();
  private python: Promise<string> | undefined;
  private rendezvousBase: string | undefined;

  private constructor(
    private readonly platform: Platform,
    private readonly options: RuntimeOptions,
  ) {
    const dir = (name: string) => join(options.dataDir, name);
    const publicUrl = () => platform.options.publicUrl();
    this.appLogs = new AppLogs(1500, options.onLog && ((appId, line) => options.onLog!(this.appName(appId), line)));
    this.streams = new OutputLogs(mkdir(dir('streams')));
    this.repos = new AppRepos(dir('repos'));
    this.sources = new SourceStore(dir('sources'), publicUrl);
    const slugDirs = new SlugDirs(platform, mkdir(dir('slugs')));
    const python = () => this.interpreter();
    this.releaser = new Releaser({ platform, streams: this.streams, appLogs: this.appLogs, slugDirs, python, signal: this.stopping.signal });
    this.dynos = new DynoManager({
      platform,
      appLogs: this.appLogs,
      slugDirs,
      python,
      bootTimeoutMs: options.bootTimeoutMs ?? HEROKU_BOOT_TIMEOUT_MS,
      crashRestartDelayMs: options.crashRestartDelayMs ?? 10_000,
      ...(options.memoryCheckMs !== undefined && { memoryCheckMs: options.memoryCheckMs }),
      ...(options.memoryQuotaMb !== undefined && { memoryQuotaMb: options.memoryQuotaMb }),
    });
    const timeoutMs = options.routerTimeoutMs ?? HEROKU_ROUTER_TIMEOUT_MS;
    this.router = new LocalRouter({
      platform,
      dynos: this.dynos,
      appLogs: this.appLogs,
      ports: new RouterPorts(platform.db, () => this.router.port),
      timeoutMs,
      bootWaitMs: options.routerBootWaitMs ?? Math.min(HEROKU_BOOT_WAIT_MS, (options.bootTimeoutMs ?? HEROKU_BOOT_TIMEOUT_MS) + 15_000),
    });
    this.builder = new Builder({
      platform,
      streams: this.streams,
      sources: this.sources,
      slugDirs,
      releaser: this.releaser,
      python,
      webUrl: (appId) => this.router.webUrl(appId),
      signal: this.stopping.signal,
    });
    this.logSessions = new LogSessions(this.appLogs, publicUrl);
    this.oneOffs = new OneOffDynos({ platform, appLogs: this.appLogs, slugDirs, python, rendezvousBase: () => this.rendezvousBase });
    this.routes = dynoRoutes(this.dynos, this.logSessions, this.oneOffs);
  }

  /** Wires the runtime into the platform, starts the router and brings every app's dynos back up. */
  static async start(platform: Platform, options: RuntimeOptions): Promise<LocalRuntime> {
    const runtime = new LocalRuntime(platform, options);
    runtime.settleInterrupted();
    Object.assign(platform.hooks, {
      buildCreated: (buildId: string) => {
        runtime.builder.start(buildId);
      },
      releaseLive: (appId: string) => void runtime.dynos.releaseLive(appId),
      formationChanged: (appId: string) => void runtime.dynos.formationChanged(appId),
      appDeleted: (appId: string) => runtime.forgetApp(appId),
      releaseOutputStreamUrl: (releaseId: string) => {
        const path = runtime.releaser.outputStreamPath(releaseId);
        return path && `${platform.options.publicUrl()}${path}`;
      },
      appUrls: (app: { id: string; name: string }) => ({
        git_url: `${platform.options.publicUrl()}${gitPath(app.name)}`,
        web_url: runtime.router.webUrl(app.id),
      }),
    } satisfies Platform['hooks']);
    await runtime.router.listen(options.routerPort ?? 0);
    void runtime.dynos.resumeAll();
    return runtime;
  }

  /** Takes the requests that are the runtime's (git, the pre-receive hook, output streams, log sessions, sources); false for API requests. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const stream = /^\/streams\/(builds|releases|logs)\/([\w-]+)$/.exec(path);
    let work: Promise<unknown> | undefined;
    if (isGitPath(path)) {
      work = handleGit(req, res, url, { platform: this.platform, repos: this.repos, hookUrl: () => `${this.platform.options.publicUrl()}/hooks/pre-receive`, hookToken: this.hookToken });
    } else if (path === '/hooks/pre-receive' && req.method === 'POST') {
      work = handlePreReceive(req, res, { platform: this.platform, repos: this.repos, sources: this.sources, builder: this.builder, token: this.hookToken });
    } else if (stream && req.method === 'GET') {
      if (stream[1] === 'logs') this.logSessions.serve(req, res, stream[2]!);
      else serveOutput(req, res, this.streams.get(stream[2]!));
      return true;
    } else if (path.startsWith('/sources/') && req.method === 'GET') {
      return this.sources.handle(res, path);
    } else {
      return false;
    }
    work.catch((error: Error) => {
      console.error(`implanta local: ${req.method} ${path}: ${error.stack ?? error.message}`);
      if (!res.headersSent) sendError(res, new ApiError(500, 'internal_server_error', 'Internal server error.'));
      else res.end();
    });
    return true;
  }

  /** Where attached one-off dynos are reached (`rendezvous://127.0.0.1:PORT`), once the platform serves TLS. */
  serveRendezvous(base: string): void {
    this.rendezvousBase = base;
  }

  /** Stops builds, release phases and dynos, and closes the router. */
  async close(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.builder.running());
    await this.oneOffs.close();
    await this.dynos.close();
    await this.router.close();
  }

  private interpreter(): Promise<string> {
    this.python ??= findPython({ root: this.options.dataDir, ...(this.options.python !== undefined && { explicit: this.options.python }) }).then(
      (found) => found.path,
      (error: Error) => {
        this.python = undefined;
        throw error;
      },
    );
    return this.python;
  }

  private async forgetApp(appId: string): Promise<void> {
    await this.dynos.stopApp(appId);
    await this.oneOffs.stopApp(appId);
    this.router.forget(appId);
    this.repos.remove(appId);
    this.appLogs.forget(appId);
  }

  /** Builds and releases left pending by an earlier run will never finish: they failed. */
  private settleInterrupted(): void {
    const builds = this.platform.db.prepare("SELECT id FROM builds WHERE status = 'pending'").all() as { id: string }[];
    for (const { id } of builds) this.platform.builds.finish(id, { status: 'failed' });
    const releases = this.platform.db.prepare("SELECT id FROM releases WHERE status = 'pending'").all() as { id: string }[];
    for (const { id } of releases) this.platform.releases.finish(id, 'failed');
  }

  private appName(appId: string): string {
    try {
      return this.platform.apps.find(appId).name;
    } catch {
      return appId;
    }
  }
}

function mkdir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
