import { connect, type TLSSocket } from 'node:tls';
import { PlatformError } from '../core/errors.js';

/** What Heroku's CLI appends to learn the command's exit status through the rendezvous (`heroku run -x`). */
const STATUS_MARK = '\uFFFF heroku-command-exit-status: ';
const STATUS_LINE = /\uFFFF heroku-command-exit-status: (\d+)\r?\n?/;

/**
 * The command as sent, so that its exit status comes back on the stream as the last line; in a subshell,
 * so that a command ending in `exit N` still reports N.
 */
export function withExitStatus(command: string): string {
  return `(${command}) ; echo "${STATUS_MARK}$?"`;
}

export interface AttachIo {
  /** Standard input, ended by the end-of-transmission byte the dyno reads as end of input. */
  input?: NodeJS.ReadableStream;
  /** The process's output (stdout and stderr as the dyno interleaves them), the status line removed. */
  output: (text: string) => void;
}

/**
 * Attaches to a one-off dyno through its `attach_url` (`rendezvous://HOST:PORT/SECRET`), as Heroku's
 * CLI does: TLS to HOST:PORT, the secret as the first line, a first line back that says nothing, then the
 * process's output until it exits. Resolves with the exit status the command echoed, or null if the
 * connection closed without one. The certificate is verified, except on a loopback host: there it is
 * the local platform's own self-signed one and the traffic never leaves the machine.
 */
export function attachToDyno(attachUrl: string, io: AttachIo): Promise<number | null> {
  const url = new URL(attachUrl);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return new Promise((resolve, reject) => {
    const socket: TLSSocket = connect({ host: url.hostname, port: Number(url.port || 5000), servername: loopback ? undefined : url.hostname, rejectUnauthorized: !loopback });
    let greeted = false;
    let pending = '';
    let status: number | null = null;
    socket.setEncoding('utf8');
    socket.on('secureConnect', () => {
      socket.write(`${url.pathname.slice(1)}${url.search}\r\n`);
    });
    socket.on('data', (chunk: string) => {
      let text = chunk;
      if (!greeted) {
        const newline = text.indexOf('\n');
        if (newline === -1) return;
        greeted = true;
        text = text.slice(newline + 1);
        if (io.input) {
          io.input.on('data', (data: Buffer | string) => socket.write(data));
          io.input.on('end', () => socket.write('\u0004'));
        } else {
          socket.write('\u0004');
        }
      }
      // The status line may arrive cut in two: hold back a tail that could be its start.
      pending += text;
      const match = STATUS_LINE.exec(pending);
      if (match) {
        status = Number(match[1]);
        pending = pending.slice(0, match.index) + pending.slice(match.index + match[0].length);
      }
      const hold = pending.lastIndexOf('\uFFFF');
      const ready = hold === -1 || status !== null ? pending : pending.slice(0, hold);
      if (ready) io.output(ready);
      pending = pending.slice(ready.length);
    });
    socket.on('close', () => {
      if (pending) io.output(pending);
      (io.input as { unref?: () => void } | undefined)?.unref?.();
      resolve(status);
    });
    socket.on('error', (error) => reject(new PlatformError(`cannot attach to the dyno at ${url.host}: ${error.message}`)));
  });
}
