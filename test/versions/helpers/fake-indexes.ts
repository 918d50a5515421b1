import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the fake server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

type Handler = (req: SeenRequest, res: ServerResponse) => void;

/** An HTTP server on 127.0.0.1:0 that records every request before answering it. */
export async function startServer(handler: Handler): Promise<FakeServer> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const seen = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: text ? JSON.parse(text) : undefined };
      requests.push(seen);
      handler(seen, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** One file of a release, in the JSON API's shape. */
export interface FakeFile {
  yanked?: boolean;
  uploaded?: string;
}

/** `{version: files}`, as a project's releases. */
export type FakeProject = Record<string, FakeFile[]>;

/** PyPI's JSON API document for a project: `info` plus `releases` of file lists. */
export function pypiDocument(name: string, project: FakeProject): unknown {
  const releases = Object.fromEntries(
    Object.entries(project).map(([version, files]) => [
      version,
      files.map((f, i) => ({
        filename: `${name}-${version}-${i}.tar.gz`,
        packagetype: 'sdist',
        upload_time_iso_8601: f.uploaded ?? '2024-01-01T00:00:00.000000Z',
        yanked: f.yanked ?? false,
        yanked_reason: f.yanked ? 'broken' : null,
      })),
    ]),
  );
  return { info: { name, version: Object.keys(project).at(-1) }, last_serial: 1, releases, urls: [], vulnerabilities: [] };
}

/**
 * PyPI's JSON API for the given projects, with ETags: a request whose If-None-Match matches gets 304.
 * Unknown projects get PyPI's 404.
 */
export function fakePypi(projects: Record<string, FakeProject>): Promise<FakeServer> {
  return startServer((req, res) => {
    const m = /^\/pypi\/([^/]+)\/json$/.exec(req.path);
    const project = m ? projects[decodeURIComponent(m[1]!)] : undefined;
    if (!m || !project) return sendJson(res, 404, { message: 'Not Found' });
    const etag = `"${m[1]}-${Object.keys(project).length}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      return res.end();
    }
    sendJson(res, 200, pypiDocument(m[1]!, project), { etag });
  });
}

/**
 * OSV's API: `querybatch` answers each query with the ids the test says affect `name==version`
 * (at most `pageSize` per page, then a `next_page_token`), and `/v1/vulns/{id}` with the record.
 */
export function fakeOsv(opts: { affected: Record<string, string[]>; records: { id: string }[]; pageSize?: number }): Promise<FakeServer> {
  const pageSize = opts.pageSize ?? 100;
  return startServer((req, res) => {
    if (req.method === 'POST' && req.path === '/v1/querybatch') {
      const queries = (req.body as { queries: { package: { name: string }; version: string; page_token?: string }[] }).queries;
      const results = queries.map((q) => {
        const ids = opts.affected[`${q.package.name}==${q.version}`] ?? [];
        const start = q.page_token ? Number(q.page_token) : 0;
        const page = ids.slice(start, start + pageSize);
        if (page.length === 0) return {};
        const next = start + pageSize < ids.length ? { next_page_token: String(start + pageSize) } : {};
        return { vulns: page.map((id) => ({ id, modified: '2024-01-01T00:00:00Z' })), ...next };
      });
      return sendJson(res, 200, { results });
    }
    const m = /^\/v1\/vulns\/(.+)$/.exec(req.path);
    const record = m && opts.records.find((r) => r.id === decodeURIComponent(m[1]!));
    if (record) return sendJson(res, 200, record);
    sendJson(res, 404, { code: 5, message: 'Bug not found.' });
  });
}
