import type { Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import type { LocalCertificate } from './certificate.js';

/** A TLS connection starts with a handshake record: content type 22. */
const TLS_HANDSHAKE = 0x16;
/** An HTTP request line: `GET /path HTTP/1.1`. */
const HTTP_REQUEST = /^[A-Z]+ \S+ HTTP\/1\.[01]\r?\n/;

/**
 * One port for everything the platform serves: plain HTTP (the API, git, streams), HTTPS for the same
 * (the Heroku CLI builds `https://HOST/APP.git` itself), and the TLS rendezvous of attached one-off dynos
 * (`attach_url`), where the client's first line is its secret. The first bytes of a connection tell TLS
 * from plain; inside TLS, an HTTP request line tells HTTP from a rendezvous.
 */
export class FrontDoor {
  readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(http: HttpServer, certificate: LocalCertificate, rendezvous: (secret: string, socket: TLSSocket) => boolean) {
    const tls = createTlsServer({ key: certificate.key, cert: certificate.cert }, (socket) => {
      socket.on('error', () => socket.destroy());
      socket.once('data', (chunk: Buffer) => {
        socket.pause();
        const text = chunk.toString('latin1');
        if (HTTP_REQUEST.test(text) || !text.includes('\n')) {
          socket.unshift(chunk);
          http.emit('connection', socket);
          process.nextTick(() => socket.resume());
          return;
        }
        // The rendezvous: the first line is the secret; what follows is the client's input, kept paused
        // until the dyno reads it.
        const rest = chunk.subarray(chunk.indexOf(0x0a) + 1);
        if (rest.length > 0) socket.unshift(rest);
        const secret = text.slice(0, text.indexOf('\n')).replace(/\r$/, '');
        if (!rendezvous(secret, socket)) socket.end('No such dyno is waiting for you (the secret is unknown or already used).\r\n');
      });
    });
    tls.on('tlsClientError', () => undefined);
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      firstChunk(socket, (chunk) => (chunk[0] === TLS_HANDSHAKE ? tls : http).emit('connection', socket));
    });
  }

  /** Drops every connection still open (streams being tailed, attached dynos). */
  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}

/** Reads the first chunk, puts it back, and hands the socket on with nothing consumed. */
function firstChunk(socket: Socket | TLSSocket, next: (chunk: Buffer) => void): void {
  socket.once('data', (chunk: Buffer) => {
    socket.pause();
    socket.unshift(chunk);
    next(chunk);
    process.nextTick(() => socket.resume());
  });
}
