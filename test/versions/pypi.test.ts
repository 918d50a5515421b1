import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { PypiClient } from '../../src/versions/pypi.js';
import { InputError } from '../../src/core/errors.js';
import { latestInSeries, newestSatisfying, seriesParts, stableVersions } from '../../src/versions/releases.js';
import { fakePypi, sendJson, startServer, type FakeProject } from './helpers/fake-indexes.js';

const ok = [{}];
const django: FakeProject = {
  '4.2.7': ok,
  '4.2.8': [{ uploaded: '2023-12-04T10:00:00.000000Z' }, { uploaded: '2023-12-04T09:00:00.000000Z' }],
  '4.2.9': [{ yanked: true }],
  '4.2.10rc1': ok,
  '5.0': ok,
  '5.1a1': ok,
  '5.1.dev20240101': ok,
  '5.2': [],
  'not-a-version!': ok,
};

const cacheDir = () => mkdtempSync(join(tmpdir(), 'implanta-pypi-'));

test('releases drop yanked and file-less ones; latest and latest-in-series ignore pre-releases', async (t) => {
  const server = await fakePypi({ django, requests: { '2.31.0': ok, '2.32.3': ok, '3.0.0b1': ok } });
  t.after(() => server.close());
  const client = new PypiClient({ baseUrl: server.url, cacheDir: cacheDir() });
  const lookup = await client.lookup('django');
  assert.equal(lookup.status, 'found');
  const versions = lookup.status === 'found' ? lookup.releases.map((r) => r.version) : [];
  assert.ok(!versions.includes('4.2.9'), 'a yanked release is never offered');
  assert.ok(!versions.includes('5.2'), 'a release without files cannot be installed');
  assert.equal(lookup.status === 'found' && lookup.releases.find((r) => r.version === '4.2.8')?.uploaded, '2023-12-04T09:00:00.000000Z');
  const stable = stableVersions(versions);
  assert.deepEqual(stable, ['4.2.7', '4.2.8', '5.0']);
  assert.equal(stable.at(-1), '5.0');
  assert.equal(latestInSeries(stable, '4.2.7', seriesParts('django')), '4.2.8');

  const requests = await client.lookup('requests');
  const rStable = stableVersions(requests.status === 'found' ? requests.releases.map((r) => r.version) : []);
  assert.equal(rStable.at(-1), '2.32.3');
  assert.equal(latestInSeries(rStable, '2.31.0', seriesParts('requests')), '2.32.3');
  assert.equal(newestSatisfying(rStable, '<2.32'), '2.31.0');
});

test('within the TTL a second run answers from the cache without a request', async (t) => {
  const server = await fakePypi({ django });
  t.after(() => server.close());
  const dir = cacheDir();
  await new PypiClient({ baseUrl: server.url, cacheDir: dir }).lookup('django');
  assert.equal(server.requests.length, 1);
  const again = await new PypiClient({ baseUrl: server.url, cacheDir: dir }).lookup('django');
  assert.equal(again.status, 'found');
  assert.equal(server.requests.length, 1, 'the server saw no second request');
});

test('after the TTL the request is conditional and a 304 reuses the cached releases', async (t) => {
  const server = await fakePypi({ django });
  t.after(() => server.close());
  const dir = cacheDir();
  const first = await new PypiClient({ baseUrl: server.url, cacheDir: dir, ttlMs: 0 }).lookup('django');
  const second = await new PypiClient({ baseUrl: server.url, cacheDir: dir, ttlMs: 0 }).lookup('django');
  assert.equal(server.requests.length, 2);
  assert.equal(server.requests[0]!.headers['if-none-match'], undefined);
  assert.equal(server.requests[1]!.headers['if-none-match'], '"django-9"');
  assert.deepEqual(second, first);
});

test('a cache filled from another index is not reused', async (t) => {
  const a = await fakePypi({ django });
  const b = await fakePypi({ django: { '1.0': ok } });
  t.after(() => Promise.all([a.close(), b.close()]));
  const dir = cacheDir();
  await new PypiClient({ baseUrl: a.url, cacheDir: dir }).lookup('django');
  const fromB = await new PypiClient({ baseUrl: b.url, cacheDir: dir }).lookup('django');
  assert.deepEqual(fromB.status === 'found' && fromB.releases.map((r) => r.version), ['1.0']);
});

test('a project PyPI does not know is not-found, and that answer is cached too', async (t) => {
  const server = await fakePypi({});
  t.after(() => server.close());
  const dir = cacheDir();
  assert.deepEqual(await new PypiClient({ baseUrl: server.url, cacheDir: dir }).lookup('our-private-lib'), { status: 'not-found' });
  await new PypiClient({ baseUrl: server.url, cacheDir: dir }).lookup('our-private-lib');
  assert.equal(server.requests.length, 1);
});

