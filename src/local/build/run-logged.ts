import { spawn } from 'node:child_process';

export interface LoggedRun {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Each line the process writes, stdout and stderr interleaved as they come. */
  onLine: (line: string) => void;
  /** Stops the process (the platform is shutting down). */
  signal?: AbortSignal;
  timeoutMs?: number;
  stdin?: string;
}

export interface LoggedExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why it never ran, or that it ran out of time or was stopped. */
  failure?: string;
  stdout: string;
}

/**
 * Runs a build or release step in a process group of its own, reporting its output line by line while
 * it runs (the output stream shows it live) and killing the whole group on timeout or abort, so a
 * stuck `manage.py` leaves nothing behind.
 */
export function runLogged(run: LoggedRun): Promise<LoggedExit> {
  return new Promise((resolve) => {
    let failure: string | undefined;
    let stdout = '';
    const child = spawn(run.command, run.args, { cwd: run.cwd, env: run.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const killGroup = (why: string) => {
      failure ??= why;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = run.timeoutMs ? setTimeout(() => killGroup(`did not finish within ${Math.round(run.timeoutMs! / 1000)} s`), run.timeoutMs) : undefined;
    const onAbort = () => killGroup('stopped: the platform is shutting down');
    run.signal?.addEventListener('abort', onAbort, { once: true });
    if (run.signal?.aborted) onAbort();

    const split = lineSplitter(run.onLine);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      split.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => split.push(chunk));
    child.stdin.on('error', () => undefined);
    child.stdin.end(run.stdin ?? '');
    child.on('error', (error) => {
      failure ??= error.message;
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      split.flush();
      resolve({ code: failure ? null : code, signal, stdout, ...(failure !== undefined && { failure }) });
    });
  });
}

/** Cuts a byte stream into lines, keeping a partial line until its end arrives. */
export function lineSplitter(onLine: (line: string) => void): { push(chunk: Buffer): void; flush(): void } {
  let partial = '';
  return {
    push(chunk) {
      const parts = (partial + chunk.toString('utf8')).split(/\r?\n/);
      partial = parts.pop() ?? '';
      for (const line of parts) onLine(line);
    },
    flush() {
      if (partial !== '') onLine(partial);
      partial = '';
    },
  };
}
