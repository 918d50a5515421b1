import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ServiceHistogram } from '../../src/logs/histogram.js';
import { parseRouterMessage } from '../../src/logs/router-line.js';
import { LogSummarizer } from '../../src/logs/summary.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/logs/mixed.log');

function summarize(text: string) {
  const summarizer = new LogSummarizer();
  for (const line of text.split('\n')) if (line !== '') summarizer.add(line);
  return summarizer.result();
}

test('only heroku[router] lines with a status are requests; the rest is counted for what it is', () => {
  const summary = summarize(readFileSync(FIXTURE, 'utf8'));
  // 7 router lines, one without status; the app line that looks like a router line is not a request.
  assert.equal(summary.requests, 6);
  assert.equal(summary.malformed, 1);
  assert.deepEqual(summary.status, { '2xx': 1, '3xx': 1, '4xx': 2, '5xx': 2 });
  assert.deepEqual(summary.codes, { H10: 1, H12: 1, H27: 1 });
  assert.deepEqual(summary.dyno_errors, { R10: 1, R12: 1, R13: 1, R14: 1, R15: 1, R16: 1, R17: 1, R99: 1 });
  assert.equal(summary.crashes, 2);
  assert.deepEqual(summary.exit_statuses, { '1': 1, '137': 1 });
  assert.equal(summary.unparsed, 1);
  assert.deepEqual(summary.window, { from: '2024-05-01T12:00:00.000000+00:00', to: '2024-05-01T12:01:00.000000+00:00', seconds: 60 });
});

test('errors are counted per dyno; router errors no dyno answered go to "none"', () => {
  const summary = summarize(readFileSync(FIXTURE, 'utf8'));
  assert.deepEqual(summary.errors_per_dyno['none'], { H10: 1, '5xx': 1 });
  assert.deepEqual(summary.errors_per_dyno['web.1'], { H12: 1, '5xx': 1, R14: 1, R15: 1, crashes: 1 });
  assert.deepEqual(summary.errors_per_dyno['web.2'], { H27: 1, R10: 1, R17: 1, R99: 1, crashes: 1 });
});

test('the slowest paths are grouped without their query string, which never shows', () => {
  const summary = summarize(readFileSync(FIXTURE, 'utf8'));
  assert.deepEqual(summary.slowest_paths[0], { path: '/reports/', requests: 1, mean_ms: 30001, max_ms: 30001 });
  assert.ok(!JSON.stringify(summary).includes('s3cr3t'));
});

test('service percentiles are exact (nearest rank) against a sort of the same values', () => {
  const histogram = new ServiceHistogram();
  const values: number[] = [];
  let seed = 7;
  for (let i = 0; i < 20_000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const value = seed % 3 === 0 ? seed % 29_000 : seed % 400;
    values.push(value);
    histogram.add(value);
  }
  values.sort((a, b) => a - b);
  for (const q of [0.5, 0.95, 0.99]) assert.equal(histogram.percentile(q), values[Math.ceil(q * values.length) - 1], `p${q * 100}`);
  assert.equal(histogram.percentile(1), values.at(-1));
});

test('a service time above the 30 s router timeout is within 1% and never above the largest seen', () => {
  const histogram = new ServiceHistogram();
  for (let i = 0; i < 98; i++) histogram.add(10);
  histogram.add(45_000);
  histogram.add(120_000);
  const p99 = histogram.percentile(0.99)!;
  assert.ok(Math.abs(p99 - 45_000) / 45_000 <= 0.01, `p99 ${p99}`);
  assert.equal(histogram.percentile(1), 120_000);
  assert.equal(new ServiceHistogram().percentile(0.5), undefined);
});

test('router fields: quoted values with spaces, empty fields, a leading sock= field', () => {
  const request = parseRouterMessage('sock=backend at=error code=H18 desc="Server Request Interrupted" method=GET path="/a b" host=x.herokuapp.com request_id=r fwd="1.1.1.1" dyno=web.3 connect=1ms service=5ms status=503 bytes= protocol=https');
  assert.deepEqual(request, { at: 'error', code: 'H18', desc: 'Server Request Interrupted', method: 'GET', path: '/a b', host: 'x.herokuapp.com', dyno: 'web.3', connectMs: 1, serviceMs: 5, status: 503 });
  assert.equal(parseRouterMessage('at=info method=GET path="/" status= bytes=0'), undefined);
  assert.equal(parseRouterMessage('Error H12 (Request timeout) -> GET app.heroku.com/ dyno=web.1 service=30000ms'), undefined);
});
