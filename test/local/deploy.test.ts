import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { appLog, commit, hollowRepo, push, startRunningPlatform, waitFor, waitForWeb } from '../helpers/local-runtime.js';

const APP = 'hollow-e2e';

const FAILING_MIGRATION = `from django.db import migrations


def fail(apps, schema_editor):
    raise RuntimeError("this migration always fails")


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]
    operations = [migrations.RunPython(fail)]
`;

/** A `/version` route that says which code is running: the marker lives in pages/code_version.py. */
const VERSION_ROUTE = `
from django.http import HttpResponse  # noqa: E402

from pages.code_version import MARKER  # noqa: E402

urlpatterns.append(path("version", lambda request: HttpResponse(MARKER)))
`;

function markCode(repo: string, marker: string): void {
  writeFileSync(join(repo, 'pages', 'code_version.py'), `MARKER = "${marker}"\n`);
}

/** GET through the router's shared port, routed by the Host header alone. */
function getByHost(port: number, host: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a Django app pushed to the local platform is built, released and served as on Heroku', { timeout: 600_000 }, async (t) => {
  const local = await startRunningPlatform(t, { bootTimeoutMs: 60_000 });
  const app = (await local.call('POST', '/apps', { name: APP })).body as { name: string; git_url: string; web_url: string };
  assert.match(app.git_url, /^http:\/\/127\.0\.0\.1:\d+\/git\/hollow-e2e\.git$/);
  assert.match(app.web_url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  await local.call('POST', `/apps/${APP}/addons`, { plan: 'heroku-postgresql:essential-0' });
  await local.call('PATCH', `/apps/${APP}/config-vars`, { SECRET_KEY: 'a-test-secret-key-that-is-long-enough-for-django-0123456789', ALLOWED_HOSTS: '127.0.0.1,hollow-e2e.localhost' });
  const repo = await hollowRepo(t);
  const get = (path: string) => fetch(new URL(path, app.web_url));
  let firstSlug = '';

  await t.test('a push to main builds the app, runs its release phase and the router serves it', async () => {
    const pushed = await push(repo, app.git_url, 'HEAD:main');
    assert.equal(pushed.code, 0, pushed.output);
    assert.match(pushed.output, /remote: -----> Python app detected/);
    assert.match(pushed.output, /remote:        Procfile declares types -> release, web/);
    assert.match(pushed.output, /remote: Running release command/);
    assert.match(pushed.output, /remote: {3}Applying pages\.0001_initial\.\.\. OK/);

    const builds = (await local.call('GET', `/apps/${APP}/builds`)).body;
    assert.equal(builds.length, 1);
    assert.equal(builds[0].status, 'succeeded');
    const buildOutput = await (await fetch(builds[0].output_stream_url)).text();
    assert.match(buildOutput, /-----> \$ python manage\.py collectstatic --noinput\n.*static files copied/s);
    const release = (await local.call('GET', `/apps/${APP}/releases/${builds[0].release.id}`)).body;
    assert.equal(release.status, 'succeeded');
    assert.equal(release.current, true);
    assert.match(await (await fetch(release.output_stream_url)).text(), /Applying pages\.0001_initial\.\.\. OK/);
    firstSlug = release.slug.id;

    await waitForWeb(local, APP, release.version);
    const health = await get('/health');
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    assert.equal(await getByHost(local.runtime!.router.port, `${APP}.localhost`, '/health'), 200);
    const insecure = await fetch(new URL('/health', app.web_url), { redirect: 'manual', headers: { 'X-Forwarded-Proto': 'http' } });
    assert.equal(insecure.status, 301, 'SECURE_SSL_REDIRECT sends plain HTTP to HTTPS');
    assert.match(insecure.headers.get('location') ?? '', /^https:\/\/127\.0\.0\.1:\d+\/health$/);
    assert.match(await appLog(local, APP), /heroku\[router\]: at=info method=GET path="\/health" host=127\.0\.0\.1:\d+ request_id=\S+ fwd="127\.0\.0\.1" dyno=web\.1 connect=\d+ms service=\d+ms status=200 bytes=\d+ protocol=https/);
  });

  await t.test('a push to another branch is accepted, says it skipped the build, and builds nothing', async () => {
    const pushed = await push(repo, app.git_url, 'HEAD:refs/heads/feature');
    assert.equal(pushed.code, 0, pushed.output);
    assert.match(pushed.output, /remote: Pushed to branch other than \[main, master\], skipping build\./);
    assert.equal((await local.call('GET', `/apps/${APP}/builds`)).body.length, 1);
  });

  await t.test('a release whose migration fails is marked failed and the previous release keeps serving', async () => {
    const before = (await local.call('GET', `/apps/${APP}/releases`)).body.find((r: { current: boolean }) => r.current);
    const migration = join(repo, 'pages', 'migrations', '0002_always_fails.py');
    writeFileSync(migration, FAILING_MIGRATION);
    await commit(repo, 'a migration that fails');
    const pushed = await push(repo, app.git_url, 'HEAD:main');
    assert.equal(pushed.code, 0, 'the build succeeded, so git accepts the push');
    assert.match(pushed.output, /RuntimeError: this migration always fails/);
    assert.match(pushed.output, /Waiting for release\.\.\.\. failed/);

    const releases = (await local.call('GET', `/apps/${APP}/releases`)).body as { version: number; status: string; current: boolean }[];
    const newest = releases.reduce((a, b) => (a.version > b.version ? a : b));
    assert.equal(newest.status, 'failed');
    assert.equal(releases.find((r) => r.current)?.version, before.version);
    assert.equal((await get('/health')).status, 200);
    const web = (await local.call('GET', `/apps/${APP}/dynos`)).body;
    assert.deepEqual(web.map((d: { release: { version: number } }) => d.release.version), [before.version]);
    rmSync(migration);
    await commit(repo, 'drop the failing migration');
  });

  await t.test('new code serves once released, and a rollback to the earlier slug serves the old code again', async () => {
    appendFileSync(join(repo, 'hollow', 'urls.py'), VERSION_ROUTE);
    markCode(repo, 'B');
    await commit(repo, 'version B');
    const pushed = await push(repo, app.git_url, 'HEAD:main');
    assert.equal(pushed.code, 0, pushed.output);
    const deployed = (await local.call('GET', `/apps/${APP}/releases`)).body.find((r: { current: boolean }) => r.current);
    await waitForWeb(local, APP, deployed.version);
    assert.equal(await (await get('/version')).text(), 'B');

    const rollback = await local.call('POST', `/apps/${APP}/releases`, { slug: firstSlug, description: `Rollback to the first slug` });
    assert.equal(rollback.status, 201);
    assert.equal(rollback.body.status, 'succeeded');
    assert.equal(rollback.body.output_stream_url, null, 'a rollback runs no release phase');
    await waitForWeb(local, APP, rollback.body.version);
    assert.equal((await get('/version')).status, 404);
    assert.equal((await get('/health')).status, 200);
  });

  await t.test('in maintenance mode the router answers 503 with the maintenance page, the app\'s own when it sets one', async () => {
    await local.call('PATCH', `/apps/${APP}`, { maintenance: true });
    const page = await get('/health');
    assert.equal(page.status, 503);
    assert.match(await page.text(), /Offline for Maintenance/);

    const pages = createServer((_req, res) => res.end('<h1>Hollow is resting</h1>'));
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise((resolve) => pages.close(resolve)));
    await local.call('PATCH', `/apps/${APP}/config-vars`, { MAINTENANCE_PAGE_URL: `http://127.0.0.1:${(pages.address() as AddressInfo).port}/maintenance.html` });
    const custom = await get('/');
    assert.equal(custom.status, 503);
    assert.equal(await custom.text(), '<h1>Hollow is resting</h1>');
    assert.match(await appLog(local, APP), /heroku\[router\]: at=info code=H80 desc="Maintenance mode" method=GET path="\/"/);

    await local.call('PATCH', `/apps/${APP}`, { maintenance: false });
    assert.equal((await get('/health')).status, 200);
  });

  await t.test('scaled to no web dyno, the router answers 503 with the error page and logs H14', async () => {
    await local.call('PATCH', `/apps/${APP}/formation`, { updates: [{ type: 'web', quantity: 0 }] });
    await waitFor('web dynos to stop', async () => (await local.call('GET', `/apps/${APP}/dynos`)).body, (dynos: unknown[]) => dynos.length === 0);
    const page = await get('/health');
    assert.equal(page.status, 503);
    assert.match(await page.text(), /Application Error/);
    assert.match(await appLog(local, APP), /at=error code=H14 desc="No web processes running" method=GET path="\/health"/);

    await local.call('PATCH', `/apps/${APP}/formation`, { updates: [{ type: 'web', quantity: 1 }] });
    const current = (await local.call('GET', `/apps/${APP}/releases`)).body.find((r: { current: boolean }) => r.current);
    await waitForWeb(local, APP, current.version);
    assert.equal((await get('/health')).status, 200);
  });

  await t.test('with preboot on, a deploy under steady traffic fails no request', async () => {
    assert.equal((await local.call('PATCH', `/apps/${APP}/features/preboot`, { enabled: true })).body.enabled, true);
    markCode(repo, 'C');
    await commit(repo, 'version C');
    let deploying = true;
    const statuses: number[] = [];
    const traffic = (async () => {
      while (deploying) {
        const response = await get('/health').catch(() => undefined);
        statuses.push(response?.status ?? 0);
        await response?.body?.cancel();
      }
    })();
    const pushed = await push(repo, app.git_url, 'HEAD:main');
    assert.equal(pushed.code, 0, pushed.output);
    const released = (await local.call('GET', `/apps/${APP}/releases`)).body.find((r: { current: boolean }) => r.current);
    await waitForWeb(local, APP, released.version);
    deploying = false;
    await traffic;
    assert.ok(statuses.length > 10, `only ${statuses.length} requests went out during the deploy`);
    assert.deepEqual(statuses.filter((s) => s !== 200), []);
    assert.equal(await (await get('/version')).text(), 'C');
    // The log tells the order: after the release phase, the new web dyno was up before the old one was stopped.
    const log = (await appLog(local, APP)).split('\n');
    const deploy = log.slice(log.findLastIndex((line) => line.includes('heroku[release.1]: State changed from up to complete')));
    const newUp = deploy.findIndex((line) => line.includes('heroku[web.1]: State changed from starting to up'));
    const oldStopped = deploy.findIndex((line) => line.includes('heroku[web.1]: Stopping all processes with SIGTERM'));
    assert.ok(newUp > 0 && oldStopped > newUp, `expected the new web.1 up before the old one stopped:\n${deploy.filter((l) => l.includes('heroku[web')).join('\n')}`);
  });
});
