import { hostname, userInfo } from 'node:os';
import { InputError, PlatformError } from '../core/errors.js';
import { toolVersion } from '../core/version.js';
import type { HerokuClient } from '../heroku/client.js';
import type * as Heroku from '../heroku/schema-extensions.js';
import { loadDeployConfig, type DeployConfig } from './config.js';
import { appPath, buildIdsBefore, findNewBuild, followBuild, followRelease } from './follow.js';
import { runGates, type ChecksSummary, type Gate } from './gates.js';
import { repoRoot } from './git.js';
import { recordDeploy, type DeployRecord } from './history.js';
import { onInterrupt } from './interrupt.js';
import { acquireLock, releaseLock } from './lock.js';
import { addMigrationGate, backupIfMigrating, type MigrationRecord } from './migration-gate.js';
import { pushCommit, type PushResult } from './push.js';
import { rollback, summarizeSmoke, type RollbackReport } from './rollback.js';
import { waitUntilServing } from './serving.js';
import { smokeTest, type ExpectedHeaders, type SmokeReport } from './smoke.js';
import type { Progress } from './steps.js';
import { measureBaseline, watchRelease, type TrafficSample, type WatchReport } from './watch.js';

export interface DeployOptions extends Progress {
  /** Any folder of the repository. */
  repo: string;
  app: string;
  client: HerokuClient;
  /** The API token, for git: it reaches git through the environment only. */
  token: string;
  /** The repository's .implanta.json when absent. */
  config?: DeployConfig;
  /** Print the plan and every gate's verdict; change nothing. */
  dryRun?: boolean;
  runTests?: boolean;
  test?: { command?: string; python?: string; env?: Record<string, string> };
  runChecks?: () => Promise<ChecksSummary>;
  breakLock?: boolean;
  /** Replace the app's main even when the commit does not descend from it. */
  force?: boolean;
  /** Deploy even when a migration breaks the release that keeps serving during the deploy (recorded). */
  allowIncompatibleMigrations?: boolean;
  /** Headers the settings promise (see expectedHeaders()). */
  expect?: ExpectedHeaders;
  /** Push to a settled release: build, release phase and restart together. */
  timeoutMs?: number;
  /** How long after the push ends a build may take to appear in the API. */
  buildAppearMs?: number;
  pollMs?: number;
  /** --watch: seconds to watch the new release's log after its smoke test (else .implanta.json's, else 60; 0 off). */
  watchSeconds?: number;
}

export type DeployOutcome =
  | 'deployed'
  | 'already-deployed'
  | 'dry-run'
  | 'refused'
  | 'push-failed'
  | 'build-failed'
  | 'release-failed'
  | 'rolled-back'
  | 'smoke-failed'
  | 'rollback-failed'
  | 'unknown';

export interface DeployResult {
  outcome: DeployOutcome;
  /** 0 deployed (or nothing to do), 1 refused or failed (rolled back, or nothing changed), 3 platform unreachable. */
  exitCode: 0 | 1 | 3;
  /** One line for the user: what happened and what is serving now. */
  message: string;
  commit?: string;
  gates: Gate[];
  /** What the deploy would do, in order (for --dry-run and the start of a real run). */
  plan: string[];
  release?: number;
  previousRelease?: number;
  smoke?: SmokeReport;
  rollback?: RollbackReport;
  /** The migrations the release runs, as the migrations gate judged them. */
  migrations?: MigrationRecord;
  watch?: WatchReport;
  durations: Record<string, number>;
}

const TIMEOUT_MS = 30 * 60_000;
const BUILD_APPEAR_MS = 60_000;
/** Web dynos boot within 60 s (preboot takes a few minutes); longer than this and the release is not serving. */
const SERVING_MS = 5 * 60_000;
/** The rollback has its own time: it must run even when the deploy used all of its own. */
const ROLLBACK_MS = 10 * 60_000;

/**
 * gates → lock → push → build → release → serving → smoke → (rollback + smoke) → record → unlock.
 * A failed build or release phase changes nothing: the previous release keeps serving. A release that
 * fails its smoke test is rolled back to the release that served before. The lock is released whatever
 * happens, Ctrl-C included; every outcome but success exits non-zero.
 */
