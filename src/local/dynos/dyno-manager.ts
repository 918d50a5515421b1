import { setTimeout as sleep } from 'node:timers/promises';
import { DynoError, freePort, startDyno, type DynoExit } from '../../size/dyno-process.js';
import { resolveDynoSize } from '../platform/catalog.js';
import type { Platform } from '../platform/platform.js';
import type { SlugDirs } from '../build/slug-dirs.js';
import { slugEnv } from '../build/slug-env.js';
import type { AppLogs } from './app-logs.js';
import { crashRestartDelay } from './crash-backoff.js';
import { checkDynoMemory } from './memory-quota.js';
import { Dyno, type DynoRelease, type DynoState } from './dyno.js';

export interface DynoManagerContext {
  platform: Platform;
  appLogs: AppLogs;
  slugDirs: SlugDirs;
  python: () => Promise<string>;
  /** R10: how long a web dyno has to bind $PORT (Heroku: 60 s). */
  bootTimeoutMs: number;
  /** The wait before the second restart of a crashing dyno; it doubles with each crash after. */
  crashRestartDelayMs: number;
  /** How often each up dyno's memory is measured against its size's quota (R14, R15); 0 never. */
  memoryCheckMs?: number;
  /** The memory every size is taken to have (MB), its R15 multiple kept; default each size's own. */
  memoryQuotaMb?: number;
}

interface FormationRow {
  type: string;
  command: string;
  quantity: number;
  size: string;
}

interface Target {
  release: DynoRelease;
  formation: FormationRow[];
}

/** Heroku gives a stopping dyno 30 s after SIGTERM before SIGKILL; locally 10 s is plenty. */
const STOP_GRACE_MS = 10_000;
/** How long a retiring dyno may take to answer the requests it already has. */
const DRAIN_MS = 10_000;
/** Heroku logs a dyno's memory about every 20 s while it is over its quota. */
const MEMORY_CHECK_MS = 20_000;

/**
 * The dyno manager: runs each app's formation on its current release as real processes, and follows every
 * change — a release going live restarts them (with preboot, the new web dynos boot and take traffic
 * before the old stop), scaling starts and stops dynos, crashed dynos restart with Heroku's backoff.
 * Changes to one app happen one at a time, in order.
 */
export class DynoManager {
  private readonly dynos = new Map<string, Dyno[]>();
  private readonly queues = new Map<string, Promise<void>>();
  /** Boots in progress, so closing waits for processes still starting. */
  private readonly booting = new Set<Promise<void>>();
  private closed = false;
  private readonly memoryTimer: NodeJS.Timeout | undefined;
  private checkingMemory = false;
  private readonly killedForMemory = new WeakSet<object>();

  constructor(private readonly ctx: DynoManagerContext) {
    const every = ctx.memoryCheckMs ?? MEMORY_CHECK_MS;
    if (every > 0) this.memoryTimer = setInterval(() => void this.checkMemory(), every).unref();
  }

  /** Every up dyno against its size's memory quota, as Heroku's dyno manager samples them. */
  private async checkMemory(): Promise<void> {
    // One round at a time: a slow /proc read must not let rounds pile up and log one R14 twice.
    if (this.checkingMemory) return;
    this.checkingMemory = true;
    try {
      const dynos = [...this.dynos.values()].flat().filter((d) => d.state === 'up' && d.process?.running && !d.stopping && !this.killedForMemory.has(d.process));
      await Promise.all(
        dynos.map(async (dyno) => {
          const size = resolveDynoSize(dyno.size);
          if (!size || !dyno.process) return;
          const process = dyno.process;
          await checkDynoMemory({
            pid: process.pid,
            quota: this.ctx.memoryQuotaMb ? { memory_mb: this.ctx.memoryQuotaMb, r15_multiple: size.r15_multiple } : size,
            say: (message) => this.ctx.appLogs.add(dyno.appId, 'heroku', dyno.name, message),
            kill: () => {
              // R15 is said once: the process is not measured again while it dies.
              this.killedForMemory.add(process);
              process.kill();
            },
          }).catch(() => undefined);
        }),
      );
    } finally {
      this.checkingMemory = false;
    }
  }

  /**
   * The dynos `heroku ps` shows: not those being stopped, nor (during a preboot) the old web dynos that
   * still serve until the new ones take over, which Heroku hides too.
   */
  list(appId: string): Dyno[] {
    return this.all(appId).filter((d) => !d.stopping && !d.superseded);
  }

  /** The web dynos the router may send a request to now. */
  routable(appId: string): Dyno[] {
    return this.all(appId).filter((d) => d.type === 'web' && d.state === 'up' && d.serving && !d.stopping);
  }

  /** Why no web dyno answers: one is on its way up, or they crashed, or there are none. */
  webTrouble(appId: string): 'starting' | 'crashed' | 'none' {
    const web = this.all(appId).filter((d) => d.type === 'web' && !d.stopping);
    if (web.some((d) => d.state === 'starting' || (d.state === 'up' && !d.serving))) return 'starting';
    return web.length > 0 ? 'crashed' : 'none';
  }

