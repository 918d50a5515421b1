import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildResult {
  /** null when the process died of a signal or never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Why it never started ("git not found"). */
  failure?: string;
}

export interface ChildOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed; stdin is /dev/null otherwise. */
  input?: string;
  /** Each complete line of stdout and stderr as it arrives (interleaved as the child wrote them). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /**
   * Run it in a process group of its own, so `kill` reaches its children too (git push's transport
   * helper). It then no longer gets the terminal's Ctrl-C: the caller's interrupt handler must kill it.
   */
  group?: boolean;
}

export interface RunningChild {
  process: ChildProcess;
  done: Promise<ChildResult>;
  kill(signal?: NodeJS.Signals): void;
}

const START_FAILURES: Record<string, string> = { ENOENT: 'not found', EACCES: 'not executable' };

/**
 * Starts a program and streams its output line by line. `done` never rejects: a program that cannot start
 * or is killed is a result like any other. The handle lets a caller kill it (on Ctrl-C, on a timeout).
 */
export function startChild(command: string, args: string[], options: ChildOptions): RunningChild {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    detached: options.group === true,
  });
  const kill = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      if (options.group) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // Already gone.
    }
  };
  const done = new Promise<ChildResult>((resolve) => {
    const out = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    const partial = { stdout: '', stderr: '' };
    let failure: string | undefined;
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      out[stream].push(chunk);
      if (!options.onLine) return;
      // Git and progress bars separate updates with \r; each counts as a line.
      const lines = (partial[stream] + chunk.toString('utf8')).split(/\r\n|\r|\n/);
      partial[stream] = lines.pop() ?? '';
      for (const line of lines) options.onLine(line, stream);
    };
    child.stdout?.on('data', collect('stdout'));
    child.stderr?.on('data', collect('stderr'));
    child.on('error', (error: NodeJS.ErrnoException) => {
      failure ??= `${command} ${START_FAILURES[error.code ?? ''] ?? error.message}`;
    });
    child.on('close', (code, signal) => {
      for (const stream of ['stdout', 'stderr'] as const) if (partial[stream]) options.onLine?.(partial[stream], stream);
      resolve({
        code: failure ? null : code,
        signal,
        stdout: Buffer.concat(out.stdout).toString('utf8'),
        stderr: Buffer.concat(out.stderr).toString('utf8'),
        ...(failure !== undefined && { failure }),
      });
    });
    if (options.input !== undefined) {
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(options.input);
    }
  });
  return { process: child, done, kill };
}

export function runChild(command: string, args: string[], options: ChildOptions): Promise<ChildResult> {
  return startChild(command, args, options).done;
}
