import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPlatform } from '../../src/local/server.js';
import { appLog, appRepo, push, runningCall, startRunningPlatform, waitFor, waitForWeb, type RunningPlatform } from '../helpers/local-runtime.js';

/** A web process that needs nothing but Python: it binds $PORT and lists its folder. */
const SERVE = 'web: python -m http.server --bind 127.0.0.1 $PORT\n';

async function createApp(local: RunningPlatform, name: string, config: Record<string, string> = {}): Promise<{ name: string; git_url: string; web_url: string }> {
  const app = (await local.call('POST', '/apps', { name })).body;
  if (Object.keys(config).length > 0) await local.call('PATCH', `/apps/${name}/config-vars`, config);
  return app;
}

async function latestBuild(local: RunningPlatform, app: string): Promise<{ status: string; output_stream_url: string; release: { id: string } | null }> {
  const builds = (await local.call('GET', `/apps/${app}/builds`)).body as { created_at: string; status: string; output_stream_url: string; release: { id: string } | null }[];
  return builds.sort((a, b) => a.created_at.localeCompare(b.created_at)).at(-1)!;
}

test('git answers only with the API token as the password, as git.heroku.com does', async (t) => {
  const local = await startRunningPlatform(t);
  const app = await createApp(local, 'auth-check');
  const refs = `${app.git_url}/info/refs?service=git-receive-pack`;
  const basic = (credential: string) => ({ Authorization: `Basic ${Buffer.from(credential).toString('base64')}` });
  const cases: [string, Record<string, string>, number][] = [
    ['no credential', {}, 401],
    ['an empty password', basic('heroku:'), 401],
    ['a bearer token (git sends none)', { Authorization: 'Bearer test-token' }, 401],
    ['any user and a token', basic('someone@example.com:test-token'), 200],
  ];
  for (const [what, headers, status] of cases) {
    const answer = await fetch(refs, { headers });
    await answer.body?.cancel();
    assert.equal(answer.status, status, what);
    if (status === 401) assert.match(answer.headers.get('www-authenticate') ?? '', /^Basic realm=/, what);
    else assert.equal(answer.headers.get('content-type'), 'application/x-git-receive-pack-advertisement');
  }
  const missing = await fetch(refs.replace('auth-check', 'no-such-app'), { headers: basic('heroku:test-token') });
  assert.equal(missing.status, 404);
});

test('a push the buildpack cannot build is rejected with the reason, and the build is failed', async (t) => {
  const local = await startRunningPlatform(t);
  const cases: [string, Record<string, string>, RegExp][] = [
    ['no package manager file', { Procfile: SERVE, 'app.py': 'print("hi")\n' }, /App not compatible with buildpack: heroku\/python/],
    ['a requirement that is not installed', { Procfile: SERVE, 'requirements.txt': 'no-such-distribution==1.0\n' }, /no-such-distribution==1\.0 \(requirements\.txt:1\): ModuleNotFoundError/],
    [
      'collectstatic failing',
      { Procfile: SERVE, 'requirements.txt': 'Django\n', 'manage.py': 'import sys\nsys.exit("collectstatic is broken here")\n' },
      /collectstatic is broken here(.|\n)*heroku config:set DISABLE_COLLECTSTATIC=1/,
    ],
  ];
  for (const [what, files, reason] of cases) {
    const name = `reject-${what.split(' ').at(-1)!.replace(/[^a-z]/g, '')}`;
    const app = await createApp(local, name);
    const pushed = await push(await appRepo(t, files), app.git_url, 'HEAD:main');
    assert.notEqual(pushed.code, 0, what);
    assert.match(pushed.output, reason, what);
    assert.match(pushed.output, /remote:  !     Push rejected, failed to compile Python app\./, what);
    assert.match(pushed.output, /\[remote rejected\] HEAD -> main \(pre-receive hook declined\)/, what);
    assert.equal((await latestBuild(local, name)).status, 'failed', what);
    assert.equal((await local.call('GET', `/apps/${name}/releases`)).body.length, 1, `${what}: no release beyond v1`);
  }
});

test('DISABLE_COLLECTSTATIC skips collectstatic, and the app then builds', async (t) => {
  const local = await startRunningPlatform(t);
  const app = await createApp(local, 'no-collect', { DISABLE_COLLECTSTATIC: '1' });
  const repo = await appRepo(t, { Procfile: SERVE, 'requirements.txt': 'Django\n', 'manage.py': 'import sys\nsys.exit("collectstatic is broken here")\n' });
  const pushed = await push(repo, app.git_url, 'HEAD:main');
  assert.equal(pushed.code, 0, pushed.output);
  assert.match(pushed.output, /Skipping Django collectstatic since the env var DISABLE_COLLECTSTATIC is set/);
  assert.doesNotMatch(pushed.output, /collectstatic is broken here/);
});