export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const repo = await repoRoot(options.repo);
  const config = options.config ?? loadDeployConfig(repo);
  const timer = new Timer();
  const started = new Date();

  const gates = await timer.time('gates', () =>
    runGates({
      repo,
      app: options.app,
      client: options.client,
      config,
      ...pick(options, ['runTests', 'test', 'runChecks', 'breakLock', 'onStep', 'onOutput']),
    }),
  );
  const migrations = await timer.time('migrations', () => addMigrationGate(gates, { repo, app: options.app, client: options.client, ...(options.allowIncompatibleMigrations && { allow: true }), ...pick(options, ['onStep']) }));
  const plan = planOf(options.app, { ...config, watchSeconds: options.watchSeconds ?? config.watchSeconds }, gates.commit, gates.app, migrations);
  const base = { gates: gates.gates, plan, durations: timer.durations, ...(gates.commit && { commit: gates.commit }), ...(migrations && { migrations }) };
  const failed = gates.gates.filter((g) => !g.ok);
  const refusal = failed.map((g) => `${g.name}: ${g.reason}`).join('; ');
  if (options.dryRun) {
    const exitCode = gates.unreachable ? 3 : gates.ok ? 0 : 1;
    return { ...base, outcome: 'dry-run', exitCode, message: gates.ok ? 'dry run: every gate passes; nothing was changed' : `dry run: a deploy would be refused (${refusal}); nothing was changed` };
  }
  const record = (result: DeployResult, pushed: boolean) => save(repo, options, config, started, result, gates.gates, pushed);
  if (!gates.ok || !gates.commit || !gates.app?.git_url) {
    const result: DeployResult = { ...base, outcome: 'refused', exitCode: gates.unreachable ? 3 : 1, message: `deploy refused: ${refusal}` };
    await record(result, false);
    return result;
  }

  const commit = gates.commit;
  const lock = await acquireLock({ repo, app: options.app, commit, timeoutMinutes: config.lockTimeoutMinutes, ...(options.breakLock && { breakLock: true }) });
  if (!lock.acquired) {
    options.onStep?.({ name: 'lock', status: 'fail', detail: lock.reason });
    const result: DeployResult = { ...base, outcome: 'refused', exitCode: 1, message: `deploy refused: ${lock.reason}` };
    await record(result, false);
    return result;
  }
  options.onStep?.({ name: 'lock', status: 'ok', detail: `${options.app} locked for this deploy` });
  let killPush: (() => void) | undefined;
  const forget = onInterrupt(() => {
    killPush?.();
    releaseLock(lock.handle);
  });
  try {
    const backupRefusal = await timer.time('backup', () => backupIfMigrating(migrations, config, { repo, app: options.app, client: options.client, commit, ...pick(options, ['onStep']) }));
    if (backupRefusal) {
      const result: DeployResult = { ...base, outcome: 'refused', exitCode: 1, message: `deploy refused: ${backupRefusal}` };
      await record(result, false);
      return result;
    }
    const run = new Run(repo, options, config, timer, commit, gates.app as Heroku.App & { git_url: string }, (kill) => (killPush = kill));
    const result: DeployResult = { ...base, ...(await run.execute()) };
    await timer.time('record', () => record(result, run.pushed));
    return result;
  } finally {
    forget();
    releaseLock(lock.handle);
  }
}

type Outcome = Omit<DeployResult, 'gates' | 'plan' | 'durations' | 'commit'>;

/** One deploy past its gates, holding the lock. */
class Run {
  pushed = false;
  private previous?: Heroku.Release;
  /** The previous release's traffic, read just before the push, for the watch to compare with. */
  private before?: TrafficSample;
  private lastKnown = 'nothing was pushed';
  private readonly deadline: AbortSignal;

