import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { judge, measureBaseline, parseWatchDuration, type TrafficSample } from '../../src/deploy/watch.js';
import { HerokuClient } from '../../src/heroku/client.js';

const sample = (requests: number, errors: number, extra: Partial<TrafficSample> = {}): TrafficSample => ({
  requests,
  errors,
  rate: requests ? errors / requests : 0,
  codes: {},
  crashes: 0,
  r14: 0,
  r15: 0,
  seconds: 60,
  ...extra,
});

test('no error at all is never a verdict, with or without a baseline', () => {
  assert.equal(judge(sample(500, 0), sample(1000, 0), 60).verdict, 'ok');
  assert.equal(judge(sample(500, 0), undefined, 60).verdict, 'ok');
  assert.match(judge(sample(0, 0), undefined, 60).reason, /no traffic reached it/);
});

test('a few errors are not a verdict: the minimum count', () => {
  // 4 of 4 failed is 100%, but 4 requests prove little.
  assert.equal(judge(sample(4, 4), sample(1000, 0), 60).verdict, 'ok');
  assert.equal(judge(sample(5, 5), sample(1000, 0), 60).verdict, 'worse');
});

test('a rate is clearly worse only well above the one before (5 points and twice)', () => {
  assert.equal(judge(sample(100, 12), sample(1000, 100), 60).verdict, 'ok', '12% after 10% is not clearly worse');
  assert.equal(judge(sample(100, 25), sample(1000, 100), 60).verdict, 'worse', '25% after 10% is');
  assert.equal(judge(sample(1000, 20), sample(1000, 0), 60).verdict, 'ok', '2% after 0% is below the margin');
  const worse = judge(sample(100, 30, { codes: { H12: 3 } }), sample(200, 1), 60);
  assert.equal(worse.verdict, 'worse');
  assert.match(worse.reason, /100 requests, 30 failed \(30\.0%\), H12 × 3 \(before: 0\.5% of 200\)/);
});

test('a crash or an R15 is a verdict on its own; R14 once it repeats', () => {
  assert.equal(judge(sample(10, 0, { crashes: 1 }), sample(10, 0), 60).verdict, 'worse');
  assert.equal(judge(sample(10, 0, { r15: 1 }), sample(10, 0), 60).verdict, 'worse');
  assert.equal(judge(sample(10, 0, { r14: 2 }), sample(10, 0), 60).verdict, 'ok');
  assert.match(judge(sample(10, 0, { r14: 3 }), sample(10, 0), 60).reason, /R14\) 3 times/);
});

test('--watch durations', () => {
  assert.equal(parseWatchDuration('90'), 90);
  assert.equal(parseWatchDuration('90s'), 90);
  assert.equal(parseWatchDuration('2m'), 120);
  assert.equal(parseWatchDuration('0'), 0);
  assert.equal(parseWatchDuration('soon'), undefined);
  assert.equal(parseWatchDuration('-5'), undefined);
});

const router = (status: number, code = '') =>
  `2024-05-01T12:00:00.000000+00:00 heroku[router]: at=${code ? 'error' : 'info'} ${code ? `code=${code} desc="x" ` : ''}method=GET path="/" host=h dyno=web.1 connect=0ms service=5ms status=${status} bytes=1 protocol=https`;

test('the baseline counts only what the previous release served: after its web dyno came up', async (t) => {
  const log = [
    router(503, 'H14'),
    router(503, 'H14'),
    '2024-05-01T12:00:01.000000+00:00 heroku[web.1]: State changed from starting to up',
    router(200),
    router(500),
    '2024-05-01T12:00:02.000000+00:00 heroku[web.1]: Process exited with status 0',
  ];
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/apps/demo/log-sessions') {
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: 's', logplex_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`, created_at: '', updated_at: '' }));
    } else {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(log.join('\n') + '\n');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const client = new HerokuClient({ token: 't', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxRetries: 0 });
  const before = await measureBaseline(client, 'demo');
  assert.deepEqual({ requests: before?.requests, errors: before?.errors }, { requests: 2, errors: 1 });
  const none = new HerokuClient({ token: 't', baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
  assert.equal(await measureBaseline(none, 'demo'), undefined, 'an unreachable log is no baseline, not a failure');
});
