import { spawn } from 'node:child_process';

export interface ProcessResult {
  /** null when the process was killed (timeout) or never started. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Why it never started ("not found", "not executable"), or that it ran out of time. */
  failure?: string;
}

export interface ProcessOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

const START_FAILURES: Record<string, string> = { ENOENT: 'not found', EACCES: 'not executable' };

/**
 * Runs a program to completion and collects its output. Never rejects: a program that cannot start or
 * runs too long is a result like any other, so callers turn every outcome into a message for the user.
 */
export function runProcess(command: string, args: string[], options: ProcessOptions): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let failure: string | undefined;
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      failure = `did not finish within ${options.timeoutMs / 1000}s`;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      failure ??= START_FAILURES[error.code ?? ''] ?? error.message;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        exitCode: failure ? null : code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        ...(failure !== undefined && { failure }),
      });
    });
  });
}

/** The last non-blank line: for a Python traceback, the exception and its message. */
export function lastLine(text: string): string | undefined {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  return lines.at(-1);
}
