import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from '../api/http-io.js';
import { ApiError } from '../platform/errors.js';

export interface BackendRequest {
  /** The repositories' parent folder (GIT_PROJECT_ROOT). */
  projectRoot: string;
  /** `/<repo>.git/info/refs`, relative to the project root. */
  pathInfo: string;
  query: string;
  remoteUser: string;
  /** Passed through to receive-pack and so to the hooks. */
  env: NodeJS.ProcessEnv;
}

/**
 * Runs one smart-HTTP request through `git http-backend`, git's own CGI program: the request body goes to
 * its stdin, and its stdout (CGI headers, then the pack protocol, including the hooks' progress on the
 * sideband) streams back to the client as it comes, so a push shows its build live.
 */
export function runHttpBackend(req: IncomingMessage, res: ServerResponse, request: BackendRequest): void {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...request.env,
    GIT_PROJECT_ROOT: request.projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: request.pathInfo,
    QUERY_STRING: request.query,
    REQUEST_METHOD: req.method ?? 'GET',
    REMOTE_USER: request.remoteUser,
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
    GATEWAY_INTERFACE: 'CGI/1.1',
  };
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  if (header('content-type')) env.CONTENT_TYPE = header('content-type');
  // Without CONTENT_LENGTH http-backend reads the body to its end, which is what a chunked push needs.
  if (header('content-length') && header('transfer-encoding') === undefined) env.CONTENT_LENGTH = header('content-length');
  if (header('content-encoding')) env.HTTP_CONTENT_ENCODING = header('content-encoding');
  if (header('git-protocol')) env.GIT_PROTOCOL = header('git-protocol');

  const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  req.pipe(child.stdin);
  child.stdin.on('error', () => undefined);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));

  let head = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const split = headerEnd(head);
    if (!split) return;
    headersDone = true;
    const { status, headers } = parseCgiHeaders(head.subarray(0, split.at).toString('latin1'));
    res.writeHead(status, headers);
    const rest = head.subarray(split.at + split.length);
    if (rest.length > 0) res.write(rest);
  });
  child.on('error', (error) => finishWithError(res, `cannot run git http-backend: ${error.message}`));
  child.on('close', (code) => {
    if (!headersDone) finishWithError(res, stderr.trim().split('\n').at(-1) || `git http-backend exited with ${code}`);
    else res.end();
  });
  res.on('close', () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
}

function headerEnd(buffer: Buffer): { at: number; length: number } | undefined {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { at: crlf, length: 4 };
  if (lf !== -1) return { at: lf, length: 2 };
  return undefined;
}

function parseCgiHeaders(text: string): { status: number; headers: Record<string, string> } {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
    else headers[name] = value;
  }
  return { status, headers };
}

function finishWithError(res: ServerResponse, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendError(res, new ApiError(500, 'internal_server_error', message));
}
