import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { acquireLock, lockPath, lockStatus, releaseLock, type LockInfo } from '../../src/deploy/lock.js';
import { makeRepo, sh, tempDir } from './helpers/git-repo.js';

const APP = 'demo-app';

async function plant(repo: string, info: Partial<LockInfo>): Promise<string> {
  const path = await lockPath(repo, APP);
  mkdirSync(dirname(path), { recursive: true });
  const full: LockInfo = { app: APP, holder: 'ana@elsewhere', host: 'elsewhere', pid: 4242, at: new Date().toISOString(), commit: 'abc123', token: 'planted', ...info };
  writeFileSync(path, JSON.stringify(full));
  return path;
}

function deadPid(): number {
  return spawnSync('true').pid!;
}

describe('deploy lock', () => {
  it('is taken, seen, refused to a second deployer, and released', async () => {
    const repo = makeRepo();
    const first = await acquireLock({ repo, app: APP, commit: 'c1', timeoutMinutes: 30 });
    assert.ok(first.acquired);
    const status = await lockStatus({ repo, app: APP, timeoutMinutes: 30 });
    assert.equal(status.state, 'held');
    assert.equal(status.state === 'held' && status.info.pid, process.pid);
    assert.equal(status.state === 'held' && status.stale, undefined);

    const second = await acquireLock({ repo, app: APP, commit: 'c2', timeoutMinutes: 30, breakLock: true });
    assert.equal(second.acquired, false);
    assert.match(!second.acquired ? second.reason : '', /another deploy of demo-app is in flight/);

    releaseLock(first.handle);
    assert.equal((await lockStatus({ repo, app: APP, timeoutMinutes: 30 })).state, 'free');
    assert.ok((await acquireLock({ repo, app: APP, commit: 'c3', timeoutMinutes: 30 })).acquired);
  });

  it('lives in the git common dir, shared by every worktree', async () => {
    const repo = makeRepo();
    const other = join(tempDir(), 'wt');
    sh(repo, ['worktree', 'add', '--quiet', '--detach', other]);
    const taken = await acquireLock({ repo, app: APP, commit: 'c1', timeoutMinutes: 30 });
    assert.ok(taken.acquired);
    assert.equal(taken.handle.path, join(repo, '.git', 'implanta', 'locks', `${APP}.lock`));
    assert.equal((await lockStatus({ repo: other, app: APP, timeoutMinutes: 30 })).state, 'held');
  });

  it('locks each app separately', async () => {
    const repo = makeRepo();
    assert.ok((await acquireLock({ repo, app: 'one', commit: 'c', timeoutMinutes: 30 })).acquired);
    assert.ok((await acquireLock({ repo, app: 'two', commit: 'c', timeoutMinutes: 30 })).acquired);
  });

  it('never removes a lock that is not its own', async () => {
    const repo = makeRepo();
    const mine = await acquireLock({ repo, app: APP, commit: 'c', timeoutMinutes: 30 });
    assert.ok(mine.acquired);
    await plant(repo, { token: 'someone-else' });
    releaseLock(mine.handle);
    assert.equal((await lockStatus({ repo, app: APP, timeoutMinutes: 30 })).state, 'held');
  });

  it('reports a lock whose process on this host is gone as stale, and breaks it only when asked', async () => {
    const repo = makeRepo();
    await plant(repo, { host: hostname(), pid: deadPid() });
    const status = await lockStatus({ repo, app: APP, timeoutMinutes: 30 });
    assert.match(status.state === 'held' ? (status.stale ?? '') : '', /is gone/);

    const refused = await acquireLock({ repo, app: APP, commit: 'c', timeoutMinutes: 30 });
    assert.equal(refused.acquired, false);
    assert.match(!refused.acquired ? refused.reason : '', /stale .*--break-lock/);

    const broken = await acquireLock({ repo, app: APP, commit: 'c', timeoutMinutes: 30, breakLock: true });
    assert.ok(broken.acquired);
    assert.equal(broken.handle.info.pid, process.pid);
  });

  it('counts a lock from another machine as stale only after the timeout', async () => {
    const repo = makeRepo();
    await plant(repo, { at: new Date(Date.now() - 10 * 60_000).toISOString() });
    const young = await lockStatus({ repo, app: APP, timeoutMinutes: 30 });
    assert.equal(young.state === 'held' && young.stale, undefined);
    assert.equal((await acquireLock({ repo, app: APP, commit: 'c', timeoutMinutes: 30, breakLock: true })).acquired, false);

    const old = await lockStatus({ repo, app: APP, timeoutMinutes: 5 });
    assert.match(old.state === 'held' ? (old.stale ?? '') : '', /longer than the 5-minute lock timeout/);
    assert.ok((await acquireLock({ repo, app: APP, commit: 'c', timeoutMinutes: 5, breakLock: true })).acquired);
  });

  it('treats a damaged lock file as held, not as free', async () => {
    const repo = makeRepo();
    const path = await lockPath(repo, APP);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '{"app": "demo-');
    assert.equal((await lockStatus({ repo, app: APP, timeoutMinutes: 30 })).state, 'held');
    assert.equal((await acquireLock({ repo, app: APP, commit: 'c', timeoutMinutes: 30 })).acquired, false);
  });

  it('lets exactly one of several deploys started at once proceed', async () => {
    const repo = makeRepo();
    const go = join(tempDir(), 'go');
    const script = join(import.meta.dirname, 'helpers', 'acquire-lock.ts');
    const runs = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, repo, go], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      return new Promise<{ acquired: boolean }>((resolve) => child.on('close', () => resolve(JSON.parse(out))));
    });
    // Each process starts (slowly, under tsx) and then waits for this file, so all try at the same moment.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    writeFileSync(go, '');
    const verdicts = await Promise.all(runs);
    assert.equal(verdicts.filter((v) => v.acquired).length, 1);
    const dir = dirname(await lockPath(repo, APP));
    assert.deepEqual(readdirSync(dir), [`${APP}.lock`]);
  });
});
