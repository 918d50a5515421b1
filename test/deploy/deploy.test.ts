import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { deploy, type DeployOptions } from '../../src/deploy/deploy.js';
import { readDeployHistory, listReleases } from '../../src/deploy/history.js';
import { lockStatus } from '../../src/deploy/lock.js';
import { readNotes } from '../../src/deploy/notes.js';
import type { Step } from '../../src/deploy/steps.js';
import { runProjectTests } from '../../src/deploy/test-run.js';
import { TEST_TOKEN } from './helpers/fake-api.js';
import { FakePlatform } from './helpers/fake-platform.js';
import { commit, makeRepo, sh } from './helpers/git-repo.js';

describe('deploy', () => {
  let platform: FakePlatform;
  let repo: string;
  let first: string;

  before(async () => {
    repo = makeRepo({ 'app.py': 'v1\n', '.implanta.json': JSON.stringify({ smoke: { max_ms: 5000 }, watch_seconds: 0 }) });
    first = sh(repo, ['rev-parse', 'HEAD']);
    platform = await new FakePlatform().start(first);
  });
  after(() => platform.close());
  afterEach(() => {
    platform.buildFails = false;
    platform.releasePhaseFails = false;
    platform.apiDown = false;
  });

  /** A new tested commit on production. */
  async function nextCommit(text: string): Promise<string> {
    const sha = commit(repo, { 'app.py': `${text}\n` });
    await runProjectTests({ repo, command: 'true' });
    return sha;
  }

  async function run(extra: Partial<DeployOptions> = {}) {
    const steps: Step[] = [];
    const output: string[] = [];
    const result = await deploy({
      repo,
      app: 'demo',
      client: platform.api.client(),
      token: TEST_TOKEN,
      pollMs: 20,
      buildAppearMs: 5000,
      onStep: (s) => steps.push(s),
      onOutput: (l) => output.push(l),
      ...extra,
    });
    return { result, steps, output };
  }

  const verdicts = (steps: Step[]) => steps.filter((s) => s.status !== 'start').map((s) => `${s.name}:${s.status}`);

  it('ships a tested commit: push, build, release phase, smoke test, record, unlock', async () => {
    const sha = await nextCommit('v2');
    const { result, steps, output } = await run();
    assert.equal(result.outcome, 'deployed', result.message);
    assert.equal(result.exitCode, 0);
    assert.equal(result.release, 2);
    assert.equal(result.previousRelease, 1);
    assert.equal(sh(platform.git.bare, ['rev-parse', 'refs/heads/main']), sha);
    assert.equal(platform.current()?.version, 2);
    assert.deepEqual(
      verdicts(steps).filter((v) => !/^(branch|clean tree|up to date|tested|checks|no other deploy|platform|migrations):/.test(v)),
      ['lock:ok', 'push:ok', 'build:ok', 'release:ok', 'serving:ok', 'smoke:ok'],
    );
    assert.ok(output.includes('-----> Python app detected'));
    assert.ok(output.includes('Running migrations:'));
    assert.ok(!output.join('\n').includes(TEST_TOKEN));

    const record = readDeployHistory(repo).at(-1)!;
    assert.equal(record.outcome, 'deployed');
    assert.equal(record.commit, sha);
    assert.equal(record.release, 2);
    assert.equal(record.smoke?.ok, true);
    assert.ok(['push', 'build', 'release', 'smoke'].every((s) => typeof record.durations_s[s] === 'number'));
    assert.deepEqual((await readNotes(repo, sha)).map((n) => n.kind), ['test', 'deploy']);
    assert.equal((await lockStatus({ repo, app: 'demo', timeoutMinutes: 30 })).state, 'free');
  });

  it('does nothing when the current release already runs the commit', async () => {
    const { result } = await run();
    assert.equal(result.outcome, 'already-deployed');
    assert.equal(result.exitCode, 0);
  });

  it('rolls back a release that fails its smoke test, and exits 1', async () => {
    const before = platform.current()!;
    const sha = await nextCommit('v3 with DEBUG on');
    platform.behaviour.set(sha, 'debug');
    const { result, steps } = await run();
    assert.equal(result.outcome, 'rolled-back', result.message);
    assert.equal(result.exitCode, 1);
    assert.equal(result.smoke?.ok, false);
    const post = platform.api.requests.filter((r) => r.method === 'POST').at(-1);
    assert.deepEqual(post?.body, { release: before.id });
    assert.equal(platform.current()?.slug?.id, before.slug?.id);
    assert.equal(result.rollback?.smoke?.ok, true);
    assert.match(result.message, /migrations/);
    assert.ok(verdicts(steps).includes('smoke:fail'));
    assert.ok(verdicts(steps).includes('rollback:ok'));
    const entries = await listReleases(platform.api.client(), 'demo', repo);
    assert.equal(entries[0]!.implanta?.role, 'rollback');
    assert.equal(entries[1]!.implanta?.role, 'deploy');
    assert.equal(entries[1]!.implanta?.smoke_ok, false);
  });

  it('rolls back a release whose web dynos crash', async () => {
    const sha = await nextCommit('v4 crashes');
    platform.behaviour.set(sha, 'crash');
    const { result } = await run();
    assert.equal(result.outcome, 'rolled-back', result.message);
    assert.match(result.message, /crashed/);
  });

  it('says nothing changed when the build fails', async () => {
    const serving = platform.current()!.version;
    const releases = platform.releases.length;
    await nextCommit('v5 does not build');
    platform.buildFails = true;
    const { result } = await run();
    assert.equal(result.outcome, 'build-failed');
    assert.equal(result.exitCode, 1);
    assert.match(result.message, new RegExp(`nothing changed, v${serving} keeps serving`));
    assert.equal(platform.releases.length, releases);
    assert.equal((await lockStatus({ repo, app: 'demo', timeoutMinutes: 30 })).state, 'free');
  });

  it('says nothing changed when the release phase fails', async () => {
    const serving = platform.current()!.version;
    await nextCommit('v6 migration fails');
    platform.releasePhaseFails = true;
    const { result } = await run();
    assert.equal(result.outcome, 'release-failed');
    assert.equal(result.exitCode, 1);
    assert.match(result.message, new RegExp(`v${serving} keeps serving`));
    assert.equal(platform.current()!.version, serving);
  });

  it('refuses an untested commit and pushes nothing', async () => {
    const main = sh(platform.git.bare, ['rev-parse', 'refs/heads/main']);
    commit(repo, { 'app.py': 'untested\n' });
    const { result } = await run();
    assert.equal(result.outcome, 'refused');
    assert.equal(result.exitCode, 1);
    assert.match(result.message, /tested: .* has no recorded test run/);
    assert.equal(sh(platform.git.bare, ['rev-parse', 'refs/heads/main']), main);
    assert.equal(readDeployHistory(repo).at(-1)?.outcome, 'refused');
  });

  it('--dry-run shows the plan and the verdicts and changes nothing', async () => {
    const requests = platform.api.requests.length;
    await runProjectTests({ repo, command: 'true' });
    const history = readDeployHistory(repo).length;
    const { result } = await run({ dryRun: true });
    assert.equal(result.outcome, 'dry-run');
    assert.equal(result.exitCode, 0);
    assert.ok(result.plan.some((p) => p.startsWith('push production at')));
    assert.ok(result.gates.every((g) => g.ok));
    assert.equal(platform.api.requests.slice(requests).filter((r) => r.method !== 'GET').length, 0);
    assert.equal(readDeployHistory(repo).length, history);
  });

  it('releases the lock and stops git when interrupted with Ctrl-C during the push', async () => {
    await nextCommit('v8 interrupted');
    const hook = join(platform.git.bare, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\nsleep 20\n');
    chmodSync(hook, 0o755);
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'helpers', 'interrupted-deploy.ts'), repo, platform.api.url], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('push:start') && resolve()));
      assert.equal((await lockStatus({ repo, app: 'demo', timeoutMinutes: 30 })).state, 'held');
      child.kill('SIGINT');
      const signal = await new Promise((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
      assert.equal(signal, 'SIGINT');
      assert.equal((await lockStatus({ repo, app: 'demo', timeoutMinutes: 30 })).state, 'free');
      const pushes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes('push --porcelain') && l.includes(platform.git.gitUrl));
      assert.deepEqual(pushes, []);
    } finally {
      writeFileSync(hook, '#!/bin/sh\n');
    }
  });

  it('breaks a stale lock only with breakLock', async () => {
    await nextCommit('v9 after a crashed deploy');
    const path = join(repo, '.git', 'implanta', 'locks', 'demo.lock');
    const gone = spawnSync('true').pid!;
    writeFileSync(path, JSON.stringify({ app: 'demo', holder: 'me@here', host: hostname(), pid: gone, at: new Date().toISOString(), commit: 'abc', token: 'old' }));
    const refused = await run();
    assert.equal(refused.result.outcome, 'refused');
    assert.match(refused.result.message, /stale lock .*is gone/);
    const broken = await run({ breakLock: true });
    assert.equal(broken.result.outcome, 'deployed', broken.result.message);
  });

  it('says what is known and exits 3 when the platform stops answering mid-deploy, leaving no lock', async () => {
    await nextCommit('v7');
    platform.apiDown = true;
    const { result } = await run();
    assert.equal(result.outcome, 'unknown');
    assert.equal(result.exitCode, 3);
    assert.match(result.message, /the platform stopped answering .*build b-\d+ was running/);
    assert.equal((await lockStatus({ repo, app: 'demo', timeoutMinutes: 30 })).state, 'free');
  });
});

describe('deploy of the first code to an app', () => {
  it('cannot roll back when there is no earlier code, and says the failing release stays live', async () => {
    const repo = makeRepo({ 'app.py': 'v1\n' });
    await runProjectTests({ repo, command: 'true' });
    const platform = await new FakePlatform().start(null);
    try {
      platform.behaviour.set(sh(repo, ['rev-parse', 'HEAD']), 'debug');
      const result = await deploy({ repo, app: 'demo', client: platform.api.client(), token: TEST_TOKEN, pollMs: 20 });
      assert.equal(result.outcome, 'smoke-failed', result.message);
      assert.equal(result.exitCode, 1);
      assert.match(result.message, /no earlier release with code to roll back to: v2 stays live/);
      // No rollback was attempted (a log session, for the watch's baseline, only reads).
      assert.equal(platform.api.requests.filter((r) => r.method === 'POST' && !r.path.endsWith('/log-sessions')).length, 0);
    } finally {
      await platform.close();
    }
  });
});
