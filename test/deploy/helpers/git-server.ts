import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sh, tempDir } from './git-repo.js';

export interface GitServer {
  /** The git_url of the one app repository it serves. */
  gitUrl: string;
  bare: string;
  /** Tokens found in any process's argv while a request was being served. */
  leaks: string[];
  /** Called after each push that changed the repository. */
  onPush?: (main: string | undefined) => void;
  close(): Promise<void>;
}

/**
 * Git's smart HTTP protocol in front of a bare repository, the way a git host serves it: `git
 * http-backend` as a CGI, behind Basic auth whose password must be `token`. While each request is served it
 * reads every process's command line, so a test can tell whether the token ever appeared in an argv.
 */
export async function startGitServer(token: string, app = 'demo-app'): Promise<GitServer> {
  const root = tempDir('implanta-git-server-');
  const bare = join(root, `${app}.git`);
  sh(root, ['init', '--quiet', '--bare', '--initial-branch=main', bare]);
  sh(bare, ['config', 'http.receivepack', 'true']);
  const state: GitServer = { gitUrl: '', bare, leaks: [], close: async () => undefined };

  const server: Server = createServer((req, res) => {
    scanArgv(token, state.leaks);
    const auth = req.headers.authorization ?? '';
    const password = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString().split(':').slice(1).join(':') : '';
    if (password !== token) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: 'heroku',
        REMOTE_ADDR: '127.0.0.1',
        ...(req.headers['content-encoding'] && { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] }),
        ...(req.headers['git-protocol'] && { GIT_PROTOCOL: String(req.headers['git-protocol']) }),
      },
    });
    req.pipe(cgi.stdin);
    const chunks: Buffer[] = [];
    cgi.stdout.on('data', (c: Buffer) => chunks.push(c));
    cgi.on('close', () => {
      const out = Buffer.concat(chunks);
      const split = out.indexOf('\r\n\r\n');
      const head = out.subarray(0, split).toString();
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of head.split('\r\n')) {
        const [name, ...rest] = line.split(':');
        if (!name) continue;
        if (name.toLowerCase() === 'status') status = Number(rest.join(':').trim().split(' ')[0]);
        else headers[name] = rest.join(':').trim();
      }
      res.writeHead(status, headers);
      res.end(out.subarray(split + 4));
      if (url.pathname.endsWith('/git-receive-pack')) {
        let main: string | undefined;
        try {
          main = sh(bare, ['rev-parse', '--verify', '--quiet', 'refs/heads/main']);
        } catch {
          main = undefined;
        }
        state.onPush?.(main);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.gitUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${app}.git`;
  state.close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return state;
}

/** Every process's argv that contains the token, as `pid: argv`. */
function scanArgv(token: string, leaks: string[]): void {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let argv: string;
    try {
      argv = readFileSync(join('/proc', pid, 'cmdline'), 'utf8');
    } catch {
      continue;
    }
    if (argv.includes(token)) leaks.push(`${pid}: ${argv.split('\0').join(' ')}`);
  }
}
