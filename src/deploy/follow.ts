import type { HerokuClient } from '../heroku/client.js';
import type * as Heroku from '../heroku/schema-extensions.js';
import { followOutputStream } from './output-stream.js';
import { pollUntil } from './poll.js';

export interface FollowOptions {
  client: HerokuClient;
  app: string;
  onOutput?: (line: string) => void;
  /** Ends the wait: the overall deploy timeout. */
  signal?: AbortSignal;
  pollMs?: number;
  fetch?: typeof fetch;
}

const POLL_MS = 2000;

export function appPath(app: string, rest = ''): string {
  return `/apps/${encodeURIComponent(app)}${rest}`;
}

/** The ids of the app's builds now, taken before a push, so the build the push starts is the new one whatever the clocks say. */
export async function buildIdsBefore(client: HerokuClient, app: string): Promise<Set<string>> {
  return new Set((await client.list<Heroku.Build>(appPath(app, '/builds'))).map((b) => b.id));
}

/**
 * The build a push created: the newest build not seen before the push, preferring one built from
 * `commit` (Heroku records the pushed SHA as `source_blob.version`). Undefined if none appears before the
 * signal fires.
 */
export async function findNewBuild(options: FollowOptions & { before: Set<string>; commit: string }): Promise<Heroku.Build | undefined> {
  const { value } = await pollUntil(
    async () => {
      const fresh = (await options.client.list<Heroku.Build>(appPath(options.app, '/builds'))).filter((b) => !options.before.has(b.id));
      fresh.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
      return fresh.find((b) => b.source_blob?.version === options.commit) ?? fresh[0];
    },
    (build) => build !== undefined,
    { intervalMs: Math.min(options.pollMs ?? POLL_MS, 1000), ...(options.signal && { signal: options.signal }) },
  );
  return value;
}

export interface Followed<T> {
  value: T;
  /** False when the deadline came first: the platform may still finish it. */
  settled: boolean;
  /** Why the output could not be followed to its end (the outcome is still known from the API). */
  outputProblem?: string;
}

/** Streams the build's output live, then waits for its final status and the release it produced. */
export async function followBuild(options: FollowOptions & { build: Heroku.Build }): Promise<Followed<Heroku.Build>> {
  const url = options.build.output_stream_url;
  const stream = url ? await followOutputStream(url, streamOptions(options)) : undefined;
  const result = await pollUntil(
    () => options.client.get<Heroku.Build>(appPath(options.app, `/builds/${options.build.id}`)),
    // A succeeded build names its release a moment later on some platforms; wait for both.
    (build) => build.status === 'failed' || (build.status === 'succeeded' && !!build.release?.id),
    pollOptions(options),
  );
  return { ...result, ...(stream?.problem !== undefined && { outputProblem: stream.problem }) };
}

/**
 * Waits for a release to succeed or fail, streaming its release phase output (`output_stream_url`, set
 * when the app has a `release` process) while it runs.
 */
export async function followRelease(options: FollowOptions & { releaseId: string }): Promise<Followed<Heroku.Release>> {
  let streamed = false;
  let outputProblem: string | undefined;
  const result = await pollUntil(
    async () => {
      const release = await options.client.get<Heroku.Release>(appPath(options.app, `/releases/${options.releaseId}`));
      const url = release.output_stream_url;
      if (!url || streamed) return release;
      streamed = true;
      const stream = await followOutputStream(url, streamOptions(options));
      outputProblem = stream.problem;
      return options.client.get<Heroku.Release>(appPath(options.app, `/releases/${options.releaseId}`));
    },
    (release) => release.status !== 'pending',
    pollOptions(options),
  );
  return { ...result, ...(outputProblem !== undefined && { outputProblem }) };
}

function streamOptions(options: FollowOptions) {
  return {
    onLine: (line: string) => options.onOutput?.(line),
    ...(options.signal && { signal: options.signal }),
    ...(options.fetch && { fetch: options.fetch }),
  };
}

function pollOptions(options: FollowOptions) {
  return { intervalMs: options.pollMs ?? POLL_MS, ...(options.signal && { signal: options.signal }) };
}
