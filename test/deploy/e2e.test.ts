import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HerokuClient } from '../../src/heroku/client.js';
import { deploy } from '../../src/deploy/deploy.js';
import { listReleases } from '../../src/deploy/history.js';
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
    writeFileSync(join(repo, '.implanta.json'), JSON.stringify({ test_command: 'true', smoke: { max_ms: 10_000 } }));
    commit(repo, {}, 'the Hollow site');
    await runProjectTests({ repo });
  });
  after(async () => {
    await local?.close();
  });

  it('deploys a tested commit: build, release phase, dynos, smoke test', async () => {
    const output: string[] = [];
    const result = await deploy({ repo, app: APP, client, token: TOKEN, onOutput: (l) => output.push(l), expect: { nosniff: true, xFrameOptions: 'DENY' } });
    assert.equal(result.outcome, 'deployed', `${result.message}\n${JSON.stringify(result.smoke, null, 1)}\n${output.join('\n')}`);
    assert.equal(result.exitCode, 0);
    const app = await client.get<{ web_url: string }>(`/apps/${APP}`);
    const health = await fetch(new URL('/health', app.web_url));
    assert.equal(health.status, 200);
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
