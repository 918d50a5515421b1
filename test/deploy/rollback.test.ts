import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { rollback } from '../../src/deploy/rollback.js';
import { FakeApi, startHttp } from './helpers/fake-api.js';

interface Rel {
  id: string;
  version: number;
  status: string;
  current: boolean;
  slug: { id: string } | null;
  output_stream_url: string | null;
}

describe('rollback', () => {
  const api = new FakeApi();
  let site: { url: string; close: () => Promise<void> };
  let releases: Rel[] = [];
  let healthy = true;
  const dynoVersion = () => releases.find((r) => r.current)!.version;

  beforeEach(() => {
    api.requests.length = 0;
    healthy = true;
    releases = [
      { id: 'r-1', version: 1, status: 'succeeded', current: false, slug: { id: 's-1' }, output_stream_url: null },
      { id: 'r-2', version: 2, status: 'failed', current: false, slug: { id: 's-2' }, output_stream_url: null },
      { id: 'r-3', version: 3, status: 'succeeded', current: false, slug: { id: 's-3' }, output_stream_url: null },
      { id: 'r-4', version: 4, status: 'succeeded', current: true, slug: { id: 's-4' }, output_stream_url: null },
    ];
  });

  before(async () => {
    site = await startHttp((_req, res) => {
      res.writeHead(healthy ? 200 : 500);
      res.end(healthy ? 'ok' : 'Server Error (500)');
    });
    api
      .on('GET', /^\/apps\/demo\/releases$/, () => ({ body: releases }))
      .on('POST', /^\/apps\/demo\/releases$/, (_m, body) => {
        const target = releases.find((r) => r.id === (body as { release: string }).release)!;
        for (const r of releases) r.current = false;
        const made = { id: `r-${releases.length + 1}`, version: releases.length + 1, status: 'succeeded', current: true, slug: target.slug, output_stream_url: null };
        releases.push(made);
        return { status: 201, body: made };
      })
      .on('GET', /^\/apps\/demo\/releases\/([\w-]+)$/, (m) => ({ body: releases.find((r) => r.id === m[1]) }))
      .on('GET', /^\/apps\/demo\/dynos$/, () => ({ body: [{ name: 'web.1', type: 'web', state: 'up', release: { version: dynoVersion() } }] }))
      .on('GET', /^\/apps\/demo$/, () => ({ body: { name: 'demo', web_url: site.url + '/' } }));
    await api.start();
  });
  after(async () => {
    await api.close();
    await site.close();
  });

  it("rolls back to the previous succeeded release through the schema's Rollback link, then smoke-tests it", async () => {
    const report = await rollback({ client: api.client(), app: 'demo', smoke: { paths: [{ path: '/', status: 200 }], maxMs: 5000 }, pollMs: 5 });
    const post = api.requests.find((r) => r.method === 'POST')!;
    assert.deepEqual(post, { method: 'POST', path: '/apps/demo/releases', body: { release: 'r-3' } });
    assert.equal(report.ok, true);
    assert.deepEqual([report.from.version, report.to.version, report.release.version], [4, 3, 5]);
    assert.equal(report.serving?.state, 'serving');
    assert.equal(report.smoke?.ok, true);
    assert.match(report.caveat, /migrations/);
  });

  it('goes back to a given version', async () => {
    const report = await rollback({ client: api.client(), app: 'demo', to: 1, pollMs: 5 });
    assert.deepEqual(api.requests.find((r) => r.method === 'POST')?.body, { release: 'r-1' });
    assert.equal(report.ok, true);
  });

  const refusals: [string, number, RegExp][] = [
    ['a release that failed', 2, /v2 of demo failed/],
    ['the current release', 4, /already demo's current release/],
    ['a release that does not exist', 12, /no release v12/],
  ];
  for (const [what, to, message] of refusals) {
    it(`refuses ${what} before changing anything`, async () => {
      await assert.rejects(rollback({ client: api.client(), app: 'demo', to, pollMs: 5 }), (e: unknown) => e instanceof InputError && message.test(e.message));
      assert.equal(api.requests.filter((r) => r.method === 'POST').length, 0);
    });
  }

  it('reports a restored release that fails its smoke test too', async () => {
    healthy = false;
    const report = await rollback({ client: api.client(), app: 'demo', smoke: { paths: [{ path: '/', status: 200 }], maxMs: 5000 }, pollMs: 5 });
    assert.equal(report.ok, false);
    assert.match(report.problem ?? '', /fails its smoke test too/);
  });
});
