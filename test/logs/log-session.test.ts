import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { readLogSession } from '../../src/logs/log-session.js';

const ROUTER = '2024-05-01T12:00:00.000000+00:00 heroku[router]: at=info method=GET path="/" host=h dyno=web.1 connect=0ms service=3ms status=200 bytes=9 protocol=https';
const APP = '2024-05-01T12:00:00.100000+00:00 app[web.1]: hello';

/** A logplex stand-in on 127.0.0.1 that answers with `write(res)`. */
async function serve(t: { after(fn: () => unknown): void }, write: (res: ServerResponse) => void): Promise<string> {
  const server = createServer((_req, res) => write(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/streams/logs/abc`;
}

test('plain text, as Heroku logplex answers: one log line per line, split across chunks', async (t) => {
  const url = await serve(t, (res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.write(`${ROUTER}\n${APP.slice(0, 20)}`);
    setTimeout(() => res.end(`${APP.slice(20)}\n`), 20);
  });
  const lines: string[] = [];
  await readLogSession(url, (line) => lines.push(line));
  assert.deepEqual(lines, [ROUTER, APP]);
});

test('Server-Sent Events: each data: field is a log line; comments, event and id fields are not', async (t) => {
  const url = await serve(t, (res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.end(`: connected\n\nid: 1\nevent: message\ndata: ${ROUTER}\n\ndata:${APP}\n\nretry: 1000\n\n`);
  });
  const lines: string[] = [];
  await readLogSession(url, (line) => lines.push(line));
  assert.deepEqual(lines, [ROUTER, APP]);
});

test('a tail stops cleanly when aborted; a failed session is a platform error (exit 3)', async (t) => {
  const url = await serve(t, (res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.write(`${APP}\n`);
  });
  const stop = new AbortController();
  const lines: string[] = [];
  await readLogSession(url, (line) => {
    lines.push(line);
    stop.abort();
  }, { signal: stop.signal });
  assert.deepEqual(lines, [APP]);

  const gone = await serve(t, (res) => {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('No such log session.\n');
  });
  await assert.rejects(readLogSession(gone, () => {}), (error: Error & { exitCode?: number }) => error.exitCode === 3 && /404/.test(error.message));
});