  constructor(
    private readonly repo: string,
    private readonly options: DeployOptions,
    private readonly config: DeployConfig,
    private readonly timer: Timer,
    private readonly commit: string,
    private readonly app: Heroku.App & { git_url: string },
    private readonly onPushStart: (kill: () => void) => void,
  ) {
    this.deadline = AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS);
  }

  async execute(): Promise<Outcome> {
    try {
      return await this.steps();
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      // The client already retried; say what is known rather than guess.
      this.options.onStep?.({ name: 'platform', status: 'fail', detail: error.message });
      return this.end('unknown', 3, `the platform stopped answering (${error.message}); ${this.lastKnown}`);
    }
  }

  private async steps(): Promise<Outcome> {
    const { client } = this.options;
    const name = this.options.app;
    const releases = await client.list<Heroku.Release>(appPath(name, '/releases'));
    this.previous = currentRelease(releases);
    if (await this.alreadyServing()) {
      return this.end('already-deployed', 0, `v${this.previous!.version} already runs ${this.commit.slice(0, 12)}: nothing to deploy`);
    }

    if (this.watchSeconds > 0) this.before = await measureBaseline(client, name, this.deadline);
    const push = await this.step('push', () => this.push(), (r) => r.result.outcome === 'pushed', (r) => r.result.message);
    if (push.result.outcome !== 'pushed') {
      return this.end('push-failed', push.result.outcome === 'auth-failed' ? 3 : 1, `${push.result.message}; ${this.serving()}`);
    }
    this.pushed = true;
    this.lastKnown = `${this.commit.slice(0, 12)} was pushed`;
    const build = push.build;
    if (!build) return this.end('unknown', 1, `pushed, but no build appeared on the platform within ${(this.options.buildAppearMs ?? BUILD_APPEAR_MS) / 1000}s; ${this.serving()}`);

    this.lastKnown = `build ${build.id} was running`;
    const built = await this.step('build', () => followBuild({ ...this.follow(), build }), (b) => b.settled && b.value.status === 'succeeded', (b) => `build ${b.value.status}${b.outputProblem ? ` (${b.outputProblem})` : ''}`);
    if (!built.settled) return this.end('unknown', 1, `build ${build.id} is still pending after the deploy timeout; the platform may still release it`);
    if (built.value.status !== 'succeeded') return this.end('build-failed', 1, `the build failed: nothing changed, ${this.serving()}`);

    const releaseId = built.value.release!.id!;
    this.lastKnown = `build succeeded; release ${releaseId} was pending`;
    const released = await this.step('release', () => followRelease({ ...this.follow(), releaseId }), (r) => r.settled && r.value.status === 'succeeded', (r) => `v${r.value.version} ${r.value.status}`);
    const version = released.value.version;
    if (!released.settled) return this.end('unknown', 1, `release v${version} is still pending after the deploy timeout (its release phase may still be running)`, version);
    if (released.value.status !== 'succeeded') return this.end('release-failed', 1, `the release phase of v${version} failed: nothing changed, ${this.serving()}`, version);

    this.lastKnown = `v${version} was released`;
    const serving = await this.step('serving', () => waitUntilServing({ ...this.follow(), signal: AbortSignal.any([this.deadline, AbortSignal.timeout(SERVING_MS)]), version: version! }), (s) => s.state === 'serving' || s.state === 'no-web', (s) => s.detail);
    if (serving.state === 'no-web') return this.end('deployed', 0, `v${version} released; not smoke-tested (${serving.detail})`, version);
    let smoke: SmokeReport | undefined;
    if (serving.state === 'serving') {
      smoke = await this.step('smoke', () => smokeTest(this.smokeOptions()), (s) => s.ok, summarizeSmoke);
      if (smoke.ok && this.watchSeconds === 0) return this.end('deployed', 0, `v${version} is live and passed its smoke test`, version, { smoke });
      if (smoke.ok) return this.watch(version!, smoke);
    }
    const why = smoke ? 'failed its smoke test' : `is not serving (${serving.detail})`;
    return this.rollBack(version!, why, smoke);
  }

  private get watchSeconds(): number {
    return this.options.watchSeconds ?? this.config.watchSeconds;
  }

  /** The new release under real traffic: rolled back when its log is clearly worse than the previous one's. */
  private async watch(version: number, smoke: SmokeReport): Promise<Outcome> {
    const watch = await this.step('watch', () => watchRelease({ client: this.options.client, app: this.options.app, seconds: this.watchSeconds, before: this.before, signal: this.deadline, ...pick(this.options, ['onOutput']) }), (w) => w.verdict !== 'worse', (w) => w.reason);
    if (watch.verdict === 'worse') return this.rollBack(version, `failed its watch: ${watch.reason}`, smoke, watch);
    const watched = watch.verdict === 'ok' ? ` and ${watch.seconds} s of real traffic (${watch.reason})` : ` (${watch.reason})`;
    return this.end('deployed', 0, `v${version} is live and passed its smoke test${watched}`, version, { smoke, watch });
  }

  private async rollBack(version: number, why: string, smoke: SmokeReport | undefined, watch?: WatchReport): Promise<Outcome> {
    const extra = { ...(smoke && { smoke }), ...(watch && { watch }) };
    // The app's first code release follows only config releases: there is no code to go back to.
    if (!this.previous?.version || !this.previous.slug?.id) {
      return this.end('smoke-failed', 1, `v${version} ${why}, and there is no earlier release with code to roll back to: v${version} stays live`, version, extra);
    }
    const to = this.previous.version;
    let report: RollbackReport;
    try {
      report = await this.timer.time('rollback', () =>
        rollback({ ...this.follow(), signal: AbortSignal.timeout(ROLLBACK_MS), to, smoke: this.smokeOptions(), ...pick(this.options, ['onStep', 'onOutput']) }),
      );
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return this.end('rollback-failed', 1, `v${version} ${why}, and it could not be rolled back (${error.message}): act now`, version, extra);
    }
    if (report.ok) {
      return this.end('rolled-back', 1, `v${version} ${why}; rolled back to the code of v${to} as v${report.release.version}, which passes. ${report.caveat}`, version, { ...extra, rollback: report });
    }
    return this.end('rollback-failed', 1, `v${version} ${why}, and the rollback to v${to} did not restore service (${report.problem}): act now. ${report.caveat}`, version, { ...extra, rollback: report });
  }

  /** The commit the current release runs, from its slug: deploying it again would build nothing. */
  private async alreadyServing(): Promise<boolean> {
    const slug = this.previous?.slug?.id;
    if (!slug) return false;
    const info = await this.options.client.get<Heroku.Slug>(appPath(this.options.app, `/slugs/${slug}`));
    return info.commit === this.commit;
  }

  /** Push and the search for its build run together, so the build's output streams while git still waits. */
  private async push(): Promise<{ result: PushResult; build?: Heroku.Build }> {
    const before = await buildIdsBefore(this.options.client, this.options.app);
    const stopLooking = new AbortController();
    const pushing = pushCommit({
      repo: this.repo,
      gitUrl: this.app.git_url,
      commit: this.commit,
      token: this.options.token,
      ...(this.options.force && { force: true }),
      // The platform's own lines (`remote:`) repeat the build output that is streamed from the API.
      onLine: (line) => {
        if (!line.startsWith('remote:')) this.options.onOutput?.(line);
      },
      onStart: this.onPushStart,
    }).then((result) => {
      const grace = result.outcome === 'pushed' ? (this.options.buildAppearMs ?? BUILD_APPEAR_MS) : 0;
      setTimeout(() => stopLooking.abort(), grace).unref();
      return result;
    });
    // Settled, never rejected: the push must be waited for even when the API fails, or git would outlive the lock.
    const looking = findNewBuild({ ...this.follow(), signal: AbortSignal.any([stopLooking.signal, this.deadline]), before, commit: this.commit }).then(
      (build) => ({ build }),
      (error: unknown) => {
        stopLooking.abort();
        return { error };
      },
    );
    const result = await pushing;
    // Why the platform refused a push is in its own words: show them when no build output will.
    if (result.outcome !== 'pushed') for (const line of result.remote) this.options.onOutput?.(line);
    const found = await looking;
    if ('error' in found) {
      if (result.outcome === 'pushed') throw found.error;
      return { result };
    }
    return { result, ...(found.build && result.outcome === 'pushed' && { build: found.build }) };
  }

  private smokeOptions() {
    const smoke = this.config.smoke;
    return {
      baseUrl: this.app.web_url ?? '',
      paths: smoke.paths,
      ...(smoke.host !== undefined && { host: smoke.host }),
      followRedirects: smoke.followRedirects,
      maxMs: smoke.maxMs,
      ...(this.options.expect && { expect: this.options.expect }),
    };
  }

  private follow() {
    return {
      client: this.options.client,
      app: this.options.app,
      signal: this.deadline,
      ...pick(this.options, ['onOutput', 'pollMs']),
    };
  }

  private serving(): string {
    return this.previous?.version ? `v${this.previous.version} keeps serving` : 'the app had no release before';
  }

  private end(outcome: DeployOutcome, exitCode: 0 | 1 | 3, message: string, release?: number, extra: Partial<Outcome> = {}): Outcome {
    return { outcome, exitCode, message, ...(release !== undefined && { release }), ...(this.previous?.version !== undefined && { previousRelease: this.previous.version }), ...extra };
  }

  /** Runs a step, timing it and reporting start and verdict. */
  private async step<T>(name: string, work: () => Promise<T>, ok: (value: T) => boolean, detail: (value: T) => string): Promise<T> {
    this.options.onStep?.({ name, status: 'start' });
    const value = await this.timer.time(name, work);
    this.options.onStep?.({ name, status: ok(value) ? 'ok' : 'fail', detail: detail(value) });
    return value;
  }
}