test('an unreachable index, garbage JSON or a wrong shape are missing facts naming the URL', async (t) => {
  const closed = await fakePypi({});
  await closed.close();
  const garbage = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('<html>maintenance</html>');
  });
  const shapeless = await startServer((_req, res) => sendJson(res, 200, { info: {} }));
  const failing = await startServer((_req, res) => sendJson(res, 503, {}));
  t.after(() => Promise.all([garbage.close(), shapeless.close(), failing.close()]));
  const cases: [string, RegExp][] = [
    [closed.url, /^PyPI not reachable at http:\/\/127\.0\.0\.1:\d+\/pypi\/django\/json: ECONNREFUSED$/],
    [garbage.url, /^PyPI answered http:\/\/127\.0\.0\.1:\d+\/pypi\/django\/json with invalid JSON$/],
    [shapeless.url, /with JSON that has no "releases" object$/],
    [failing.url, /with HTTP 503$/],
  ];
  for (const [url, reason] of cases) {
    const lookup = await new PypiClient({ baseUrl: url, cacheDir: cacheDir() }).lookup('django');
    assert.equal(lookup.status, 'unavailable', url);
    assert.match(lookup.status === 'unavailable' ? lookup.reason : '', reason);
  }
});

test('a server that never answers times out into a missing fact', async (t) => {
  const pending: ServerResponse[] = [];
  const silent = await startServer((_req, res) => pending.push(res));
  t.after(() => {
    for (const res of pending) res.destroy();
    return silent.close();
  });
  const lookup = await new PypiClient({ baseUrl: silent.url, cacheDir: cacheDir(), timeoutMs: 100 }).lookup('django');
  assert.deepEqual(lookup, { status: 'unavailable', reason: `PyPI not reachable at ${silent.url}/pypi/django/json: no answer within 0.1 s` });
});

test('offline uses a cached answer of any age and never makes a request', async (t) => {
  const server = await fakePypi({ django });
  t.after(() => server.close());
  const dir = cacheDir();
  await new PypiClient({ baseUrl: server.url, cacheDir: dir }).lookup('django');
  const stale = await new PypiClient({ baseUrl: server.url, cacheDir: dir, ttlMs: 0, offline: true }).lookup('django');
  assert.equal(stale.status, 'found');
  const missing = await new PypiClient({ baseUrl: server.url, cacheDir: dir, offline: true }).lookup('requests');
  assert.deepEqual(missing, { status: 'unavailable', reason: 'offline, and no cached PyPI answer for requests' });
  assert.equal(server.requests.length, 1);
});

test('a corrupt cache file is a miss, not a crash', async (t) => {
  const server = await fakePypi({ django });
  t.after(() => server.close());
  const dir = cacheDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'django.json'), '{"url": 3');
  assert.equal((await new PypiClient({ baseUrl: server.url, cacheDir: dir }).lookup('django')).status, 'found');
  assert.equal(server.requests.length, 1);
});

test('lookups run a few at a time', async (t) => {
  let inFlight = 0;
  let most = 0;
  const server = await startServer((req, res) => {
    inFlight++;
    most = Math.max(most, inFlight);
    // Holding each answer a moment lets an unlimited client pile up all its requests meanwhile.
    setTimeout(() => {
      inFlight--;
      sendJson(res, 200, { releases: { '1.0': [{ yanked: false }] } });
    }, 20);
  });
  t.after(() => server.close());
  const names = Array.from({ length: 12 }, (_, i) => `pkg-${i}`);
  const results = await new PypiClient({ baseUrl: server.url, cacheDir: cacheDir(), concurrency: 3 }).lookupAll(names);
  assert.equal(results.size, 12);
  assert.ok([...results.values()].every((r) => r.status === 'found'));
  assert.ok(most <= 3, `at most 3 requests in flight, saw ${most}`);
});

test('credentials in the index URL travel as an Authorization header and never appear in a message', async (t) => {
  const server = await fakePypi({ django });
  t.after(() => server.close());
  const secret = 's3cr3t-t0ken';
  const withToken = server.url.replace('http://', `http://__token__:${secret}@`);
  const client = new PypiClient({ baseUrl: `${withToken}/`, cacheDir: cacheDir() });
  assert.equal((await client.lookup('django')).status, 'found');
  assert.equal(server.requests[0]!.headers.authorization, `Basic ${Buffer.from(`__token__:${secret}`).toString('base64')}`);
  assert.equal(client.baseUrl, server.url);
  await server.close();
  const failed = await new PypiClient({ baseUrl: withToken, cacheDir: cacheDir() }).lookup('requests');
  assert.equal(failed.status, 'unavailable');
  assert.ok(failed.status === 'unavailable' && !failed.reason.includes(secret), 'the token stays out of the reason');
  assert.throws(() => new PypiClient({ baseUrl: `ftp://u:${secret}@host/` }), (error: Error) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.message, '--pypi-url ftp://***@host/: expected an http(s) URL');
    return true;
  });
});