  /** A release went live: every dyno restarts on it. */
  releaseLive(appId: string): Promise<void> {
    return this.enqueue(appId, () => this.deploy(appId));
  }

  /** The formation changed: start or stop dynos to match it. */
  formationChanged(appId: string): Promise<void> {
    return this.enqueue(appId, () => this.scale(appId));
  }

  /** `heroku ps:restart [name]`: a dyno by name or id, a whole process type, or every dyno. */
  restart(appId: string, which?: string): Promise<void> {
    return this.enqueue(appId, async () => {
      const chosen = this.list(appId).filter((d) => !which || d.name === which || d.id === which || d.type === which);
      await this.stop(appId, chosen, false);
      await this.scale(appId);
    });
  }

  stopApp(appId: string): Promise<void> {
    return this.enqueue(appId, async () => {
      await this.stop(appId, this.all(appId), false);
      this.dynos.delete(appId);
    });
  }

  /** After a platform restart: every app's formation runs again on its current release. */
  resumeAll(): Promise<void> {
    const apps = this.ctx.platform.db.prepare('SELECT id FROM apps').all() as { id: string }[];
    return Promise.all(apps.map((app) => this.formationChanged(app.id))).then(() => undefined);
  }

  /** Stops every dyno of every app and accepts no more work. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.memoryTimer);
    await Promise.all([...this.dynos.keys()].map((appId) => this.stop(appId, this.all(appId), false)));
    await Promise.all([...this.queues.values(), ...this.booting]);
  }

  private all(appId: string): Dyno[] {
    return [...(this.dynos.get(appId) ?? [])];
  }

  private enqueue(appId: string, work: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(appId) ?? Promise.resolve()).then(() => (this.closed ? undefined : work()));
    const settled = next.catch((error: Error) => this.ctx.appLogs.add(appId, 'heroku', 'manager', `Dyno change failed: ${error.message}`));
    this.queues.set(appId, settled);
    return settled;
  }

  private async deploy(appId: string): Promise<void> {
    const target = this.target(appId);
    const old = this.all(appId).filter((d) => !d.stopping);
    if (!target) {
      await this.stop(appId, old, false);
      return;
    }
    if (!this.ctx.platform.features.isEnabled(appId, 'preboot')) {
      // Heroku pauses routing, stops the old dynos and boots the new: requests wait for the new ones.
      const fresh = this.create(appId, target, () => true);
      await this.stop(appId, old, false);
      await Promise.all(fresh.map((d) => this.boot(d)));
      return;
    }
    // Preboot: only web dynos overlap; the new ones take traffic once booted, then the old ones go.
    const oldWeb = old.filter((d) => d.type === 'web');
    for (const dyno of oldWeb) dyno.superseded = true;
    await this.stop(appId, old.filter((d) => d.type !== 'web'), false);
    const fresh = this.create(appId, target, (type) => type !== 'web');
    await Promise.all(fresh.map((d) => this.boot(d)));
    for (const dyno of fresh) dyno.serving = true;
    await this.stop(appId, oldWeb, true);
  }

  private async scale(appId: string): Promise<void> {
    const target = this.target(appId);
    const alive = this.all(appId).filter((d) => !d.stopping);
    if (!target) {
      await this.stop(appId, alive, false);
      return;
    }
    const wanted = new Map(target.formation.map((row) => [row.type, row]));
    const extra = alive.filter((d) => (wanted.get(d.type)?.quantity ?? 0) < d.index || d.release.id !== target.release.id);
    await this.stop(appId, extra, false);
    const staying = new Set(alive.filter((d) => !extra.includes(d)).map((d) => d.name));
    const missing = target.formation.flatMap((row) =>
      Array.from({ length: row.quantity }, (_, i) => i + 1)
        .filter((index) => !staying.has(`${row.type}.${index}`))
        .map((index) => this.add(appId, target.release, row, index, true)),
    );
    await Promise.all(missing.map((d) => this.boot(d)));
  }

  /** The current release with a slug, and the formation to run it with. */
  private target(appId: string): Target | undefined {
    const { platform } = this.ctx;
    const release = platform.releases.current(appId);
    if (!release?.slug_id) return undefined;
    const formation = platform.db.prepare('SELECT type, command, quantity, size FROM formation WHERE app_id = ? ORDER BY type').all(appId) as FormationRow[];
    return { release: { id: release.id, version: release.version, slugId: release.slug_id }, formation };
  }

  private create(appId: string, target: Target, serving: (type: string) => boolean): Dyno[] {
    return target.formation.flatMap((row) =>
      Array.from({ length: row.quantity }, (_, i) => this.add(appId, target.release, row, i + 1, serving(row.type))),
    );
  }

  private add(appId: string, release: DynoRelease, row: FormationRow, index: number, serving: boolean): Dyno {
    const dyno = new Dyno(appId, row.type, index, release, row.command, row.size, serving);
    this.dynos.set(appId, [...this.all(appId), dyno]);
    return dyno;
  }

  /** Starts the dyno's process; resolves once it is up or has crashed (a crash schedules its restart). */
  private boot(dyno: Dyno): Promise<void> {
    const booting = this.startProcess(dyno);
    this.booting.add(booting);
    return booting.finally(() => this.booting.delete(booting));
  }

