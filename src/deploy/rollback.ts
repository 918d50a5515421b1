import { InputError } from '../core/errors.js';
import type { HerokuClient } from '../heroku/client.js';
import type * as Heroku from '../heroku/schema-extensions.js';
import { appPath, followRelease } from './follow.js';
import { waitUntilServing, type Serving } from './serving.js';
import { smokeTest, type SmokeOptions, type SmokeReport } from './smoke.js';
import type { Progress } from './steps.js';

export const ROLLBACK_CAVEAT =
  'A rollback restores the code and config vars of the earlier release only: database migrations, data and add-on changes made since then stay as they are.';

export interface RollbackOptions extends Progress {
  client: HerokuClient;
  app: string;
  /** The release to go back to; the one before the current release when absent. */
  to?: number;
  /** Smoke-test the restored release through the app's web_url (baseUrl is filled in from the app). */
  smoke?: Omit<SmokeOptions, 'baseUrl'>;
  signal?: AbortSignal;
  pollMs?: number;
}

export interface ReleaseRef {
  id: string;
  version: number;
}

export interface RollbackReport {
  ok: boolean;
  from: ReleaseRef;
  to: ReleaseRef;
  /** The new release the rollback created. */
  release: ReleaseRef & { status: string };
  serving?: Serving;
  smoke?: SmokeReport;
  /** Why it is not ok, in one line. */
  problem?: string;
  caveat: string;
}

/**
 * Rolls back the way Heroku's own rollback does, through the schema's "Rollback" link:
 * `POST /apps/{app}/releases {"release": <id>}` makes a new release with that release's slug and config
 * vars. Then it waits for the release (its release phase runs again), for the web dynos to run it, and
 * smoke-tests it.
 */
export async function rollback(options: RollbackOptions): Promise<RollbackReport> {
  const { client, app } = options;
  const releases = (await client.list<Heroku.Release>(appPath(app, '/releases'))).sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
  const current = releases.filter((r) => r.current).at(-1) ?? releases.filter((r) => r.status === 'succeeded').at(-1);
  if (!current?.id || current.version === undefined) throw new InputError(`${app} has no current release to roll back from`);
  const target = pickTarget(releases, current, options.to, app);

  options.onStep?.({ name: 'rollback', status: 'start', detail: `v${current.version} → v${target.version}` });
  const created = await client.post<Heroku.Release>(appPath(app, '/releases'), { release: target.id });
  const followed = await followRelease({ client, app, releaseId: created.id!, ...follow(options) });
  const release = { id: created.id!, version: followed.value.version ?? created.version ?? 0, status: followed.value.status ?? 'pending' };
  const base = { from: ref(current), to: ref(target), release, caveat: ROLLBACK_CAVEAT };
  if (release.status !== 'succeeded') {
    const problem = followed.settled ? `the rollback release v${release.version} ${release.status}` : `the rollback release v${release.version} is still pending`;
    options.onStep?.({ name: 'rollback', status: 'fail', detail: problem });
    return { ...base, ok: false, problem };
  }
  options.onStep?.({ name: 'rollback', status: 'ok', detail: `v${release.version} runs the code of v${target.version}` });

  options.onStep?.({ name: 'rollback serving', status: 'start' });
  const serving = await waitUntilServing({ client, app, version: release.version, ...follow(options) });
  options.onStep?.({ name: 'rollback serving', status: serving.state === 'serving' ? 'ok' : serving.state === 'no-web' ? 'skip' : 'fail', detail: serving.detail });
  if (serving.state === 'crashed' || serving.state === 'not-yet') return { ...base, ok: false, serving, problem: serving.detail };
  if (!options.smoke || serving.state === 'no-web') return { ...base, ok: true, serving };

  const appInfo = await client.get<Heroku.App>(appPath(app));
  if (!appInfo.web_url) return { ...base, ok: true, serving, problem: 'the app has no web_url to smoke-test' };
  options.onStep?.({ name: 'rollback smoke', status: 'start', detail: appInfo.web_url });
  const smoke = await smokeTest({ ...options.smoke, baseUrl: appInfo.web_url });
  options.onStep?.({ name: 'rollback smoke', status: smoke.ok ? 'ok' : 'fail', detail: summarizeSmoke(smoke) });
  return { ...base, ok: smoke.ok, serving, smoke, ...(!smoke.ok && { problem: `the restored release v${release.version} fails its smoke test too` }) };
}

function pickTarget(releases: Heroku.Release[], current: Heroku.Release, to: number | undefined, app: string): Heroku.Release {
  if (to !== undefined) {
    const wanted = releases.find((r) => r.version === to);
    if (!wanted?.id) throw new InputError(`${app} has no release v${to}`);
    if (wanted.version === current.version) throw new InputError(`v${to} is already ${app}'s current release`);
    if (wanted.status !== 'succeeded') throw new InputError(`v${to} of ${app} ${wanted.status ?? 'did not succeed'}: roll back to a release that succeeded`);
    if (!wanted.slug?.id) throw new InputError(`v${to} of ${app} has no code (no slug): nothing to roll back to`);
    return wanted;
  }
  const previous = releases
    .filter((r) => (r.version ?? 0) < (current.version ?? 0) && r.status === 'succeeded' && r.slug?.id && r.eligible_for_rollback !== false)
    .at(-1);
  if (!previous?.id) throw new InputError(`${app} has no earlier release with code to roll back to`);
  return previous;
}

/** One line per smoke run: how many targets passed, and the first failure. */
export function summarizeSmoke(report: SmokeReport): string {
  const passed = report.results.filter((r) => r.ok).length;
  const failure = report.results.find((r) => !r.ok);
  const first = failure?.checks.find((c) => !c.ok);
  return `${passed}/${report.results.length} passed${failure && first ? `; ${failure.target}: ${first.detail}` : ''}`;
}

function ref(release: Heroku.Release): ReleaseRef {
  return { id: release.id!, version: release.version! };
}

function follow(options: RollbackOptions) {
  return { ...(options.signal && { signal: options.signal }), ...(options.pollMs !== undefined && { pollMs: options.pollMs }), ...(options.onOutput && { onOutput: options.onOutput }) };
}
