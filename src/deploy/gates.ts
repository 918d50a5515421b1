import { PlatformError } from '../core/errors.js';
import type { HerokuClient } from '../heroku/client.js';
import type * as Heroku from '../heroku/schema-extensions.js';
import type { DeployConfig } from './config.js';
import { appPath } from './follow.js';
import { git, resolveCommit } from './git.js';
import { lockStatus } from './lock.js';
import { readTestNote } from './notes.js';
import type { Progress } from './steps.js';
import { runProjectTests } from './test-run.js';

export interface Gate {
  name: string;
  ok: boolean;
  reason: string;
  /** The command that fixes it. */
  fix?: string;
}

export interface ChecksSummary {
  /** Findings at or above the fail level. */
  failing: number;
  summary: string;
}

export interface GateOptions extends Progress {
  /** The repository's top folder. */
  repo: string;
  app: string;
  client: HerokuClient;
  config: DeployConfig;
  /** --run-tests: an untested tip is tested now instead of refused. */
  runTests?: boolean;
  test?: { command?: string; python?: string; env?: Record<string, string> };
  /** `implanta check --app` at the chosen --fail-level, wired by the CLI. */
  runChecks?: () => Promise<ChecksSummary>;
  /** --break-lock: a stale lock passes this gate, to be broken when the deploy takes the lock. */
  breakLock?: boolean;
}

export interface GateReport {
  ok: boolean;
  /** The branch tip that was judged: the exact commit a deploy ships. */
  commit?: string;
  gates: Gate[];
  /** The app as the platform described it, when it could be reached. */
  app?: Heroku.App;
  /** True when the platform could not be reached or refused the credentials (exit 3). */
  unreachable: boolean;
}

/**
 * Every precondition of a deploy, each with a verdict, the reason and the command that fixes it. All run
 * even after one fails, so `--dry-run` shows the whole picture at once. Nothing here changes anything,
 * except that `runTests` records a test note.
 */
export async function runGates(options: GateOptions): Promise<GateReport> {
  const branch = options.config.branch;
  const gates: Gate[] = [];
  const judge = async (name: string, work: () => Promise<Omit<Gate, 'name'>>) => {
    options.onStep?.({ name, status: 'start' });
    const gate = { name, ...(await work()) };
    options.onStep?.({ name, status: gate.ok ? 'ok' : 'fail', detail: gate.reason });
    gates.push(gate);
    return gate;
  };
  // The platform is asked while git is consulted: the slowest gate should not wait for the others.
  const platform = platformGate(options);

  const commit = await resolveCommit(options.repo, `refs/heads/${branch}`);
  await judge('branch', async () => branchGate(options.repo, branch, commit));
  await judge('clean tree', async () => cleanGate(options.repo));
  await judge('up to date', async () => upstreamGate(options.repo, branch));
  await judge('tested', async () => testedGate(options, commit));
  await judge('checks', async () => checksGate(options));
  await judge('no other deploy', async () => lockGate(options));
  const reached = await platform;
  await judge('platform', async () => reached.gate);
  return { ok: gates.every((g) => g.ok), ...(commit && { commit }), gates, ...(reached.app && { app: reached.app }), unreachable: reached.unreachable };
}

