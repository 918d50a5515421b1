import type { HerokuClient } from '../heroku/client.js';
import type * as Heroku from '../heroku/schema-extensions.js';
import { appPath } from './follow.js';

export interface RunningRelease {
  version: number;
  /** The commit its slug was built from; absent for a release without code or a slug without a commit. */
  commit?: string;
}

/**
 * The release serving now and the commit it runs, read from its slug as the deploy does: the current
 * release, else the newest that succeeded.
 */
export async function runningRelease(client: HerokuClient, app: string): Promise<RunningRelease | undefined> {
  const releases = await client.list<Heroku.Release>(appPath(app, '/releases'));
  const sorted = [...releases].sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
  const current = sorted.filter((r) => r.current).at(-1) ?? sorted.filter((r) => r.status === 'succeeded').at(-1);
  if (current?.version === undefined) return undefined;
  const slug = current.slug?.id;
  if (!slug) return { version: current.version };
  const info = await client.get<Heroku.Slug>(appPath(app, `/slugs/${slug}`));
  return { version: current.version, ...(info.commit && { commit: info.commit }) };
}
