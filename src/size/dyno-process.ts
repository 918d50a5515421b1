import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { InputError } from '../core/errors.js';

/**
 * Runs one Procfile command the way a dyno does: through `/bin/sh -c`, in a process group of its own,
 * with the environment it is given (PORT included), and counts it as booted once something accepts
 * connections on $PORT. Stopping sends SIGTERM to the whole group and SIGKILL after a grace period, like
 * the dyno manager. Shared by `implanta size` and any other code that must run a web process locally.
 */

export interface DynoSpec {
  /** The Procfile command, e.g. `gunicorn hollow.wsgi --log-file -`. */
  command: string;
  cwd: string;
  /** The complete environment; nothing is inherited. It must contain PORT. */
  env: NodeJS.ProcessEnv;
  port: number;
  /** Heroku gives a web process 60 s to bind $PORT (R10). */
  bootTimeoutMs: number;
  /** For messages: `web.1`. */
  name?: string;
  signal?: AbortSignal;
  /** Each line the process writes (stdout and stderr), as it comes: for a log stream. */
  onLine?: (line: string) => void;
  /** False for a process that serves no port (a worker): started counts as booted. Default true. */
  waitForBind?: boolean;
}

export interface DynoExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The web process failed to boot, or died: what the user reads, plus the log lines that explain it. */
export class DynoError extends InputError {
  constructor(
    message: string,
    readonly logTail: string[],
    /** Heroku's error code when there is one: `R10` for a web process that never bound $PORT. */
    readonly code?: 'R10',
  ) {
    super(message);
  }
}

const LOG_LINES = 40;
const POLL_MS = 100;
const STOP_GRACE_MS = 5_000;

/** Process groups still running, killed if this process exits without stopping them (a crash, process.exit). */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function trackGroup(pgid: number): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const group of liveGroups) killGroup(group, 'SIGKILL');
    });
  }
  liveGroups.add(pgid);
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Keeps the last lines of a stream: enough to explain a crash, bounded for a process that logs a lot. */
class LineTail {
  private readonly lines: string[] = [];
  private partial = '';

  push(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) this.lines.push(line.trimEnd());
    if (this.lines.length > LOG_LINES) this.lines.splice(0, this.lines.length - LOG_LINES);
  }

  last(n: number): string[] {
    const all = this.partial.trim() ? [...this.lines, this.partial.trimEnd()] : this.lines;
    return all.slice(-n);
  }
}

export class DynoProcess {
  private readonly stderr = new LineTail();
  private readonly output = new LineTail();
  private exitInfo: DynoExit | undefined;
  readonly exited: Promise<DynoExit>;
  readonly pid: number;
  readonly name: string;
  bootMs = 0;

  constructor(
    child: ChildProcess,
    readonly port: number,
    name: string,
    onLine?: (line: string) => void,
  ) {
    this.name = name;
    this.pid = child.pid!;
    trackGroup(this.pid);
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr.push(chunk);
      this.output.push(chunk);
    });
    if (onLine) {
      for (const stream of [child.stdout, child.stderr]) {
        let partial = '';
        stream?.on('data', (chunk: Buffer) => {
          const lines = (partial + chunk.toString('utf8')).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) onLine(line.trimEnd());
        });
        stream?.on('end', () => partial && onLine(partial.trimEnd()));
      }
    }
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
    });
    // The leader gone, anything left in its group is an orphan: the dyno manager would not leave it running.
    void this.exited.then(() => {
      killGroup(this.pid, 'SIGKILL');
      liveGroups.delete(this.pid);
    });
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** The last stderr lines (where gunicorn and Python tracebacks go), else the last output lines. */
  logTail(n = 10): string[] {
    const errors = this.stderr.last(n);
    return errors.length ? errors : this.output.last(n);
  }

  describeExit(): string {
    const info = this.exitInfo;
    if (!info) return 'still running';
    return info.signal ? `killed by ${info.signal}` : `exit status ${info.code}`;
  }

  /** SIGKILL to the whole group at once, as the dyno manager ends a dyno past its memory limit (R15). */
  kill(): void {
    if (!this.exitInfo) killGroup(this.pid, 'SIGKILL');
  }

  /** SIGTERM to the group, SIGKILL after the grace period; resolves once the leader is gone. */
  async stop(graceMs = STOP_GRACE_MS): Promise<DynoExit> {
    if (this.exitInfo) return this.exitInfo;
    killGroup(this.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(this.pid, 'SIGKILL'), graceMs);
    const info = await this.exited;
    clearTimeout(timer);
    return info;
  }
}

/**
 * Starts the command and waits until $PORT accepts connections. Rejects with Heroku's R10 wording when it
 * never binds in time, and with the last stderr lines when it exits first; the process is stopped either way.
 */
export async function startDyno(spec: DynoSpec): Promise<DynoProcess> {
  const name = spec.name ?? 'web.1';
  const child = spawn('/bin/sh', ['-c', spec.command], {
    cwd: spec.cwd,
    env: spec.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const failedToStart = new Promise<Error>((resolve) => child.once('error', resolve));
  if (child.pid === undefined) throw new InputError(`${name}: cannot start /bin/sh (${(await failedToStart).message})`);
  const dyno = new DynoProcess(child, spec.port, name, spec.onLine);
  const started = Date.now();
  if (spec.waitForBind === false) return dyno;
  try {
    await waitForPort(dyno, spec);
  } catch (error) {
    await dyno.stop();
    throw error;
  }
  dyno.bootMs = Date.now() - started;
  return dyno;
}

async function waitForPort(dyno: DynoProcess, spec: DynoSpec): Promise<void> {
  const deadline = Date.now() + spec.bootTimeoutMs;
  while (Date.now() < deadline) {
    spec.signal?.throwIfAborted();
    if (!dyno.running) {
      const tail = dyno.logTail();
      const last = tail.at(-1);
      throw new DynoError(`${dyno.name}: the web process exited before binding $PORT (${dyno.describeExit()})${last ? `: ${last}` : ''}`, tail);
    }
    if (await accepts(spec.port)) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const seconds = Math.round(spec.bootTimeoutMs / 100) / 10;
  throw new DynoError(`${dyno.name}: Error R10 (Boot timeout) -> Web process failed to bind to $PORT within ${seconds} seconds of launch`, dyno.logTail(), 'R10');
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** A port nothing listens on right now, as the dyno manager picks one for $PORT. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
