import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildIdsBefore, findNewBuild, followBuild, followRelease } from '../../src/deploy/follow.js';
import { followOutputStream } from '../../src/deploy/output-stream.js';
import { PlatformError } from '../../src/core/errors.js';
import { FakeApi, startHttp, TEST_TOKEN } from './helpers/fake-api.js';

const BUILD_LOG = '-----> Building on the Heroku-24 stack\n-----> Python app detected\n       Installing requirements\n-----> Launching...\n';

describe('followOutputStream', () => {
  it('resumes a dropped stream from the last byte with a Range header', async () => {
    const ranges: (string | undefined)[] = [];
    const server = await startHttp((req, res) => {
      ranges.push(req.headers.range);
      const from = Number(/bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0);
      if (from === 0) {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        // Half a line, then the connection drops.
        res.write(BUILD_LOG.slice(0, 50));
        setTimeout(() => res.destroy(), 20);
        return;
      }
      res.writeHead(206, { 'Content-Type': 'text/plain' });
      res.end(BUILD_LOG.slice(from));
    });
    try {
      const lines: string[] = [];
      const result = await followOutputStream(server.url, { onLine: (l) => lines.push(l), retryMs: 10 });
      assert.equal(result.complete, true);
      assert.deepEqual(lines, BUILD_LOG.trimEnd().split('\n'));
      assert.deepEqual(ranges, [undefined, 'bytes=50-']);
    } finally {
      await server.close();
    }
  });

  it('skips what it has shown when the server ignores the Range header', async () => {
    let calls = 0;
    const server = await startHttp((_req, res) => {
      calls += 1;
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      if (calls === 1) {
        res.write(BUILD_LOG.slice(0, 40));
        setTimeout(() => res.destroy(), 20);
      } else res.end(BUILD_LOG);
    });
    try {
      const lines: string[] = [];
      await followOutputStream(server.url, { onLine: (l) => lines.push(l), retryMs: 10 });
      assert.deepEqual(lines, BUILD_LOG.trimEnd().split('\n'));
    } finally {
      await server.close();
    }
  });

  it('gives up after repeated failures and says so, without the API token', async () => {
    const auth: (string | undefined)[] = [];
    const server = await startHttp((req, res) => {
      auth.push(req.headers.authorization);
      res.writeHead(503);
      res.end();
    });
    try {
      const result = await followOutputStream(server.url, { onLine: () => undefined, retryMs: 5, maxFailures: 3 });
      assert.equal(result.complete, false);
      assert.match(result.problem ?? '', /gave up .* after 3 failed connections \(the output stream answered 503\)/);
      assert.deepEqual(auth, [undefined, undefined, undefined]);
    } finally {
      await server.close();
    }
  });
});

describe('following a build and its release', () => {
  const api = new FakeApi();
  let stream: { url: string; close: () => Promise<void> };
  let builds: Record<string, unknown>[] = [];
  let buildPolls = 0;
  let releasePolls = 0;
  let failReleases = false;

  before(async () => {
    stream = await startHttp((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(BUILD_LOG);
    });
    api
      .on('GET', /^\/apps\/demo\/builds$/, () => ({ body: builds }))
      .on('GET', /^\/apps\/demo\/builds\/(b-new)$/, () => {
        buildPolls += 1;
        return { body: { id: 'b-new', status: buildPolls < 3 ? 'pending' : 'succeeded', release: buildPolls < 3 ? null : { id: 'r-9' } } };
      })
      .on('GET', /^\/apps\/demo\/releases\/r-9$/, () => {
        releasePolls += 1;
        if (failReleases) return { status: 503, body: { id: 'unavailable', message: 'Service unavailable' } };
        return { body: { id: 'r-9', version: 9, status: releasePolls < 2 ? 'pending' : 'succeeded', output_stream_url: `${stream.url}/release` } };
      });
    await api.start();
  });
  after(async () => {
    await api.close();
    await stream.close();
  });

  it('finds the build the push created, not an older one, preferring the pushed commit', async () => {
    const client = api.client();
    builds = [{ id: 'b-old', created_at: '2026-01-01T00:00:00Z', status: 'succeeded', source_blob: { version: 'aaa' } }];
    const known = await buildIdsBefore(client, 'demo');
    setTimeout(() => {
      builds = [
        ...builds,
        { id: 'b-other', created_at: '2026-01-01T00:02:00Z', status: 'pending', source_blob: { version: 'zzz' } },
        { id: 'b-new', created_at: '2026-01-01T00:01:00Z', status: 'pending', source_blob: { version: 'ccc' } },
      ];
    }, 50);
    const build = await findNewBuild({ client, app: 'demo', before: known, commit: 'ccc', pollMs: 20 });
    assert.equal(build?.id, 'b-new');
  });

  it('gives up looking when told to', async () => {
    builds = [];
    const build = await findNewBuild({ client: api.client(), app: 'demo', before: new Set(), commit: 'x', pollMs: 10, signal: AbortSignal.timeout(100) });
    assert.equal(build, undefined);
  });

  it('streams the build output, then waits for success and the release it produced', async () => {
    const lines: string[] = [];
    const followed = await followBuild({
      client: api.client(),
      app: 'demo',
      build: { id: 'b-new', status: 'pending', output_stream_url: `${stream.url}/build` } as never,
      onOutput: (l) => lines.push(l),
      pollMs: 10,
    });
    assert.equal(followed.settled, true);
    assert.equal(followed.value.status, 'succeeded');
    assert.equal(followed.value.release?.id, 'r-9');
    assert.deepEqual(lines, BUILD_LOG.trimEnd().split('\n'));
  });

  it('streams the release phase output and waits for the release to settle', async () => {
    const lines: string[] = [];
    const followed = await followRelease({ client: api.client(), app: 'demo', releaseId: 'r-9', onOutput: (l) => lines.push(l), pollMs: 10 });
    assert.equal(followed.value.status, 'succeeded');
    assert.equal(followed.value.version, 9);
    assert.equal(lines.length, 4);
  });

  it('lets a platform that keeps failing surface as a PlatformError after the client retries, without the token', async () => {
    failReleases = true;
    try {
      await assert.rejects(
        followRelease({ client: api.client(), app: 'demo', releaseId: 'r-9', pollMs: 10 }),
        (e: unknown) => e instanceof PlatformError && /GET \/apps\/demo\/releases\/r-9/.test(e.message) && !e.message.includes(TEST_TOKEN),
      );
    } finally {
      failReleases = false;
    }
  });
});