test('a web process that never binds $PORT crashes with R10 in the log', async (t) => {
  const local = await startRunningPlatform(t, { bootTimeoutMs: 2_000, crashRestartDelayMs: 60_000 });
  const app = await createApp(local, 'never-binds');
  const pushed = await push(await appRepo(t, { Procfile: 'web: sleep 600\n', 'requirements.txt': '' }), app.git_url, 'HEAD:main');
  assert.equal(pushed.code, 0, pushed.output);
  await waitFor('the R10 in the log', () => appLog(local, app.name), (log) => log.includes('State changed from starting to crashed'));
  const log = await appLog(local, app.name);
  assert.match(log, /heroku\[web\.1\]: Error R10 \(Boot timeout\) -> Web process failed to bind to \$PORT within 2 seconds of launch/);
  assert.match(log, /heroku\[web\.1\]: Stopping process with SIGKILL/);
  const dynos = (await local.call('GET', `/apps/${app.name}/dynos`)).body as { name: string; state: string }[];
  assert.deepEqual(dynos.map((d) => d.name), ['web.1']);
});

test('a web process that keeps exiting is restarted, then left crashed, and the router answers H10 with the app\'s error page', async (t) => {
  const pages = createServer((_req, res) => res.end('<h1>Hollow is broken</h1>'));
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => pages.close(resolve)));
  const local = await startRunningPlatform(t, { crashRestartDelayMs: 60_000 });
  const app = await createApp(local, 'keeps-crashing', { ERROR_PAGE_URL: `http://127.0.0.1:${(pages.address() as AddressInfo).port}/error.html` });
  const pushed = await push(await appRepo(t, { Procfile: 'web: echo "cannot start"; exit 3\n', 'requirements.txt': '' }), app.git_url, 'HEAD:main');
  assert.equal(pushed.code, 0, pushed.output);
  // The first crash restarts at once; the second waits out the backoff.
  const exits = (log: string) => log.match(/heroku\[web\.1\]: Process exited with status 3/g)?.length ?? 0;
  await waitFor('two crashes', () => appLog(local, app.name), (log) => exits(log) >= 2 && /State changed from starting to crashed(.|\n)*State changed from starting to crashed/.test(log));
  const answer = await fetch(app.web_url);
  assert.equal(answer.status, 503);
  assert.equal(await answer.text(), '<h1>Hollow is broken</h1>');
  const log = await appLog(local, app.name);
  assert.equal(exits(log), 2, 'no third start during the backoff');
  assert.match(log, /app\[web\.1\]: cannot start/);
  assert.match(log, /heroku\[router\]: at=error code=H10 desc="App crashed" method=GET path="\/" host=\S+ request_id=\S+ fwd="127\.0\.0\.1" dyno= connect= service= status=503 bytes= protocol=https/);
});

test('a build created through the API from a tarball streams its output, resumable with Range, and releases', async (t) => {
  const source = mkdtempSync(join(tmpdir(), 'implanta-tarball-'));
  t.after(() => rmSync(source, { recursive: true, force: true }));
  mkdirSync(join(source, 'site-main'));
  writeFileSync(join(source, 'site-main', 'Procfile'), SERVE);
  writeFileSync(join(source, 'site-main', 'requirements.txt'), '');
  writeFileSync(join(source, 'site-main', 'hello.txt'), 'hello from the tarball\n');
  execFileSync('tar', ['-czf', join(source, 'site.tgz'), '-C', source, 'site-main']);
  const blobs = createServer((_req, res) => res.end(readFileSync(join(source, 'site.tgz'))));
  await new Promise<void>((resolve) => blobs.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => blobs.close(resolve)));

  const local = await startRunningPlatform(t);
  const app = await createApp(local, 'from-tarball');
  const created = await local.call('POST', `/apps/${app.name}/builds`, {
    source_blob: { url: `http://127.0.0.1:${(blobs.address() as AddressInfo).port}/site.tgz`, version: 'v1.0.0' },
  });
  assert.equal(created.status, 201);
  assert.equal(created.body.status, 'pending');
  const output = await (await fetch(created.body.output_stream_url)).text();
  assert.match(output, /-----> Python app detected/);
  assert.match(output, /Procfile declares types -> web/);
  assert.match(output, /Released v2/);

  const build = (await local.call('GET', `/apps/${app.name}/builds/${created.body.id}`)).body;
  assert.equal(build.status, 'succeeded');
  assert.ok(build.release?.id, 'a succeeded build names its release');
  const resumed = await fetch(created.body.output_stream_url, { headers: { Range: 'bytes=25-' } });
  assert.equal(resumed.status, 206);
  assert.equal(await resumed.text(), output.slice(25));
  const past = await fetch(created.body.output_stream_url, { headers: { Range: `bytes=${Buffer.byteLength(output)}-` } });
  assert.equal(past.status, 416);

  await waitForWeb(local, app.name, 2);
  assert.equal(await (await fetch(new URL('hello.txt', app.web_url))).text(), 'hello from the tarball\n');
});