  private async startProcess(dyno: Dyno): Promise<void> {
    const say = (message: string) => this.ctx.appLogs.add(dyno.appId, 'heroku', dyno.name, message);
    say(`Starting process with command \`${dyno.command}\``);
    const controller = new AbortController();
    dyno.boot = controller;
    try {
      const slugDir = this.ctx.slugDirs.forSlug(dyno.release.slugId);
      if (!slugDir) throw new Error(`the slug of v${dyno.release.version} has no files here (it was not built on this platform)`);
      const config = this.ctx.platform.releases.config(dyno.appId, dyno.release.id) as Record<string, string>;
      const port = await freePort();
      const concurrency = resolveDynoSize(dyno.size)?.web_concurrency;
      const env = slugEnv(config, slugDir, await this.ctx.python(), {
        DYNO: dyno.name,
        PORT: String(port),
        ...(concurrency && !config.WEB_CONCURRENCY && { WEB_CONCURRENCY: String(concurrency) }),
      });
      const process = await startDyno({
        command: dyno.command,
        cwd: slugDir,
        env,
        port,
        bootTimeoutMs: this.ctx.bootTimeoutMs,
        name: dyno.name,
        signal: controller.signal,
        waitForBind: dyno.type === 'web',
        onLine: (line) => this.ctx.appLogs.add(dyno.appId, 'app', dyno.name, line),
      });
      if (dyno.stopping) {
        await process.stop(STOP_GRACE_MS);
        return;
      }
      dyno.process = process;
      dyno.upSince = Date.now();
      this.changeState(dyno, 'up');
      void process.exited.then((exit) => this.exited(dyno, exit));
    } catch (error) {
      if (dyno.stopping) return;
      if (error instanceof DynoError && error.code === 'R10') {
        say(`Error R10 (Boot timeout) -> Web process failed to bind to $PORT within ${Math.round(this.ctx.bootTimeoutMs / 1000)} seconds of launch`);
        say('Stopping process with SIGKILL');
        say('Process exited with status 137');
      } else if (error instanceof DynoError) {
        say(`Process exited with status ${/exit status (\d+)/.exec(error.message)?.[1] ?? 137}`);
      } else {
        say(`Cannot start the process: ${(error as Error).message}`);
      }
      this.crashed(dyno);
    } finally {
      dyno.boot = undefined;
    }
  }

  private exited(dyno: Dyno, exit: DynoExit): void {
    if (dyno.stopping) return;
    const status = exit.code ?? 128 + signalNumber(exit.signal);
    this.ctx.appLogs.add(dyno.appId, 'heroku', dyno.name, `Process exited with status ${status}`);
    this.crashed(dyno);
  }

  private crashed(dyno: Dyno): void {
    this.changeState(dyno, 'crashed');
    // A dyno that stayed up a while starts its backoff over.
    if (dyno.upSince !== undefined && Date.now() - dyno.upSince > 600_000) dyno.crashes = 0;
    dyno.crashes += 1;
    dyno.upSince = undefined;
    if (this.closed) return;
    const delay = crashRestartDelay(dyno.crashes, this.ctx.crashRestartDelayMs);
    dyno.restartTimer = setTimeout(() => {
      void this.enqueue(dyno.appId, async () => {
        if (dyno.stopping || dyno.state !== 'crashed') return;
        this.changeState(dyno, 'starting');
        // Not awaited: a dyno crashing in a loop must not hold up the app's other changes.
        void this.boot(dyno);
      });
    }, delay);
  }

  private changeState(dyno: Dyno, state: DynoState): void {
    const before = dyno.setState(state);
    if (before !== state) this.ctx.appLogs.add(dyno.appId, 'heroku', dyno.name, `State changed from ${before} to ${state}`);
  }

  /** Stops dynos as the dyno manager does (SIGTERM, then SIGKILL), after their requests if `drain`. */
  private async stop(appId: string, dynos: Dyno[], drain: boolean): Promise<void> {
    for (const dyno of dynos) {
      dyno.stopping = true;
      dyno.serving = false;
      clearTimeout(dyno.restartTimer);
      dyno.boot?.abort();
    }
    if (drain) {
      const deadline = Date.now() + DRAIN_MS;
      while (dynos.some((d) => d.inflight > 0) && Date.now() < deadline) await sleep(50);
    }
    await Promise.all(
      dynos.map(async (dyno) => {
        if (dyno.process?.running) {
          this.ctx.appLogs.add(appId, 'heroku', dyno.name, 'Stopping all processes with SIGTERM');
          const exit = await dyno.process.stop(STOP_GRACE_MS);
          this.ctx.appLogs.add(appId, 'heroku', dyno.name, `Process exited with status ${exit.code ?? 128 + signalNumber(exit.signal)}`);
        }
        this.changeState(dyno, 'down');
      }),
    );
    const gone = new Set(dynos);
    this.dynos.set(appId, this.all(appId).filter((d) => !gone.has(d)));
  }
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal === 'SIGTERM' ? 15 : signal === 'SIGINT' ? 2 : 9;
}
