import { writeSync } from 'node:fs';

/**
 * Writes text to standard output at once, synchronously. Why not process.stdout: on a pipe (CI, the
 * bench, `| jq`) its first use loads Node's net and stream modules, a few milliseconds of a short
 * command's budget; and a synchronous write is whole before a short command's early exit
 * (src/cli/short-runs.ts) on every platform.
 */
export function writeStdout(text: string): void {
  writeAll(1, text);
}

/** The same for standard error (the one-line failure message). */
export function writeStderr(text: string): void {
  writeAll(2, text);
}

/**
 * A reader that went away (`implanta check | head -1`) ends the writing quietly, as for any Unix tool,
 * rather than with Node's stack trace for EPIPE; an output opened non-blocking by whoever started us
 * is waited on, a millisecond at a time.
 */
function writeAll(fd: 1 | 2, text: string): void {
  if (capture) return capture(fd, text);
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw error;
      Atomics.wait(PAUSE, 0, 0, 1);
    }
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

let capture: ((fd: 1 | 2, text: string) => void) | undefined;

/**
 * For a command run in-process by another program (the fuzz campaign's workers run `check` on one
 * project after another): what it writes goes to `to` instead of the descriptors; undefined puts them
 * back. The CLI itself never calls it.
 */
export function captureStandardStreams(to: ((fd: 1 | 2, text: string) => void) | undefined): void {
  capture = to;
}

/**
 * For the commands that print as they go through process.stdout and process.stderr (deploy, logs,
 * local…): a reader that went away (`implanta releases | head -1`) is no reason to stop, least of all
 * in the middle of a deploy, and no reason for a stack trace. What is printed after is dropped.
 */
export function ignoreBrokenPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    });
  }
}