function currentRelease(releases: Heroku.Release[]): Heroku.Release | undefined {
  const sorted = [...releases].sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
  return sorted.filter((r) => r.current).at(-1) ?? sorted.filter((r) => r.status === 'succeeded').at(-1);
}

function planOf(app: string, config: DeployConfig, commit: string | undefined, info: Heroku.App | undefined, migrations: MigrationRecord | undefined): string[] {
  const what = commit ? `${config.branch} at ${commit.slice(0, 12)}` : config.branch;
  const paths = config.smoke.paths.map((p) => `${p.path} → ${p.status}`).join(', ');
  return [
    `lock ${app} against other deploys from this repository`,
    ...(migrations?.runs.length ? [config.backupBeforeMigrations ? `back up DATABASE_URL with pg_dump into .implanta/backups/ (the release runs ${migrations.runs.length} migration${migrations.runs.length === 1 ? '' : 's'})` : 'no backup before the migrations (backup_before_migrations is false)'] : []),
    `push ${what} to ${info?.git_url ?? `${app}'s git_url`} as main`,
    'follow the build output, then the release phase',
    'wait until every web dyno runs the new release',
    `smoke-test ${info?.web_url ?? `${app}'s web_url`}: ${paths}`,
    ...(config.watchSeconds > 0 ? [`watch the new release's router and dyno log for ${config.watchSeconds} s against the rate before the push`] : []),
    'on a failed smoke test or watch, roll back to the release serving now and smoke-test it',
    'record the deploy in .implanta/deploys.jsonl and as a git note; unlock',
  ];
}

