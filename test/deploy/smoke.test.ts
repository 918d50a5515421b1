import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, globalAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { smokeTest, type SmokeOptions } from '../../src/deploy/smoke.js';
import { startHttp } from './helpers/fake-api.js';
import { tempDir } from './helpers/git-repo.js';

const SECURE = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
const DEBUG_PAGE = readFileSync('/usr/lib/python3/dist-packages/django/views/templates/technical_500.html', 'utf8');

/** A Django-like site: paths answer good, broken and slow pages; it redirects plain-http requests like SECURE_SSL_REDIRECT. */
function site(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/';
  if (req.headers['x-forwarded-proto'] === 'http' && path === '/') {
    res.writeHead(301, { Location: `https://${req.headers.host}/`, ...SECURE });
    res.end();
    return;
  }
  switch (path) {
    case '/':
    case '/health':
      res.writeHead(200, { 'Content-Type': 'text/html', ...SECURE });
      res.end('<h1>Hollow</h1>');
      return;
    case '/debug':
      res.writeHead(500, { 'Content-Type': 'text/html', ...SECURE });
      res.end(DEBUG_PAGE);
      return;
    case '/no-headers':
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<h1>Hollow</h1>');
      return;
    case '/slow':
      setTimeout(() => {
        res.writeHead(200, SECURE);
        res.end('late');
      }, 300);
      return;
    case '/moved':
      res.writeHead(302, { Location: '/', ...SECURE });
      res.end();
      return;
    case '/host':
      res.writeHead(req.headers.host === 'www.hollow.example' ? 200 : 404, SECURE);
      res.end(String(req.headers.host));
      return;
    default:
      res.writeHead(404, SECURE);
      res.end('<h1>Not Found</h1>');
  }
}

describe('smokeTest', () => {
  let server: { url: string; close: () => Promise<void> };
  before(async () => {
    server = await startHttp(site);
  });
  after(() => server.close());

  const run = (paths: SmokeOptions['paths'], extra: Partial<SmokeOptions> = {}) =>
    smokeTest({ baseUrl: server.url + '/', paths, maxMs: 5000, expect: { nosniff: true, referrerPolicy: 'same-origin', xFrameOptions: 'DENY' }, ...extra });

  it('passes a site that answers as expected with the promised headers', async () => {
    const report = await run([
      { path: '/', status: 200, contains: 'Hollow' },
      { path: '/health', status: 200 },
    ]);
    assert.equal(report.ok, true, JSON.stringify(report, null, 2));
    assert.deepEqual(report.results.map((r) => [r.target, r.status]), [['/', 200], ['/health', 200]]);
  });

  it('fails a wrong status and missing text', async () => {
    const report = await run([{ path: '/nowhere', status: 200, contains: 'Hollow' }]);
    const checks = report.results[0]!.checks.filter((c) => !c.ok).map((c) => c.name);
    assert.equal(report.ok, false);
    assert.deepEqual(checks, ['status', 'contains']);
  });

  it("fails Django's debug page even when its status is the expected one", async () => {
    const report = await run([{ path: '/debug', status: 500 }]);
    const debug = report.results[0]!.checks.find((c) => c.name === 'debug-page')!;
    assert.equal(report.ok, false);
    assert.equal(debug.ok, false);
    assert.match(debug.detail, /DEBUG is on/);
  });

  it('fails an answer without the headers the settings promise', async () => {
    const report = await run([{ path: '/no-headers', status: 200 }]);
    const missing = report.results[0]!.checks.filter((c) => !c.ok).map((c) => c.detail);
    assert.deepEqual(missing, ['x-content-type-options missing, expected "nosniff"', 'referrer-policy missing, expected "same-origin"', 'x-frame-options missing, expected "DENY"']);
  });

  it('expects nothing of headers when no promise is given', async () => {
    const report = await smokeTest({ baseUrl: server.url, paths: [{ path: '/no-headers', status: 200 }], maxMs: 5000 });
    assert.equal(report.ok, true);
  });

  it('fails an answer slower than the bound', async () => {
    const report = await run([{ path: '/slow', status: 200 }], { maxMs: 100 });
    const time = report.results[0]!.checks.find((c) => c.name === 'time')!;
    assert.equal(time.ok, false);
    assert.match(time.detail, /slower than 100 ms/);
  });

  it('leaves redirects alone unless told to follow them', async () => {
    const stay = await run([{ path: '/moved', status: 302 }]);
    assert.equal(stay.ok, true);
    const follow = await run([{ path: '/moved', status: 200, contains: 'Hollow' }], { followRedirects: true });
    assert.equal(follow.ok, true);
    assert.match(follow.results[0]!.checks[0]!.detail, /after 1 redirect/);
  });

  it('sends the configured Host header', async () => {
    assert.equal((await run([{ path: '/host', status: 200 }])).ok, false);
    assert.equal((await run([{ path: '/host', status: 200 }], { host: 'www.hollow.example' })).ok, true);
  });

  it('checks the https redirect of a request that reached the router over http', async () => {
    const report = await run([{ path: '/health', status: 200 }], { expect: { httpsRedirect: true } });
    const redirect = report.results.at(-1)!;
    assert.equal(redirect.ok, true, JSON.stringify(redirect));
    assert.equal(redirect.status, 301);
  });

  it('fails the https redirect check when the site does not redirect', async () => {
    const plain = await startHttp((_req, res) => {
      res.writeHead(200);
      res.end('ok');
    });
    try {
      const report = await smokeTest({ baseUrl: plain.url, paths: [{ path: '/', status: 200 }], maxMs: 5000, expect: { httpsRedirect: true } });
      assert.equal(report.ok, false);
      assert.match(report.results.at(-1)!.checks[0]!.detail, /expected a 301 to https/);
    } finally {
      await plain.close();
    }
  });

  it('expects HSTS only on https answers, where Django sends it', async () => {
    const report = await run([{ path: '/', status: 200 }], { expect: { hsts: { seconds: 3600 } } });
    assert.equal(report.ok, true);
    assert.equal(report.results[0]!.checks.some((c) => c.detail.includes('strict-transport-security')), false);
  });

  it('reports a site that does not answer', async () => {
    const report = await smokeTest({ baseUrl: 'http://127.0.0.1:9/', paths: [{ path: '/', status: 200 }], maxMs: 1000 });
    assert.equal(report.ok, false);
    assert.match(report.results[0]!.checks[0]!.detail, /no answer: ECONNREFUSED/);
  });

  it('holds https answers to the promised HSTS max-age and directives', async () => {
    const dir = tempDir();
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'cert.pem'));
    const tls = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => {
      res.writeHead(200, req.url === '/weak' ? { 'Strict-Transport-Security': 'max-age=60' } : { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' });
      res.end('ok');
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    // Trust the test certificate for this process's https requests only.
    const trusted = globalAgent.options.ca;
    globalAgent.options.ca = cert;
    try {
      const base = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/`;
      const expect = { hsts: { seconds: 31536000, includeSubdomains: true } };
      const good = await smokeTest({ baseUrl: base, paths: [{ path: '/', status: 200 }], maxMs: 5000, expect });
      assert.equal(good.ok, true, JSON.stringify(good));
      const weak = await smokeTest({ baseUrl: base, paths: [{ path: '/weak', status: 200 }], maxMs: 5000, expect });
      assert.equal(weak.ok, false);
      assert.match(weak.results[0]!.checks.find((c) => !c.ok)!.detail, /expected max-age=31536000; includeSubDomains/);
    } finally {
      globalAgent.options.ca = trusted;
      tls.closeAllConnections();
      tls.close();
    }
  });
});
