import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { implanta } from '../cli/helpers/run-cli.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/logs/mixed.log');
const ROOT = resolve(import.meta.dirname, '../..');

test('logs --file --summary --format json gives the counts, percentiles and window', async () => {
  const run = await implanta(['logs', '--file', FIXTURE, '--summary', '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.equal(out.requests, 6);
  assert.deepEqual(out.status, { '2xx': 1, '3xx': 1, '4xx': 2, '5xx': 2 });
  assert.deepEqual(out.codes, { H10: 1, H12: 1, H27: 1 });
  assert.equal(out.dyno_errors.R14, 1);
  assert.equal(out.dyno_errors.R15, 1);
  assert.equal(out.malformed, 1);
  assert.deepEqual(out.service_ms, { p50: 40, p95: 30001, p99: 30001, max: 30001 });
  assert.match(out.error_codes_as_of, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(out.window.seconds, 60);
});

test('logs --summary as text names each code with its meaning and fix', async () => {
  const run = await implanta(['logs', '--file', FIXTURE, '--summary']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Requests: 6 \(2xx 1, 3xx 1, 4xx 2, 5xx 2\)/);
  assert.match(run.stdout, /H12 Request timeout × 1\n\s+the app did not start answering within 30 seconds/);
  assert.match(run.stdout, /R15 Memory quota vastly exceeded × 1/);
  assert.match(run.stdout, /Service time: p50 40 ms, p95 30,001 ms/);
  assert.match(run.stdout, /Slowest paths[^\n]*\n\s+\/reports\/\s+30,001 ms mean/);
  assert.match(run.stdout, /Malformed router lines[^\n]*: 1/);
});

test('printed lines have their query strings masked, in router paths and in app request lines', async () => {
  const run = await implanta(['logs', '--file', FIXTURE]);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(!run.stdout.includes('s3cr3t'), 'router path query');
  assert.ok(!run.stdout.includes('private'), 'app request line query');
  assert.match(run.stdout, /path="\/reports\/\?token=\[redacted\]"/);
  assert.match(run.stdout, /GET \/search\?q=\[redacted\] HTTP/);
});

test('--file - reads standard input; --source and --dyno filter it', async () => {
  const out = await new Promise<string>((done, fail) => {
    const child = execFile(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/cli/main.ts'), 'logs', '--file', '-', '--source', 'heroku', '--dyno', 'web.2'], { encoding: 'utf8' }, (error, stdout) => (error ? fail(error) : done(stdout)));
    child.stdin!.end('2024-05-01T12:00:00.000000+00:00 heroku[web.2]: Error R14 (Memory quota exceeded)\n2024-05-01T12:00:00.000000+00:00 app[web.2]: hi\n2024-05-01T12:00:00.000000+00:00 heroku[web.1]: Error R14 (Memory quota exceeded)\n');
  });
  assert.equal(out, '2024-05-01T12:00:00.000000+00:00 heroku[web.2]: Error R14 (Memory quota exceeded)\n');
});

test('--file - --summary reads standard input in fixed memory and gives the same summary as the file', async () => {
  const fromStdin = await new Promise<string>((done, fail) => {
    const child = execFile(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/cli/main.ts'), 'logs', '--file', '-', '--summary', '--format', 'json'], { encoding: 'utf8' }, (error, stdout) => (error ? fail(error) : done(stdout)));
    // In small pieces, as a pipe delivers them: lines are cut across reads.
    const bytes = readFileSync(FIXTURE);
    for (let offset = 0; offset < bytes.length; offset += 97) child.stdin!.write(bytes.subarray(offset, offset + 97));
    child.stdin!.end();
  });
  const fromFile = await implanta(['logs', '--file', FIXTURE, '--summary', '--format', 'json']);
  const { file: _file, ...expected } = JSON.parse(fromFile.stdout);
  const { file: _stdin, ...actual } = JSON.parse(fromStdin);
  assert.deepEqual(actual, expected);
  assert.equal(actual.requests, 6);
});

test('a large-file summary reads bytes as they are: coloured lines still count, UTF-8 paths come out whole', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'implanta-logs-'));
  try {
    const file = join(dir, 'coloured.log');
    writeFileSync(file, [
      '\x1b[2m2024-05-01T12:00:00.000000+00:00\x1b[22m \x1b[35mheroku[router]:\x1b[39m at=info method=GET path="/" host=h dyno=web.1 connect=0ms service=3ms status=200 bytes=1 protocol=https',
      '2024-05-01T12:00:01.000000+00:00 heroku[router]: at=info method=GET path="/café/" host=h dyno=web.1 connect=0ms service=900ms status=200 bytes=1 protocol=https',
    ].join('\n') + '\n');
    const run = await implanta(['logs', '--file', file, '--summary', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.requests, 2);
    assert.equal(out.slowest_paths[0].path, '/café/');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad input: one line, exit 2', async () => {
  const missing = await implanta(['logs', '--file', '/nonexistent/x.log', '--summary']);
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr, 'implanta: /nonexistent/x.log: cannot read it (ENOENT)\n');
  const json = await implanta(['logs', '--file', FIXTURE, '--format', 'json']);
  assert.equal(json.code, 2);
  assert.match(json.stderr, /--format json prints the summary: add --summary/);
  const neither = await implanta(['logs']);
  assert.equal(neither.code, 2);
  const num = await implanta(['logs', '-a', 'x', '--num', '5000']);
  assert.equal(num.code, 2);
  assert.match(num.stderr, /--num 5000/);
});
