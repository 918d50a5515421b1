import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HerokuClient } from '../../src/heroku/client.js';
import { deploy } from '../../src/deploy/deploy.js';
import { listReleases, readDeployHistory } from '../../src/deploy/history.js';
import { retire } from '../../src/deploy/operations.js';
import { runProjectTests } from '../../src/deploy/test-run.js';
import { startLocalPlatform, type LocalPlatform } from '../../src/local/server.js';
import { commit, makeRepo, sh, tempDir } from './helpers/git-repo.js';

/**
 * The whole deploy against `implanta local` running for real: the Hollow example is pushed over git's
 * smart HTTP, built, released (its release phase migrates a real PostgreSQL database), served by real
 * gunicorn dynos behind the local router, smoke-tested, and rolled back when a later commit breaks it.
 */
const SUPERUSER = 'postgres://implanta:implanta@127.0.0.1:5432/postgres';
const PYTHON = '/usr/bin/python3';
const HOLLOW = join(import.meta.dirname, '..', '..', 'examples', 'hollow');
const TOKEN = 'e2e-token-7c2f91';
const APP = 'hollow-e2e';

const missing = !existsSync(PYTHON) ? `${PYTHON} (with Django) is not installed` : undefined;

describe('deploy against implanta local (end to end)', { skip: missing ?? false, timeout: 600_000 }, () => {
  let local: LocalPlatform;
  let client: HerokuClient;
  let repo: string;

  before(async () => {
    local = await startLocalPlatform({ port: 0, dataDir: tempDir('implanta-e2e-'), postgresUrl: SUPERUSER, run: { python: PYTHON } });
    client = new HerokuClient({ token: TOKEN, baseUrl: local.url });
    await client.post('/apps', { name: APP });
    await client.post(`/apps/${APP}/addons`, { plan: 'heroku-postgresql:essential-0' });
    await client.patch(`/apps/${APP}/config-vars`, { SECRET_KEY: 'e2e-secret-key-'.padEnd(60, 'x'), ALLOWED_HOSTS: '127.0.0.1,localhost,.localhost', DEBUG: 'false' });

    repo = makeRepo({ 'README.md': 'hollow\n' });
    cpSync(HOLLOW, repo, { recursive: true, filter: (src) => !/(__pycache__|production\.env|staticfiles)/.test(src) });
    writeFileSync(join(repo, '.implanta.json'), JSON.stringify({ test_command: 'true', smoke: { max_ms: 10_000 }, watch_seconds: 2 }));
    commit(repo, {}, 'the Hollow site');
    await runProjectTests({ repo });
  });
  after(async () => {
    await local?.close();
  });

  /** Visitors: requests to `paths` of the app, one after the other, until stopped. */
  async function traffic(paths: string[]): Promise<{ stop: () => Promise<void> }> {
    const { web_url: webUrl } = await client.get<{ web_url: string }>(`/apps/${APP}`);
    let running = true;
    const loop = (async () => {
      for (let i = 0; running; i++) {
        await fetch(new URL(paths[i % paths.length]!, webUrl)).then((r) => r.arrayBuffer(), () => undefined);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    })();
    return { stop: async () => { running = false; await loop; } };
  }

  it('deploys a tested commit: build, release phase, dynos, smoke test, then a watch that sees no error and keeps it', async () => {
    const output: string[] = [];
    const visitors = await traffic(['/', '/health']);
    const result = await deploy({ repo, app: APP, client, token: TOKEN, watchSeconds: 3, onOutput: (l) => output.push(l), expect: { nosniff: true, xFrameOptions: 'DENY' } }).finally(visitors.stop);
    assert.equal(result.outcome, 'deployed', `${result.message}\n${JSON.stringify(result.smoke, null, 1)}\n${output.join('\n')}`);
    assert.equal(result.exitCode, 0);
    assert.equal(result.watch?.verdict, 'ok', result.watch?.reason);
    assert.ok(result.watch!.release.requests > 0, 'the watch saw the visitors');
    assert.equal(result.watch!.release.errors, 0);
    const app = await client.get<{ web_url: string }>(`/apps/${APP}`);
    const health = await fetch(new URL('/health', app.web_url));
    assert.equal(health.status, 200);
  });

  it('rolls back a release that answers 500 on a page the smoke test does not visit, once traffic reaches it', async () => {
    const views = join(repo, 'pages', 'views.py');
    const urls = join(repo, 'hollow', 'urls.py');
    writeFileSync(views, readFileSync(views, 'utf8') + '\n\ndef reports(request):\n    raise RuntimeError("reports broken on purpose")\n');
    writeFileSync(urls, readFileSync(urls, 'utf8').replace('    path("admin/"', '    path("reports/", views.reports, name="reports"),\n    path("admin/"'));
    commit(repo, {}, 'add /reports/, broken');
    await runProjectTests({ repo });
    // Before the push /reports/ is a 404 (not a failure); after it, a 500 for every visitor.
    const visitors = await traffic(['/reports/', '/']);
    const result = await deploy({ repo, app: APP, client, token: TOKEN, watchSeconds: 6 }).finally(visitors.stop);
    assert.equal(result.smoke?.ok, true, 'the smoke test (/ and /health) passed');
    assert.equal(result.outcome, 'rolled-back', result.message);
    assert.equal(result.watch?.verdict, 'worse');
    assert.ok(result.watch!.release.errors >= 5, result.watch!.reason);
    assert.equal(result.watch!.before?.errors, 0, 'the release before failed nothing');
    assert.match(result.message, /failed its watch: \d+ requests, \d+ failed/);
    assert.equal(result.rollback?.smoke?.ok, true);
    assert.equal(readDeployHistory(repo).at(-1)?.watch?.verdict, 'worse');
  });

  it('rolls back a commit whose site fails its smoke test', async () => {
    const views = join(repo, 'pages', 'views.py');
    writeFileSync(views, readFileSync(views, 'utf8') + '\n\ndef health(request):\n    raise RuntimeError("broken on purpose")\n');
    const broken = commit(repo, {}, 'break /health');
    await runProjectTests({ repo });
    const result = await deploy({ repo, app: APP, client, token: TOKEN });
    assert.equal(result.outcome, 'rolled-back', result.message);
    assert.equal(result.exitCode, 1);
    assert.equal(result.rollback?.smoke?.ok, true);
    const releases = await listReleases(client, APP, repo);
    assert.equal(releases[0]!.implanta?.role, 'rollback');
    assert.equal(sh(repo, ['rev-parse', 'HEAD']), broken);
  });

  it('retires the app: database backup, maintenance, scale to zero, destroy', async () => {
    const report = await retire(client, APP, { confirm: APP, repo, maintenance: { pollMs: 200 } });
    assert.equal(report.backups.length, 1);
    assert.equal(readFileSync(report.backups[0]!.file).subarray(0, 5).toString(), 'PGDMP');
    assert.equal(report.maintenance.status, 503);
    assert.ok(report.scale.after.every((p) => p.quantity === 0));
    await assert.rejects(client.get(`/apps/${APP}`), /app hollow-e2e not found/);
  });
});
