import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HerokuClient } from '../../src/heroku/client.js';
import { loadDeployConfig } from '../../src/deploy/config.js';
import { runGates, type GateOptions } from '../../src/deploy/gates.js';
import { implantaDir } from '../../src/deploy/implanta-dir.js';
import { acquireLock } from '../../src/deploy/lock.js';
import { runProjectTests } from '../../src/deploy/test-run.js';
import { FakeApi } from './helpers/fake-api.js';
import { commit, makeRepo, sh, tempDir } from './helpers/git-repo.js';

describe('deploy gates', () => {
  const api = new FakeApi();
  let builds: unknown[] = [];
  before(async () => {
    api
      .on('GET', /^\/apps\/demo$/, () => ({ body: { name: 'demo', git_url: 'https://git.heroku.com/demo.git', web_url: 'https://demo.herokuapp.com/' } }))
      .on('GET', /^\/apps\/demo\/builds$/, () => ({ body: builds }))
      .on('GET', /^\/apps\/demo\/releases$/, () => ({ body: [{ id: 'r1', version: 1, status: 'succeeded', current: true }] }));
    await api.start();
  });
  after(() => api.close());

  /** A repository whose production tip passed its tests. */
  async function testedRepo(): Promise<string> {
    const repo = makeRepo({ 'app.py': 'print(1)\n' });
    await runProjectTests({ repo, command: 'true' });
    return repo;
  }

  function gates(repo: string, extra: Partial<GateOptions> = {}) {
    return runGates({ repo, app: 'demo', client: api.client(), config: loadDeployConfig(repo), ...extra });
  }

  function verdict(report: Awaited<ReturnType<typeof runGates>>, name: string) {
    return report.gates.find((g) => g.name === name)!;
  }

  it('passes a tested, clean, checked-out branch on a reachable, idle app', async () => {
    const repo = await testedRepo();
    const report = await gates(repo, { runChecks: async () => ({ failing: 0, summary: 'no findings at or above warning' }) });
    assert.equal(report.ok, true, JSON.stringify(report.gates, null, 2));
    assert.deepEqual(report.gates.map((g) => g.name), ['branch', 'clean tree', 'up to date', 'tested', 'checks', 'no other deploy', 'platform']);
    assert.equal(report.commit, sh(repo, ['rev-parse', 'production']));
    assert.equal(report.app?.git_url, 'https://git.heroku.com/demo.git');
  });

  it('refuses an untested commit and says how to test it', async () => {
    const repo = await testedRepo();
    commit(repo, { 'app.py': 'print(2)\n' });
    const report = await gates(repo);
    assert.equal(report.ok, false);
    assert.match(verdict(report, 'tested').reason, /has no recorded test run/);
    assert.match(verdict(report, 'tested').fix ?? '', /implanta test/);
  });

  it('refuses a commit whose tests failed', async () => {
    const repo = makeRepo();
    await runProjectTests({ repo, command: 'exit 1' });
    const tested = verdict(await gates(repo), 'tested');
    assert.equal(tested.ok, false);
    assert.match(tested.reason, /failed .*exit status 1/);
  });

  it('runs the tests now with runTests, and passes when they pass', async () => {
    const repo = makeRepo({ '.implanta.json': JSON.stringify({ test_command: 'true' }) });
    const report = await gates(repo, { runTests: true });
    assert.equal(verdict(report, 'tested').ok, true);
  });

  it('refuses a dirty tree, naming the files', async () => {
    const repo = await testedRepo();
    writeFileSync(join(repo, 'app.py'), 'print("edited")\n');
    writeFileSync(join(repo, 'new.txt'), 'untracked\n');
    const clean = verdict(await gates(repo), 'clean tree');
    assert.equal(clean.ok, false);
    assert.match(clean.reason, /app\.py, new\.txt/);
  });

  it("does not count implanta's own .implanta/ folder as a change", async () => {
    const repo = await testedRepo();
    writeFileSync(join(implantaDir(repo), 'deploys.jsonl'), '{}\n');
    assert.equal(verdict(await gates(repo), 'clean tree').ok, true);
  });

  it('refuses when the deploy branch is not checked out', async () => {
    const repo = await testedRepo();
    sh(repo, ['switch', '--quiet', '-c', 'feature']);
    const branch = verdict(await gates(repo), 'branch');
    assert.equal(branch.ok, false);
    assert.equal(branch.fix, 'git switch production');
  });

  it('refuses when there is no deploy branch', async () => {
    const repo = makeRepo({ 'a.txt': '' }, 'main');
    const report = await gates(repo);
    assert.match(verdict(report, 'branch').reason, /there is no branch production/);
    assert.equal(report.commit, undefined);
  });

  it('refuses a branch behind its upstream, as of the last fetch', async () => {
    const repo = await testedRepo();
    const origin = join(tempDir(), 'origin.git');
    sh(repo, ['init', '--quiet', '--bare', origin]);
    sh(repo, ['remote', 'add', 'origin', origin]);
    sh(repo, ['push', '--quiet', '-u', 'origin', 'production']);
    assert.equal(verdict(await gates(repo), 'up to date').ok, true);

    const teammate = join(tempDir(), 'clone');
    sh(repo, ['clone', '--quiet', '--branch', 'production', origin, teammate]);
    sh(teammate, ['config', 'user.email', 't@example.com']);
    sh(teammate, ['config', 'user.name', 'T']);
    commit(teammate, { 'theirs.txt': 'x\n' });
    sh(teammate, ['push', '--quiet', 'origin', 'production']);
    // Not fetched yet: implanta does not fetch, so it cannot know.
    assert.equal(verdict(await gates(repo), 'up to date').ok, true);
    sh(repo, ['fetch', '--quiet']);
    const behind = verdict(await gates(repo), 'up to date');
    assert.equal(behind.ok, false);
    assert.match(behind.reason, /1 commit behind origin\/production/);
    assert.equal(behind.fix, 'git pull --ff-only');
  });

  it('refuses while another deploy holds the lock', async () => {
    const repo = await testedRepo();
    assert.ok((await acquireLock({ repo, app: 'demo', commit: 'x', timeoutMinutes: 30 })).acquired);
    const lock = verdict(await gates(repo), 'no other deploy');
    assert.equal(lock.ok, false);
    assert.match(lock.reason, /a deploy is in flight/);
  });

  it('lets a stale lock through only with breakLock', async () => {
    const repo = await testedRepo();
    const path = join(repo, '.git', 'implanta', 'locks', 'demo.lock');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ app: 'demo', holder: 'ana@ci', host: 'ci', pid: 7, at: '2020-01-01T00:00:00Z', commit: 'abc', token: 't' }));
    const refused = verdict(await gates(repo), 'no other deploy');
    assert.equal(refused.ok, false);
    assert.match(refused.fix ?? '', /--break-lock/);
    const allowed = verdict(await gates(repo, { breakLock: true }), 'no other deploy');
    assert.equal(allowed.ok, true);
    assert.match(allowed.reason, /will be broken/);
  });

  it('refuses when the checks find problems at the fail level', async () => {
    const repo = await testedRepo();
    const checks = verdict(await gates(repo, { runChecks: async () => ({ failing: 2, summary: '2 warnings (security.W004, heroku.stack)' }) }), 'checks');
    assert.equal(checks.ok, false);
    assert.equal(checks.fix, 'implanta check --app demo');
  });

  it('refuses while a build is pending on the platform', async () => {
    const repo = await testedRepo();
    builds = [{ id: 'b1', status: 'pending', created_at: '2026-01-01T00:00:00Z', source_blob: {} }];
    try {
      const platform = verdict(await gates(repo), 'platform');
      assert.equal(platform.ok, false);
      assert.match(platform.reason, /still pending/);
    } finally {
      builds = [];
    }
  });

  it('marks an unreachable platform, so the deploy exits 3', async () => {
    const repo = await testedRepo();
    const client = new HerokuClient({ token: 'x'.repeat(20), baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
    const report = await runGates({ repo, app: 'demo', client, config: loadDeployConfig(repo) });
    assert.equal(report.unreachable, true);
    assert.equal(verdict(report, 'platform').ok, false);
  });
});
