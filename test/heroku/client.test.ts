import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { PlatformError } from '../../src/core/errors.js';
import { HerokuClient, type Clock, type HerokuClientOptions } from '../../src/heroku/client.js';
import { startLocalPlatform, type LocalPlatformOptions } from '../../src/local/server.js';
import { validatingFetch } from '../helpers/local-api.js';

/** A clock whose sleeps return at once and are recorded, so retry tests run fast and see every wait. */
function fakeClock(): Clock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

interface Harness {
  client: HerokuClient;
  clock: ReturnType<typeof fakeClock>;
  /** Requests the client sent, as `METHOD path`. */
  sent: string[];
}

/** A client against a fresh local platform; every answer is checked against Heroku's schema. */
async function localHarness(t: TestContext, server: Partial<LocalPlatformOptions> = {}, client: Partial<HerokuClientOptions> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'implanta-client-'));
  const local = await startLocalPlatform({ port: 0, dataDir, ...server });
  const problems: string[] = [];
  t.after(async () => {
    await local.close();
    rmSync(dataDir, { recursive: true, force: true });
    assert.deepEqual(problems, [], 'every answer of the local platform matches the Platform API schema');
  });
  const clock = fakeClock();
  const sent: string[] = [];
  const checked = validatingFetch(problems);
  const counting: typeof fetch = (input, init) => {
    sent.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    return checked(input, init);
  };
  return { client: new HerokuClient({ token: 'test-token', baseUrl: local.url, fetch: counting, clock, ...client }), clock, sent };
}

/** A plain HTTP server for answers the local platform never gives (garbage, two-factor, echoes). */
async function stub(t: TestContext, handle: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function rejectsWith(pattern: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof PlatformError, `expected a PlatformError, got ${String(e)}`);
    assert.match(e.message, pattern);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  };
}

test('list follows Next-Range across 206 pages until it has every item', async (t) => {
  const { client, sent } = await localHarness(t, { maxPageSize: 10 });
  const names = Array.from({ length: 25 }, (_, i) => `paged-app-${String(i).padStart(2, '0')}`);
  for (const name of names) await client.post('/apps', { name });
  const apps = await client.list<{ name: string }>('/apps');
  assert.deepEqual(apps.map((a) => a.name).sort(), names);
  assert.equal(sent.filter((s) => s === 'GET /apps').length, 3);
});

test('429, 500 and dropped connections are retried until the requests succeed', async (t) => {
  const { client, clock } = await localHarness(
    t,
    { faults: [{ kind: 'status', status: 429, probability: 0.2 }, { kind: 'status', status: 500, probability: 0.2 }, { kind: 'reset', probability: 0.1 }], seed: 7 },
    { maxRetries: 12 },
  );
  for (let i = 0; i < 20; i++) assert.match((await client.get<{ email: string }>('/account')).email, /@/);
  assert.ok(clock.sleeps.length > 0, 'some requests needed a retry');
});

test('a permanent 500 ends in one PlatformError after the bounded number of attempts', async (t) => {
  const { client, clock, sent } = await localHarness(t, { faults: [{ kind: 'status', status: 500, probability: 1 }] }, { maxRetries: 4 });
  await assert.rejects(client.get('/apps'), rejectsWith(/^GET \/apps: Heroku answered 500 internal_server_error: Internal server error \(request [0-9a-f-]+\) \(after 5 attempts\)$/));
  assert.equal(sent.length, 5);
  assert.equal(clock.sleeps.length, 4);
});

test('retries stop when the time budget is spent, whatever the retry count allows', async (t) => {
  const { client, clock } = await localHarness(t, { faults: [{ kind: 'status', status: 503, probability: 1 }] }, { maxRetries: 100, retryBudgetMs: 5000 });
  await assert.rejects(client.get('/apps'), rejectsWith(/503/));
  assert.ok(clock.sleeps.length < 100);
  assert.ok(clock.sleeps.reduce((a, b) => a + b, 0) <= 5000);
});

test('a dropped connection is retried for a GET but never repeats a POST', async (t) => {
  const { client, sent } = await localHarness(t, { faults: [{ kind: 'reset', probability: 1 }] }, { maxRetries: 2 });
  await assert.rejects(client.get('/apps'), rejectsWith(/^GET \/apps: the connection to 127\.0\.0\.1:\d+ dropped before an answer \(after 3 attempts\)$/));
  sent.length = 0;
  await assert.rejects(client.post('/apps', { name: 'once-only' }), rejectsWith(/^POST \/apps: the connection to .* dropped before an answer; the request may or may not have been applied/));
  assert.deepEqual(sent, ['POST /apps']);
});

test('a 429 waits as long as Retry-After says, then succeeds', async (t) => {
  let calls = 0;
  const url = await stub(t, (_req, res) => (++calls === 1 ? json(res, 429, { id: 'rate_limit', message: 'slow down' }, { 'Retry-After': '3' }) : json(res, 200, [])));
  const clock = fakeClock();
  assert.deepEqual(await new HerokuClient({ token: 't', baseUrl: url, clock }).get('/apps'), []);
  assert.deepEqual(clock.sleeps, [3000]);
});

test('when RateLimit-Remaining runs low the client spaces its requests', async (t) => {
  const { client, clock } = await localHarness(t, { rateLimit: 110 });
  for (let i = 0; i < 9; i++) await client.get('/account');
  assert.deepEqual(clock.sleeps, [], 'no waiting while plenty of the limit is left');
  for (let i = 0; i < 20; i++) await client.get('/account');
  assert.ok(clock.sleeps.length >= 15, 'each request once the limit is low waits first');
  assert.ok(clock.sleeps.at(-1)! > clock.sleeps[0]!, 'the wait grows as the limit runs out');
});

