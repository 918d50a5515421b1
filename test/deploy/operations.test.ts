import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { InputError, PlatformError } from '../../src/core/errors.js';
import { maintenance, retire, scale } from '../../src/deploy/operations.js';
import { FakeApi, startHttp } from './helpers/fake-api.js';
import { tempDir } from './helpers/git-repo.js';

const SUPERUSER = 'postgres://implanta:implanta@127.0.0.1:5432/postgres';
const CUSTOM_PAGE = '<html><title>Hollow is resting</title><body>Back soon.</body></html>';

function psql(sql: string, url = SUPERUSER): void {
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { stdio: 'ignore' });
}

describe('deactivation and uninstallation', () => {
  const api = new FakeApi();
  let router: { url: string; close: () => Promise<void> };
  let pages: { url: string; close: () => Promise<void> };
  let on = false;
  let configVars: Record<string, string> = {};
  let addons: unknown[] = [];
  let formation: { type: string; quantity: number; size: string; dyno_size: { name: string } }[] = [];

  beforeEach(() => {
    api.requests.length = 0;
    on = false;
    configVars = {};
    addons = [];
    formation = [
      { type: 'web', quantity: 2, size: 'Standard-1X', dyno_size: { name: 'Standard-1X' } },
      { type: 'worker', quantity: 1, size: 'Standard-1X', dyno_size: { name: 'Standard-1X' } },
    ];
  });

  before(async () => {
    pages = await startHttp((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(CUSTOM_PAGE);
    });
    // The router: while in maintenance, a 503 with the custom page when one is configured.
    router = await startHttp(async (_req, res) => {
      if (!on) {
        res.writeHead(200);
        res.end('app');
        return;
      }
      const custom = configVars['MAINTENANCE_PAGE_URL'];
      // Like Heroku's router: the default page when the custom one cannot be fetched.
      const page = custom ? await fetch(custom).then((r) => r.text(), () => undefined) : undefined;
      res.writeHead(503, { 'Content-Type': 'text/html' });
      res.end(page ?? '<h1>Offline for Maintenance</h1>');
    });
    api
      .on('PATCH', /^\/apps\/demo$/, (_m, body) => {
        on = (body as { maintenance: boolean }).maintenance;
        return { body: { name: 'demo', maintenance: on, web_url: router.url + '/' } };
      })
      .on('GET', /^\/apps\/demo\/config-vars$/, () => ({ body: configVars }))
      .on('GET', /^\/apps\/demo\/addons$/, () => ({ body: addons }))
      .on('GET', /^\/apps\/demo\/formation$/, () => ({ body: formation }))
      .on('PATCH', /^\/apps\/demo\/formation$/, (_m, body) => {
        for (const u of (body as { updates: { type: string; quantity: number; dyno_size?: { name: string } }[] }).updates) {
          const row = formation.find((f) => f.type === u.type)!;
          row.quantity = u.quantity;
          if (u.dyno_size) row.size = row.dyno_size.name = u.dyno_size.name;
        }
        return { body: formation };
      })
      .on('DELETE', /^\/apps\/demo$/, () => ({ body: { name: 'demo' } }));
    await api.start();
  });
  after(async () => {
    await api.close();
    await router.close();
    await pages.close();
  });

  describe('maintenance', () => {
    it('turns it on and sees the custom page served with a 503', async () => {
      configVars = { MAINTENANCE_PAGE_URL: pages.url + '/maintenance.html' };
      const report = await maintenance(api.client(), 'demo', true, { pollMs: 10 });
      assert.deepEqual(api.requests.find((r) => r.method === 'PATCH')?.body, { maintenance: true });
      assert.equal(report.ok, true);
      assert.equal(report.status, 503);
      assert.equal(report.customPage, true);
      assert.ok(!report.detail.includes(pages.url));
    });

    it("says when visitors get the default page because no custom page is configured", async () => {
      const report = await maintenance(api.client(), 'demo', true, { pollMs: 10 });
      assert.equal(report.ok, true);
      assert.equal(report.customPage, undefined);
      assert.match(report.detail, /set MAINTENANCE_PAGE_URL/);
    });

    it('fails when the configured page cannot be fetched', async () => {
      configVars = { MAINTENANCE_PAGE_URL: 'http://127.0.0.1:9/maintenance.html' };
      const report = await maintenance(api.client(), 'demo', true, { pollMs: 10, settleMs: 50 });
      assert.equal(report.ok, false);
      assert.equal(report.customPage, false);
    });

    it('turns it off and sees the app again', async () => {
      on = true;
      const report = await maintenance(api.client(), 'demo', false, { pollMs: 10 });
      assert.equal(report.ok, true);
      assert.equal(report.status, 200);
    });
  });

  describe('scale', () => {
    it('applies the whole spec in one batch PATCH and reports before and after', async () => {
      const report = await scale(api.client(), 'demo', 'web=1:standard-2x worker=0');
      const patches = api.requests.filter((r) => r.method === 'PATCH');
      assert.equal(patches.length, 1);
      assert.deepEqual(patches[0]!.body, { updates: [{ type: 'web', quantity: 1, dyno_size: { name: 'standard-2x' } }, { type: 'worker', quantity: 0 }] });
      assert.deepEqual(report.before.map((p) => `${p.type}=${p.quantity}:${p.size}`), ['web=2:Standard-1X', 'worker=1:Standard-1X']);
      assert.deepEqual(report.after.map((p) => `${p.type}=${p.quantity}:${p.size}`), ['web=1:standard-2x', 'worker=0:Standard-1X']);
    });

    it('counts relative changes from the current formation, never below zero', async () => {
      await scale(api.client(), 'demo', 'web+1 worker-3');
      assert.deepEqual(api.requests.find((r) => r.method === 'PATCH')?.body, { updates: [{ type: 'web', quantity: 3 }, { type: 'worker', quantity: 0 }] });
    });

    it('refuses a process type the app does not have, before changing anything', async () => {
      await assert.rejects(scale(api.client(), 'demo', 'web=1 clock=1'), (e: unknown) => e instanceof InputError && /no process type clock \(it has: web, worker\)/.test(e.message));
      assert.equal(api.requests.filter((r) => r.method === 'PATCH').length, 0);
    });
  });

  describe('retire', () => {
    it('refuses without the typed confirmation, touching nothing', async () => {
      for (const confirm of [undefined, 'dem', 'other-app']) {
        await assert.rejects(retire(api.client(), 'demo', { confirm, repo: tempDir() }), (e: unknown) => e instanceof InputError && /--confirm demo/.test(e.message));
      }
      assert.deepEqual(api.requests, []);
    });

    it('stops before any change when the database backup fails, without showing its password', async () => {
      addons = [{ name: 'postgresql-round-1', addon_service: { name: 'heroku-postgresql' }, config_vars: ['DATABASE_URL'] }];
      configVars = { DATABASE_URL: 'postgres://implanta:n0tTheRightPassword@127.0.0.1:5432/does_not_exist' };
      const repo = tempDir();
      await assert.rejects(
        retire(api.client(), 'demo', { confirm: 'demo', repo }),
        (e: unknown) => e instanceof PlatformError && /cannot back up postgresql-round-1 .*nothing was changed/.test(e.message) && !e.message.includes('n0tTheRightPassword'),
      );
      assert.deepEqual(api.requests.filter((r) => r.method !== 'GET'), []);
      assert.deepEqual(readdirSync(join(repo, '.implanta', 'backups')), []);
    });

    it('backs up with pg_dump, then maintenance, scale to zero and destroy, in that order', async () => {
      const db = `implanta_retire_${process.pid}`;
      psql(`DROP DATABASE IF EXISTS ${db}`);
      psql(`CREATE DATABASE ${db}`);
      try {
        const url = `postgres://implanta:implanta@127.0.0.1:5432/${db}`;
        psql('CREATE TABLE visits (id serial primary key, page text); INSERT INTO visits (page) VALUES ($$home$$)', url);
        addons = [{ name: 'postgresql-round-1', addon_service: { name: 'heroku-postgresql' }, config_vars: ['DATABASE_URL'] }, { name: 'papertrail-1', addon_service: { name: 'papertrail' }, config_vars: ['PAPERTRAIL_API_TOKEN'] }];
        configVars = { DATABASE_URL: url };
        const repo = tempDir();
        const report = await retire(api.client(), 'demo', { confirm: 'demo', repo, maintenance: { pollMs: 10 } });

        assert.equal(report.backups.length, 1);
        const file = report.backups[0]!.file;
        assert.ok(file.startsWith(join(repo, '.implanta', 'backups', 'demo-postgresql-round-1-')));
        assert.equal(readFileSync(file).subarray(0, 5).toString(), 'PGDMP');
        const listing = execFileSync('pg_restore', ['--list', file], { encoding: 'utf8' });
        assert.match(listing, /TABLE public visits/);

        const changes = api.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
        assert.deepEqual(changes, ['PATCH /apps/demo', 'PATCH /apps/demo/formation', 'DELETE /apps/demo']);
        assert.deepEqual(formation.map((f) => f.quantity), [0, 0]);
        assert.equal(report.destroyed, true);
        assert.equal(report.maintenance.ok, true);
      } finally {
        psql(`DROP DATABASE IF EXISTS ${db}`);
      }
    });

    it('goes on without a backup when the app has no heroku-postgresql database', async () => {
      const steps: string[] = [];
      const report = await retire(api.client(), 'demo', { confirm: 'demo', repo: tempDir(), maintenance: { pollMs: 10 }, onStep: (s) => steps.push(`${s.name}:${s.status}`) });
      assert.deepEqual(report.backups, []);
      assert.ok(steps.includes('backup:skip'));
      assert.equal(report.destroyed, true);
    });
  });
});
