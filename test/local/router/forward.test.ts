import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { forward, type ForwardResult } from '../../../src/local/router/forward.js';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A dyno that misbehaves as `dyno` says, behind a router that forwards to it; the router's verdict. */
async function through(t: { after(fn: () => unknown): void }, dyno: Parameters<typeof createServer>[1] & {}): Promise<ForwardResult> {
  const backend = createServer(dyno);
  const port = await listen(backend);
  let verdict!: Promise<ForwardResult>;
  const router = createServer((req, res) => {
    // As the router does: forward() writes nothing on an error, the caller answers.
    verdict = forward({ req, res, port, headers: req.headers, timeoutMs: 5000 }).then((result) => {
      if (!res.headersSent) res.writeHead(503).end();
      return result;
    });
  });
  const routerPort = await listen(router);
  t.after(() => {
    backend.closeAllConnections();
    router.closeAllConnections();
    backend.close();
    router.close();
  });
  await new Promise<void>((resolve) => {
    const client = request({ host: '127.0.0.1', port: routerPort, path: '/' }, (res) => {
      res.resume();
      res.on('close', resolve);
      res.on('error', () => resolve());
    });
    client.on('error', () => resolve());
    client.end();
  });
  return verdict;
}

test('a dyno that drops its answer midway is H18 (Server Request Interrupted), logged as a 503', async (t) => {
  const result = await through(t, (_req, res) => {
    res.writeHead(200, { 'Content-Length': '1000' });
    res.write('x'.repeat(100));
    setTimeout(() => res.socket?.destroy(), 20);
  });
  assert.equal(result.error?.code, 'H18');
  assert.equal(result.status, 503);
});

test('a dyno that closes the connection before answering is H13', async (t) => {
  const result = await through(t, (req) => req.socket.destroy());
  assert.equal(result.error?.code, 'H13');
});

test('a dyno that answers in full is no error', async (t) => {
  const result = await through(t, (_req, res) => res.end('hello'));
  assert.equal(result.error, undefined);
  assert.equal(result.status, 200);
  assert.equal(result.bytes, 5);
});
