import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { readProjectText } from '../project/project-file.js';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { commonGitDir } from './git.js';

export interface LockInfo {
  app: string;
  /** user@host */
  holder: string;
  host: string;
  pid: number;
  /** ISO 8601, when the lock was taken. */
  at: string;
  commit: string;
  /** Tells this lock from a later one at the same path, so a release never removes another's lock. */
  token: string;
}

export type LockStatus =
  | { state: 'free'; path: string }
  | { state: 'held'; path: string; info: LockInfo; ageMinutes: number; /** Why it may be broken; absent while its deploy may still be running. */ stale?: string };

export interface LockHandle {
  path: string;
  info: LockInfo;
}

export type Acquired = { acquired: true; handle: LockHandle } | { acquired: false; status: Extract<LockStatus, { state: 'held' }>; reason: string };

export interface LockOptions {
  repo: string;
  app: string;
  timeoutMinutes: number;
  now?: () => Date;
}

/**
 * One deploy of an app at a time from this repository: the lock lives in the git common dir, so every
 * worktree and clone-local run sees it. `<common dir>/implanta/locks/<app>.lock`.
 */
export async function lockPath(repo: string, app: string): Promise<string> {
  return join(await commonGitDir(repo), 'implanta', 'locks', `${app}.lock`);
}

export async function lockStatus(options: LockOptions): Promise<LockStatus> {
  const path = await lockPath(options.repo, options.app);
  return statusAt(path, options);
}

function statusAt(path: string, options: LockOptions): LockStatus {
  const held = readLock(path);
  if (!held) return { state: 'free', path };
  const now = (options.now?.() ?? new Date()).getTime();
  const ageMinutes = Math.max(0, (now - Date.parse(held.info.at)) / 60_000);
  const stale = staleReason(held.info, ageMinutes, options.timeoutMinutes);
  return { state: 'held', path, info: held.info, ageMinutes, ...(stale !== undefined && { stale }) };
}

function staleReason(info: LockInfo, ageMinutes: number, timeoutMinutes: number): string | undefined {
  if (info.host === hostname() && info.pid > 0 && !processAlive(info.pid)) return `its process (pid ${info.pid} on ${info.host}) is gone`;
  if (ageMinutes > timeoutMinutes) return `held for ${Math.round(ageMinutes)} minutes, longer than the ${timeoutMinutes}-minute lock timeout`;
  return undefined;
}

/**
 * Takes the lock atomically: the record is written to a private file, then hard-linked to the lock's
 * name, which fails if the name exists. Of two deploys started at once, exactly one gets it. A stale lock
 * is broken only when `breakLock` says so; a live one never.
 */
export async function acquireLock(options: LockOptions & { commit: string; breakLock?: boolean }): Promise<Acquired> {
  const path = await lockPath(options.repo, options.app);
  mkdirSync(join(path, '..'), { recursive: true });
  const now = options.now?.() ?? new Date();
  const info: LockInfo = {
    app: options.app,
    holder: `${userName()}@${hostname()}`,
    host: hostname(),
    pid: process.pid,
    at: now.toISOString(),
    commit: options.commit,
    token: randomBytes(8).toString('hex'),
  };
  if (tryCreate(path, info)) return { acquired: true, handle: { path, info } };

  const status = statusAt(path, options);
  if (status.state === 'free') {
    // Released between our attempt and the look: one more try, and whoever wins, wins.
    if (tryCreate(path, info)) return { acquired: true, handle: { path, info } };
    return refuse(statusAt(path, options), path);
  }
  if (!status.stale || !options.breakLock) return refuse(status, path);
  if (breakStale(path, status.info) && tryCreate(path, info)) return { acquired: true, handle: { path, info } };
  return refuse(statusAt(path, options), path);
}

function refuse(status: LockStatus, path: string): Acquired {
  if (status.state === 'free') {
    // Only reachable in a three-way race; reporting it as held by "someone" is the honest answer.
    return { acquired: false, status: { state: 'held', path, info: unknownHolder(new Date()), ageMinutes: 0 }, reason: 'another deploy took the lock at the same moment' };
  }
  const who = `${status.info.holder} (pid ${status.info.pid}) since ${status.info.at}, deploying ${status.info.commit.slice(0, 12) || 'an unknown commit'}`;
  const reason = status.stale
    ? `a stale deploy lock is in the way: ${who}; ${status.stale}. Break it with --break-lock once you know that deploy is over`
    : `another deploy of ${status.info.app} is in flight: ${who}`;
  return { acquired: false, status, reason };
}

/** Removes the lock if it is still ours. Synchronous: it also runs from a signal handler. */
export function releaseLock(handle: LockHandle): void {
  const held = readLock(handle.path);
  if (held?.info.token !== handle.info.token) return;
  try {
    unlinkSync(handle.path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function tryCreate(path: string, info: LockInfo): boolean {
  const temp = `${path}.${info.token}.tmp`;
  writeFileSync(temp, JSON.stringify(info) + '\n', { flag: 'wx' });
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

/**
 * Moves the stale lock aside and checks that what was moved is the lock that was judged stale: if a
 * faster process broke it and took a fresh lock in between, that fresh lock is put back.
 */
function breakStale(path: string, judged: LockInfo): boolean {
  const aside = `${path}.${randomBytes(8).toString('hex')}.broken`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  const moved = readLock(aside);
  const same = moved?.info.token === judged.token && moved.info.at === judged.at;
  if (!same) {
    try {
      linkSync(aside, path);
    } catch {
      // Someone else already holds the name again; theirs stands.
    }
  }
  unlinkSync(aside);
  return same;
}

function readLock(path: string): { info: LockInfo } | undefined {
  let text: string;
  try {
    // Regular files only: a FIFO planted as the lock must not hang the deploy.
    text = readProjectText(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const info = JSON.parse(text) as Partial<LockInfo>;
    if (typeof info.at === 'string' && !Number.isNaN(Date.parse(info.at))) {
      return { info: { ...unknownHolder(new Date(info.at)), ...info } as LockInfo };
    }
  } catch {
    // A damaged lock file (edited, truncated by a full disk) is still a lock; its age comes from the file.
  }
  return { info: unknownHolder(fileTime(path)) };
}

function unknownHolder(at: Date): LockInfo {
  return { app: '', holder: 'unknown', host: '', pid: 0, at: at.toISOString(), commit: '', token: '' };
}

function fileTime(path: string): Date {
  try {
    return statSync(path).mtime;
  } catch {
    return new Date();
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'unknown';
  }
}
