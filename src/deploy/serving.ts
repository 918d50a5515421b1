import type { Dyno } from '@heroku-cli/schema';
import type { HerokuClient } from '../heroku/client.js';
import { appPath } from './follow.js';
import { pollUntil } from './poll.js';

export interface ServingOptions {
  client: HerokuClient;
  app: string;
  /** The release whose web dynos must be up. */
  version: number;
  signal?: AbortSignal;
  pollMs?: number;
}

export type Serving =
  | { state: 'serving'; detail: string }
  | { state: 'no-web'; detail: string }
  | { state: 'crashed'; detail: string }
  | { state: 'not-yet'; detail: string };

/**
 * Waits until the router can only be reaching the new release: every web dyno runs `version` and is up.
 * Smoke-testing before that would test the old dynos still serving during the restart (or preboot) and
 * pass a release nobody has tried. A web dyno of the new release that crashes ends the wait at once.
 */
export async function waitUntilServing(options: ServingOptions): Promise<Serving> {
  const { value } = await pollUntil(
    async () => judge(await options.client.list<Dyno>(appPath(options.app, '/dynos')), options.version),
    (serving) => serving.state !== 'not-yet',
    { intervalMs: options.pollMs ?? 1000, ...(options.signal && { signal: options.signal }) },
  );
  return value;
}

function judge(dynos: Dyno[], version: number): Serving {
  const web = dynos.filter((d) => d.type === 'web');
  if (web.length === 0) return { state: 'no-web', detail: 'no web dynos run: nothing to smoke-test (scale web up to serve the app)' };
  const crashed = web.find((d) => d.release?.version === version && d.state === 'crashed');
  if (crashed) return { state: 'crashed', detail: `${crashed.name ?? 'a web dyno'} crashed on v${version}` };
  const pending = web.filter((d) => d.release?.version !== version || d.state !== 'up');
  if (pending.length === 0) return { state: 'serving', detail: `${web.length} web dyno${web.length === 1 ? '' : 's'} up on v${version}` };
  const first = pending[0]!;
  return { state: 'not-yet', detail: `${first.name ?? 'a web dyno'} is ${first.state ?? 'unknown'} on v${first.release?.version ?? '?'}` };
}