test('scaling a process type starts and stops its dynos; a process type with none is not listed', async (t) => {
  const local = await startRunningPlatform(t);
  const app = await createApp(local, 'with-worker');
  const repo = await appRepo(t, { Procfile: `${SERVE}worker: sleep 600\n`, 'requirements.txt': '' });
  assert.equal((await push(repo, app.git_url, 'HEAD:main')).code, 0);
  await waitForWeb(local, app.name, 2);
  const names = async () => ((await local.call('GET', `/apps/${app.name}/dynos`)).body as { name: string; state: string }[]).filter((d) => d.state === 'up').map((d) => d.name).sort();
  assert.deepEqual(await names(), ['web.1'], 'a new process type starts with no dynos, web with one');

  const scaled = await local.call('PATCH', `/apps/${app.name}/formation`, {
    updates: [
      { type: 'worker', quantity: 2, dyno_size: { name: 'standard-1x' } },
      { type: 'web', quantity: 2, dyno_size: { name: 'standard-1x' } },
    ],
  });
  assert.equal(scaled.status, 200);
  await waitFor('four dynos up', names, (list) => list.length === 4);
  assert.deepEqual(await names(), ['web.1', 'web.2', 'worker.1', 'worker.2']);
  const worker = (await local.call('GET', `/apps/${app.name}/dynos/worker.2`)).body;
  assert.equal(worker.command, 'sleep 600');

  await local.call('PATCH', `/apps/${app.name}/formation/worker`, { quantity: 0 });
  await waitFor('the workers to stop', names, (list) => list.length === 2);
  assert.deepEqual(await names(), ['web.1', 'web.2']);
});

test('after the platform restarts, the apps run again at the same web_url', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'implanta-local-restart-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const first = await startLocalPlatform({ port: 0, dataDir, run: { python: '/usr/bin/python3' } });
  const app = (await runningCall(first.url, 'POST', '/apps', { name: 'comes-back' })).body;
  const pushed = await push(await appRepo(t, { Procfile: SERVE, 'requirements.txt': '', 'hello.txt': 'still here\n' }), app.git_url, 'HEAD:main');
  assert.equal(pushed.code, 0, pushed.output);
  await first.close();
  await assert.rejects(fetch(app.web_url), 'nothing answers while the platform is down');

  const again = await startRunningPlatform(t, {}, dataDir);
  assert.equal((await again.call('GET', `/apps/${app.name}`)).body.web_url, app.web_url);
  await waitForWeb(again, app.name, 2);
  assert.equal(await (await fetch(new URL('hello.txt', app.web_url))).text(), 'still here\n');
});

/** A web process that answers with the request headers it got, and never answers /slow in time. */
const ECHO_APP = `import json, os, time
from http.server import BaseHTTPRequestHandler, HTTPServer


class Echo(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow":
            time.sleep(5)
        body = json.dumps({k.lower(): v for k, v in self.headers.items()}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Echo).serve_forever()
`;

test('the router adds Heroku\'s headers, stands in for TLS unless told otherwise, and ends slow requests with H12', async (t) => {
  const local = await startRunningPlatform(t, { routerTimeoutMs: 1_000 });
  const app = await createApp(local, 'echo-headers');
  const pushed = await push(await appRepo(t, { Procfile: 'web: python echo.py\n', 'requirements.txt': '', 'echo.py': ECHO_APP }), app.git_url, 'HEAD:main');
  assert.equal(pushed.code, 0, pushed.output);
  await waitForWeb(local, app.name, 2);

  const seen = (await (await fetch(app.web_url, { headers: { 'X-Forwarded-For': '203.0.113.9' } })).json()) as Record<string, string>;
  assert.equal(seen['x-forwarded-proto'], 'https');
  assert.equal(seen['x-forwarded-port'], '443');
  assert.equal(seen['x-forwarded-for'], '203.0.113.9, 127.0.0.1');
  assert.match(seen['x-request-start'], /^\d{13}$/);
  assert.match(seen['x-request-id'], /^[0-9a-f-]{36}$/);
  assert.equal(seen.via, '1.1 vegur');

  const plain = (await (await fetch(app.web_url, { headers: { 'X-Forwarded-Proto': 'http', 'X-Request-Id': 'a-request-id-from-the-client' } })).json()) as Record<string, string>;
  assert.equal(plain['x-forwarded-proto'], 'http');
  assert.equal(plain['x-forwarded-port'] === '443', false);
  assert.equal(plain['x-request-id'], 'a-request-id-from-the-client');

  const slow = await fetch(new URL('slow', app.web_url));
  assert.equal(slow.status, 503);
  assert.match(await slow.text(), /Application Error/);
  assert.match(await appLog(local, app.name), /at=error code=H12 desc="Request timeout" method=GET path="\/slow" .* dyno=web\.1 connect=\d+ms service=\d+ms status=503/);
});
