import { spawn, type ChildProcess } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { freePort } from '../../size/dyno-process.js';
import { lineSplitter } from '../build/run-logged.js';
import type { SlugDirs } from '../build/slug-dirs.js';
import { slugEnv } from '../build/slug-env.js';
import { resolveDynoSize } from '../platform/catalog.js';
import { ApiError, invalid } from '../platform/errors.js';
import { randomHex } from '../platform/ids.js';
import type { Platform } from '../platform/platform.js';
import type { AppLogs } from './app-logs.js';
import { Dyno } from './dyno.js';

export interface OneOffContext {
  platform: Platform;
  appLogs: AppLogs;
  slugDirs: SlugDirs;
  python: () => Promise<string>;
  /** `rendezvous://127.0.0.1:PORT` when the platform serves TLS, else attached runs cannot be served. */
  rendezvousBase: () => string | undefined;
}

export interface OneOffRequest {
  command?: unknown;
  attach?: unknown;
  env?: unknown;
  size?: unknown;
  type?: unknown;
  time_to_live?: unknown;
}

/** How long an attached dyno waits for its client before giving up, as Heroku's rendezvous does. */
const ATTACH_WAIT_MS = 60_000;
/** Heroku's default and longest life of a one-off dyno: 24 hours. */
const MAX_TTL_S = 86_400;
const STOP_GRACE_MS = 10_000;
/** End of transmission: the CLI sends it when its standard input ends (a pipe, not a terminal). */
const EOT = '\u0004';

/** One one-off dyno: its Dyno record (what the API lists), its process once started, its attach secret. */
class OneOff {
  child: ChildProcess | undefined;
  secret: string | undefined;
  attachTimer: NodeJS.Timeout | undefined;
  ttlTimer: NodeJS.Timeout | undefined;
  stopping = false;
  constructor(
    readonly dyno: Dyno,
    readonly env: Record<string, string>,
    readonly ttlS: number,
  ) {}
}

/**
 * One-off dynos (`heroku run`, `heroku run:detached`, `implanta run`): a process started from the current
 * release's slug with the app's config vars, `DYNO=run.N` and any `env` asked for, its output in the app's
 * log under `app[run.N]` with the dyno manager's lines around it. It is listed by GET /apps/{app}/dynos
 * while it runs, can be stopped, and is gone once it exits. Detached, it starts at once; attached, it
 * starts when its client connects to the `attach_url` (the TLS rendezvous) and talks through it.
 */
export class OneOffDynos {
  private readonly running = new Map<string, OneOff[]>();
  private readonly counters = new Map<string, number>();
  private readonly waiting = new Map<string, OneOff>();

  constructor(private readonly ctx: OneOffContext) {}

  list(appId: string): Dyno[] {
    return (this.running.get(appId) ?? []).map((o) => o.dyno);
  }

  attachUrl(dyno: Dyno): string | null {
    const run = this.find(dyno.appId, dyno.id);
    const base = this.ctx.rendezvousBase();
    return run?.secret && base ? `${base}/${run.secret}` : null;
  }

  /** POST /apps/{app}/dynos. */
  async create(appId: string, body: OneOffRequest): Promise<Dyno> {
    if (typeof body.command !== 'string' || !body.command.trim()) throw invalid('command is required.');
    if (body.attach !== undefined && typeof body.attach !== 'boolean') throw invalid('attach must be true or false.');
    const env = requestEnv(body.env);
    const ttlS = body.time_to_live === undefined ? MAX_TTL_S : Number(body.time_to_live);
    if (!Number.isInteger(ttlS) || ttlS < 1 || ttlS > MAX_TTL_S) throw invalid(`time_to_live must be a whole number of seconds, 1 to ${MAX_TTL_S}.`);
    const sizeName = body.size === undefined || body.size === null ? 'basic' : String(body.size);
    const size = resolveDynoSize(sizeName);
    if (!size) throw invalid(`${sizeName} is not a dyno size.`);
    const type = typeof body.type === 'string' && body.type ? body.type : 'run';
    const release = this.ctx.platform.releases.current(appId);
    // Heroku answers 409 while an app has no release with code: the CLI retries, then shows the message.
    if (!release?.slug_id || !this.ctx.slugDirs.forSlug(release.slug_id)) {
      throw new ApiError(409, 'no_release', 'This app has no code released yet: push it first (git push), then run the command again.');
    }
    const attach = body.attach === true;
    if (attach && !this.ctx.rendezvousBase()) {
      throw invalid('Attached runs need TLS, which this platform could not set up (openssl missing); use run:detached.');
    }
    const index = (this.counters.get(appId) ?? 0) + 1;
    this.counters.set(appId, index);
    const dyno = new Dyno(appId, type, index, { id: release.id, version: release.version, slugId: release.slug_id }, body.command, size.name, false);
    const run = new OneOff(dyno, env, ttlS);
    this.running.set(appId, [...(this.running.get(appId) ?? []), run]);
    if (attach) {
      run.secret = randomHex(24);
      this.waiting.set(run.secret, run);
      run.attachTimer = setTimeout(() => {
        this.waiting.delete(run.secret!);
        this.say(run, 'Timed out awaiting a connection to the rendezvous');
        this.finish(run, 'crashed');
      }, ATTACH_WAIT_MS);
    } else {
      void this.start(run);
    }
    return dyno;
  }