async function save(repo: string, options: DeployOptions, config: DeployConfig, started: Date, result: DeployResult, gates: Gate[], pushed: boolean): Promise<void> {
  const checks = gates.find((g) => g.name === 'checks');
  const record: DeployRecord = {
    at: started.toISOString(),
    by: `${user()}@${hostname()}`,
    app: options.app,
    branch: config.branch,
    ...(result.commit && { commit: result.commit }),
    outcome: result.outcome,
    message: result.message,
    ...(result.release !== undefined && { release: result.release }),
    ...(result.previousRelease !== undefined && { previous_release: result.previousRelease }),
    ...(result.rollback && { rollback_release: result.rollback.release.version, rollback_smoke: result.rollback.smoke }),
    ...(checks && { checks: checks.reason }),
    ...(result.migrations && { migrations: result.migrations }),
    ...(result.smoke && { smoke: result.smoke }),
    ...(result.watch && { watch: result.watch }),
    durations_s: result.durations,
    implanta: toolVersion(),
  };
  await recordDeploy(repo, record, { note: pushed });
}

/** Seconds per step, for the record and the summary. */
class Timer {
  readonly durations: Record<string, number> = {};

  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.durations[name] = Math.round((performance.now() - started) / 100) / 10;
    }
  }
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function user(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'unknown';
  }
}
