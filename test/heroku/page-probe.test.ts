import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchPageProbe } from '../../src/heroku/page-probe.js';

test('a page is probed after redirects: final status and bare media type', async () => {
  const server = createServer((req, res) => {
    if (req.url === '/old') res.writeHead(301, { location: '/page' }).end();
    else if (req.url === '/page') res.writeHead(200, { 'content-type': 'Text/HTML; charset=utf-8' }).end('<p>down</p>');
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('no');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    assert.deepEqual(await fetchPageProbe(`${base}/old`), { url: `${base}/old`, status: 200, contentType: 'text/html' });
    assert.deepEqual(await fetchPageProbe(`${base}/gone`), { url: `${base}/gone`, status: 404, contentType: 'text/plain' });
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('a URL that is not http(s) is a probe with a reason, not a request', async () => {
  assert.deepEqual(await fetchPageProbe('ftp://pages.example.com/m.html'), { url: 'ftp://pages.example.com/m.html', error: 'not an http(s) URL' });
});