test('a success whose body is not JSON is a PlatformError naming the request', async (t) => {
  const url = await stub(t, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<html>Application error</html>');
  });
  await assert.rejects(new HerokuClient({ token: 't', baseUrl: url }).get('/apps/x'), rejectsWith(/^GET \/apps\/x: the API answered 200 with a body that is not JSON$/));
});

const refusals: [string, number, unknown, RegExp][] = [
  ['401', 401, { id: 'unauthorized', message: 'Invalid credentials provided.' }, /^GET \/apps: unauthorized \(Invalid credentials provided\): run `heroku login` or set HEROKU_API_KEY$/],
  ['403 two_factor', 403, { id: 'two_factor', message: 'A second authentication factor is required.' }, /^GET \/apps: two-factor authentication is required.*HEROKU_API_KEY to an API key/],
  ['403', 403, { id: 'forbidden', message: 'You do not have access to the app example.' }, /^GET \/apps: forbidden: You do not have access to the app example$/],
];

for (const [name, status, body, pattern] of refusals) {
  test(`a ${name} becomes a one-line PlatformError that says what to do`, async (t) => {
    const url = await stub(t, (_req, res) => json(res, status, body));
    await assert.rejects(new HerokuClient({ token: 't', baseUrl: url }).get('/apps'), rejectsWith(pattern));
  });
}

test('the local platform refuses a missing token with 401, and the message says to log in', async (t) => {
  const { client } = await localHarness(t, {}, { token: '' });
  await assert.rejects(client.get('/account'), rejectsWith(/^GET \/account: unauthorized .*heroku login/));
});

test('404 on an app says the app is missing or not shared; other 404s keep Heroku message', async (t) => {
  const { client } = await localHarness(t);
  await assert.rejects(client.get('/apps/ghost-app'), rejectsWith(/^GET \/apps\/ghost-app: app ghost-app not found or no access$/));
  await assert.rejects(client.list('/apps/ghost-app/formation'), rejectsWith(/app ghost-app not found or no access$/));
  await client.post('/apps', { name: 'real-app' });
  await assert.rejects(client.get('/apps/real-app/domains/nowhere.example.com'), rejectsWith(/^GET \/apps\/real-app\/domains\/nowhere\.example\.com: not found: Couldn't find that domain$/));
});

test('422 carries Heroku message', async (t) => {
  const { client } = await localHarness(t);
  await assert.rejects(client.post('/apps', { name: 'Bad_Name' }), rejectsWith(/^POST \/apps: Name must start with a letter/));
});

test('a secret config value or the token never appears in an error message', async (t) => {
  const canary = 'canary-Secret-7f3a9c2e51';
  const { client } = await localHarness(t);
  await client.post('/apps', { name: 'secret-app' });
  await assert.rejects(client.patch('/apps/secret-app/config-vars', { SECRET_KEY: canary, 'not valid!': canary }), (e: unknown) => {
    assert.ok(e instanceof PlatformError);
    assert.ok(!e.message.includes(canary));
    return true;
  });

  // A server that echoes what it was sent, credentials included: the client masks it.
  const url = await stub(t, (req, res, body) => json(res, 422, { id: 'invalid_params', message: `rejected ${body} with ${req.headers.authorization}` }));
  const echoing = new HerokuClient({ token: 'token-abcdef123456', baseUrl: url });
  await assert.rejects(echoing.patch('/apps/secret-app/config-vars', { SECRET_KEY: canary }), (e: unknown) => {
    assert.ok(e instanceof PlatformError);
    assert.ok(!e.message.includes(canary) && !e.message.includes('token-abcdef123456'), e.message);
    assert.match(e.message, /^PATCH \/apps\/secret-app\/config-vars: rejected/);
    return true;
  });
});

test('an attempt that gets no answer times out, and the message names the wait', async (t) => {
  const url = await stub(t, () => undefined);
  const client = new HerokuClient({ token: 't', baseUrl: url, timeoutMs: 100, maxRetries: 1, clock: fakeClock() });
  await assert.rejects(client.get('/apps'), rejectsWith(/^GET \/apps: no answer from 127\.0\.0\.1:\d+ within 100 ms \(after 2 attempts\)$/));
});

test('independent requests are in flight together', { timeout: 10_000 }, async (t) => {
  // The server answers only once three requests are waiting: a client that sent one at a time would hang.
  const waiting: ServerResponse[] = [];
  const url = await stub(t, (_req, res) => {
    waiting.push(res);
    if (waiting.length === 3) for (const r of waiting) json(r, 200, { ok: true });
  });
  const client = new HerokuClient({ token: 't', baseUrl: url });
  const answers = await Promise.all([client.get('/a'), client.get('/b'), client.get('/c')]);
  assert.deepEqual(answers, [{ ok: true }, { ok: true }, { ok: true }]);
});

test('list refuses an answer that is not a list', async (t) => {
  const { client } = await localHarness(t);
  await assert.rejects(client.list('/account'), rejectsWith(/^GET \/account: expected a list, the API answered a JSON object$/));
});

test('nothing listening: even a POST is tried again (it never left), then the error says so', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const clock = fakeClock();
  const client = new HerokuClient({ token: 't', baseUrl: `http://127.0.0.1:${port}`, maxRetries: 2, clock });
  await assert.rejects(client.post('/apps', {}), rejectsWith(/^POST \/apps: could not reach 127\.0\.0\.1:\d+ \(connection refused\) \(after 3 attempts\)$/));
  assert.equal(clock.sleeps.length, 2);
});