  /**
   * A client connected to the rendezvous with `secret`: the dyno starts, its output goes to the client
   * (after a first line the CLI discards) and the client's input to the process. False for an unknown
   * or already used secret.
   */
  attach(secret: string, socket: Duplex): boolean {
    const run = this.waiting.get(secret);
    if (!run) return false;
    this.waiting.delete(secret);
    clearTimeout(run.attachTimer);
    socket.write('rendezvous\r\n');
    void this.start(run, socket);
    return true;
  }

  /** DELETE /apps/{app}/dynos/{dyno} or POST …/actions/stop on a one-off: SIGTERM, then SIGKILL. False if not one. */
  stop(appId: string, identity: string): boolean {
    const run = (this.running.get(appId) ?? []).find((o) => o.dyno.id === identity || o.dyno.name === identity);
    if (!run) return false;
    void this.kill(run);
    return true;
  }

  async stopApp(appId: string): Promise<void> {
    await Promise.all((this.running.get(appId) ?? []).map((run) => this.kill(run)));
    this.running.delete(appId);
  }

  async close(): Promise<void> {
    await Promise.all([...this.running.keys()].map((appId) => this.stopApp(appId)));
  }

  private find(appId: string, id: string): OneOff | undefined {
    return (this.running.get(appId) ?? []).find((o) => o.dyno.id === id);
  }

  private say(run: OneOff, message: string): void {
    this.ctx.appLogs.add(run.dyno.appId, 'heroku', run.dyno.name, message);
  }

  private async start(run: OneOff, socket?: Duplex): Promise<void> {
    const { dyno } = run;
    this.say(run, `Starting process with command \`${dyno.command}\``);
    try {
      const slugDir = this.ctx.slugDirs.forSlug(dyno.release.slugId);
      if (!slugDir) throw new Error(`the slug of v${dyno.release.version} has no files here`);
      const config = this.ctx.platform.releases.config(dyno.appId, dyno.release.id) as Record<string, string>;
      const env = slugEnv(config, slugDir, await this.ctx.python(), { ...run.env, DYNO: dyno.name, PORT: String(await freePort()) });
      if (run.stopping) return;
      const child = spawn('/bin/bash', ['-c', dyno.command], { cwd: slugDir, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
      run.child = child;
      this.changeState(run, 'up');
      run.ttlTimer = setTimeout(() => void this.kill(run), run.ttlS * 1000);
      const log = lineSplitter((line) => this.ctx.appLogs.add(dyno.appId, 'app', dyno.name, line));
      const output = (chunk: Buffer) => {
        log.push(chunk);
        if (socket && !socket.destroyed) socket.write(chunk);
      };
      child.stdout!.on('data', output);
      child.stderr!.on('data', output);
      child.stdin!.on('error', () => undefined);
      if (socket) {
        socket.on('data', (chunk: Buffer) => {
          const text = chunk.toString('utf8');
          const end = text.indexOf(EOT);
          if (end === -1) child.stdin!.write(chunk);
          else child.stdin!.end(text.slice(0, end));
        });
        socket.on('close', () => {
          if (child.exitCode === null && child.signalCode === null) void this.kill(run);
        });
        socket.on('error', () => undefined);
        socket.resume();
      } else {
        child.stdin!.end();
      }
      child.on('close', (code, signal) => {
        log.flush();
        clearTimeout(run.ttlTimer);
        this.say(run, `Process exited with status ${code ?? 128 + (signal === 'SIGTERM' ? 15 : 9)}`);
        socket?.end();
        this.finish(run, 'complete');
      });
    } catch (error) {
      this.say(run, `Cannot start the process: ${(error as Error).message}`);
      socket?.end();
      this.finish(run, 'crashed');
    }
  }

  private changeState(run: OneOff, state: 'up' | 'crashed' | 'complete'): void {
    const before = run.dyno.setState(state === 'complete' ? 'down' : state);
    this.say(run, `State changed from ${before} to ${state}`);
  }

  /** The dyno is gone: no longer listed. */
  private finish(run: OneOff, state: 'crashed' | 'complete'): void {
    this.changeState(run, state);
    const list = (this.running.get(run.dyno.appId) ?? []).filter((o) => o !== run);
    this.running.set(run.dyno.appId, list);
  }

  private async kill(run: OneOff): Promise<void> {
    run.stopping = true;
    if (run.secret) this.waiting.delete(run.secret);
    clearTimeout(run.attachTimer);
    const child = run.child;
    if (!child) {
      if (this.find(run.dyno.appId, run.dyno.id)) this.finish(run, 'complete');
      return;
    }
    if (child.exitCode !== null || child.signalCode !== null) return;
    this.say(run, 'Stopping all processes with SIGTERM');
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_GRACE_MS);
    await closed;
    clearTimeout(timer);
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** `env` of a run request: names to strings (the CLI sends TERM, COLUMNS, LINES and `-e` pairs). */
function requestEnv(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid('env must be an object of names to values.');
  const env: Record<string, string> = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    if (raw === undefined || raw === null) continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw invalid(`env: ${key} is not a variable name.`);
    env[key] = String(raw);
  }
  return env;
}