async function branchGate(repo: string, branch: string, commit: string | undefined): Promise<Omit<Gate, 'name'>> {
  if (!commit) return { ok: false, reason: `there is no branch ${branch}`, fix: `git switch -c ${branch}` };
  const head = await git(repo, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  const current = head.code === 0 ? head.stdout.trim() : 'a detached HEAD';
  if (current !== branch) return { ok: false, reason: `${branch} is not checked out (you are on ${current})`, fix: `git switch ${branch}` };
  return { ok: true, reason: `${branch} at ${commit.slice(0, 12)}` };
}

async function cleanGate(repo: string): Promise<Omit<Gate, 'name'>> {
  const status = await git(repo, ['status', '--porcelain']);
  const changed = status.stdout.split('\n').filter((l) => l.trim());
  if (status.code !== 0) return { ok: false, reason: `git status failed: ${status.stderr.trim()}`, fix: 'git status' };
  if (changed.length === 0) return { ok: true, reason: 'no uncommitted changes' };
  const shown = changed.slice(0, 3).map((l) => l.slice(3)).join(', ') + (changed.length > 3 ? `, and ${changed.length - 3} more` : '');
  return { ok: false, reason: `uncommitted changes: ${shown}`, fix: 'git commit the changes, or git stash --include-untracked' };
}

async function upstreamGate(repo: string, branch: string): Promise<Omit<Gate, 'name'>> {
  const upstream = await git(repo, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', `${branch}@{upstream}`]);
  if (upstream.code !== 0) return { ok: true, reason: `${branch} tracks no upstream branch` };
  const name = upstream.stdout.trim();
  const counts = await git(repo, ['rev-list', '--left-right', '--count', `${branch}...${name}`]);
  const [, behind] = counts.stdout.trim().split(/\s+/).map(Number);
  if (counts.code !== 0 || behind === undefined || Number.isNaN(behind)) return { ok: false, reason: `cannot compare ${branch} with ${name}`, fix: 'git fetch' };
  // implanta never fetches: what "behind" means is as of the user's last `git fetch`.
  if (behind > 0) return { ok: false, reason: `${branch} is ${behind} commit${behind === 1 ? '' : 's'} behind ${name} (as of your last git fetch)`, fix: 'git pull --ff-only' };
  return { ok: true, reason: `not behind ${name} as of your last git fetch (implanta does not fetch: run git fetch first to be sure)` };
}

async function testedGate(options: GateOptions, commit: string | undefined): Promise<Omit<Gate, 'name'>> {
  if (!commit) return { ok: false, reason: 'no commit to test', fix: `git switch -c ${options.config.branch}` };
  let note = await readTestNote(options.repo, commit);
  if ((!note || note.result !== 'passed') && options.runTests) {
    note = (await runProjectTests({ repo: options.repo, ref: commit, ...options.test, ...(options.onOutput && { onOutput: options.onOutput }) })).note;
  }
  const short = commit.slice(0, 12);
  if (!note) return { ok: false, reason: `${short} has no recorded test run`, fix: 'implanta test (or deploy with --run-tests)' };
  const when = `\`${note.command}\` on ${note.machine} at ${note.at}`;
  if (note.result !== 'passed') return { ok: false, reason: `the tests of ${short} failed (${when}, exit status ${note.exit_code})`, fix: 'fix the failing tests, commit, then implanta test' };
  return { ok: true, reason: `${short} passed ${when}` };
}

async function checksGate(options: GateOptions): Promise<Omit<Gate, 'name'>> {
  if (!options.runChecks) return { ok: true, reason: 'not run' };
  const result = await options.runChecks();
  if (result.failing > 0) return { ok: false, reason: result.summary, fix: `implanta check --app ${options.app}` };
  return { ok: true, reason: result.summary };
}

async function lockGate(options: GateOptions): Promise<Omit<Gate, 'name'>> {
  const status = await lockStatus({ repo: options.repo, app: options.app, timeoutMinutes: options.config.lockTimeoutMinutes });
  if (status.state === 'free') return { ok: true, reason: `no deploy of ${options.app} in flight from this repository` };
  const who = `${status.info.holder} (pid ${status.info.pid}) since ${status.info.at}`;
  if (status.stale && options.breakLock) return { ok: true, reason: `a stale lock held by ${who} will be broken (--break-lock): ${status.stale}` };
  if (status.stale) return { ok: false, reason: `a stale lock is held by ${who}: ${status.stale}`, fix: `implanta deploy -a ${options.app} --break-lock` };
  return { ok: false, reason: `a deploy is in flight: ${who}`, fix: 'wait for it to finish' };
}

async function platformGate(options: GateOptions): Promise<{ gate: Omit<Gate, 'name'>; app?: Heroku.App; unreachable: boolean }> {
  try {
    const [app, builds, releases] = await Promise.all([
      options.client.get<Heroku.App>(appPath(options.app)),
      options.client.list<Heroku.Build>(appPath(options.app, '/builds')),
      options.client.list<Heroku.Release>(appPath(options.app, '/releases')),
    ]);
    const busy = builds.find((b) => b.status === 'pending') ?? releases.find((r) => r.status === 'pending');
    if (busy) {
      const what = 'source_blob' in busy ? 'a build' : `release v${(busy as Heroku.Release).version}`;
      return { app, unreachable: false, gate: { ok: false, reason: `${what} started at ${busy.created_at} is still pending on the platform: someone else is deploying`, fix: `wait for it: implanta releases -a ${options.app}` } };
    }
    if (!app.git_url) return { app, unreachable: false, gate: { ok: false, reason: `${options.app} has no git_url to push to`, fix: 'check the app with heroku apps:info' } };
    return { app, unreachable: false, gate: { ok: true, reason: `${app.name ?? options.app} answers; nothing else is building or releasing` } };
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    return { unreachable: true, gate: { ok: false, reason: error.message, fix: 'check the network and the credentials (heroku auth:whoami, HEROKU_API_KEY)' } };
  }
}
