import { hasOption, optionValues, type ServerCommand } from './process-command.js';

/** Whether a process listens where Heroku's router connects: every interface, on $PORT. */
export type PortBinding = { ok: true; how: string } | { ok: false; problem: string } | { ok: 'unknown'; why: string };

/** `$PORT`, `${PORT}`, `${PORT:-5000}`, uwsgi's `$(PORT)`. */
const PORT_REF = /\$(?:PORT\b|\{PORT(?:[:-][^}]*)?\}|\(PORT\))/;
const ALL_INTERFACES = new Set(['', '0.0.0.0', '::', '[::]', '*']);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Judges one `host:port` address; `defaultHost` applies when the address has no host part. */
function judgeAddress(address: string, defaultHost = ''): PortBinding {
  if (/^(unix:|fd:\/\/)/.test(address) || address.startsWith('/')) return { ok: false, problem: `listens on the socket ${address}, not on $PORT` };
  const ref = PORT_REF.exec(address);
  if (!ref) return { ok: false, problem: `listens on the fixed address ${address}, not on $PORT` };
  const written = address.slice(0, ref.index).replace(/:$/, '');
  const host = written === '' ? defaultHost : written;
  if (ALL_INTERFACES.has(host)) return { ok: true, how: `listens on ${address}` };
  if (LOOPBACK.has(host)) return { ok: false, problem: `listens on ${host} only, which Heroku's router cannot reach` };
  if (host.includes('$')) return { ok: 'unknown', why: `the host ${host} comes from the environment` };
  return { ok: false, problem: `listens on ${host} only, not on every interface` };
}

/** The first address that works wins: a server may listen on several. */
function anyAddress(addresses: string[], defaultHost?: string): PortBinding {
  const judged = addresses.map((a) => judgeAddress(a, defaultHost));
  return judged.find((j) => j.ok === true) ?? judged.find((j) => j.ok === 'unknown') ?? judged[0]!;
}

/** Combines a port option and a host option (uvicorn, daphne, waitress) into one address. */
function hostAndPort(host: string | undefined, port: string | undefined, defaultHost: string, defaultPort: string): PortBinding {
  const address = `${host ?? defaultHost}:${port ?? defaultPort}`;
  const judged = judgeAddress(address);
  if (judged.ok === false && port === undefined) return { ok: false, problem: `listens on ${defaultPort}, the server's default port, not on $PORT` };
  if (judged.ok === false && host === undefined && PORT_REF.test(port ?? '')) return { ok: false, problem: `listens on ${defaultHost} (the server's default host) only, which Heroku's router cannot reach` };
  return judged;
}

/**
 * Whether the web server listens on $PORT on every interface. gunicorn needs nothing: with no
 * `--bind` it reads the PORT variable and binds 0.0.0.0:$PORT. The nginx launchers put nginx on $PORT
 * and the server behind it on a socket.
 */
export function portBinding(server: ServerCommand, wrappers: readonly string[] = []): PortBinding {
  if (wrappers.some((w) => w.startsWith('bin/start-nginx'))) return { ok: true, how: 'nginx (bin/start-nginx) listens on $PORT' };
  switch (server.name) {
    case 'gunicorn': {
      const binds = optionValues(server, 'bind');
      return binds.length === 0 ? { ok: true, how: 'gunicorn binds 0.0.0.0:$PORT when PORT is set' } : anyAddress(binds);
    }
    case 'uvicorn': {
      if (hasOption(server, 'uds') || hasOption(server, 'fd')) return { ok: false, problem: 'listens on a socket (--uds/--fd), not on $PORT' };
      return hostAndPort(optionValues(server, 'host').at(-1), optionValues(server, 'port').at(-1), '127.0.0.1', '8000');
    }
    case 'daphne': {
      const endpoints = optionValues(server, 'endpoint');
      if (endpoints.length > 0) {
        const addresses = endpoints.map((e) => {
          const port = /(?:^|:)port=([^:]+)/.exec(e)?.[1] ?? '';
          const iface = /(?:^|:)interface=([^:]+)/.exec(e)?.[1] ?? '';
          return /^tcp:/.test(e) ? `${iface}:${port}` : e;
        });
        return anyAddress(addresses);
      }
      if (hasOption(server, 'unix-socket') || hasOption(server, 'fd')) return { ok: false, problem: 'listens on a socket, not on $PORT' };
      return hostAndPort(optionValues(server, 'bind').at(-1), optionValues(server, 'port').at(-1), '127.0.0.1', '8000');
    }
    case 'uwsgi': {
      const http = [...optionValues(server, 'http'), ...optionValues(server, 'http-socket')];
      if (http.length > 0) return anyAddress(http);
      if (optionValues(server, 'socket').length > 0) return { ok: false, problem: 'speaks the uwsgi protocol (--socket), not HTTP; use --http :$PORT' };
      if (hasOption(server, 'ini') || server.positionals.length > 0) return { ok: 'unknown', why: 'uwsgi reads where to listen from its config file' };
      return { ok: false, problem: 'does not listen on HTTP (no --http)' };
    }
    case 'waitress-serve': {
      const listen = optionValues(server, 'listen');
      if (listen.length > 0) return anyAddress(listen);
      if (hasOption(server, 'unix-socket')) return { ok: false, problem: 'listens on a socket, not on $PORT' };
      return hostAndPort(optionValues(server, 'host').at(-1), optionValues(server, 'port').at(-1), '0.0.0.0', '8080');
    }
    case 'runserver': {
      const addrport = server.positionals[0];
      if (addrport === undefined) return { ok: false, problem: 'listens on 127.0.0.1:8000, the development server default' };
      return judgeAddress(/^\$|^\d+$/.test(addrport) ? `127.0.0.1:${addrport}` : addrport);
    }
  }
}
