import type * as Heroku from '../../heroku/schema-extensions.js';
import { optionalString } from './apps.js';
import { invalid, notFound } from './errors.js';
import { newId } from './ids.js';
import type { Platform } from './platform.js';
import type { Shape } from './shape.js';

export interface ReleaseRow {
  id: string;
  app_id: string;
  version: number;
  slug_id: string | null;
  description: string;
  status: 'pending' | 'succeeded' | 'failed';
  /** The config at this release, JSON: a rollback restores it. */
  config: string;
  addon_plan_names: string;
  created_at: string;
  updated_at: string;
}

export interface NewRelease {
  description: string;
  /** Defaults to the current release's slug: a config change keeps the code. */
  slugId?: string | null;
  /** `pending` while a release phase runs; `finish` settles it. */
  status?: 'pending' | 'succeeded';
  config?: Record<string, string>;
}

/**
 * Releases number an app's history. Config changes and add-on attachments make a release that keeps the
 * slug; a slug release puts new code live (its process types become the formation); a rollback copies an
 * earlier release's slug and config. The latest succeeded release is the current one.
 */
export class Releases {
  constructor(private readonly p: Platform) {}

  list(appIdentity: string): Shape<Heroku.Release>[] {
    const app = this.p.apps.find(appIdentity);
    const rows = this.p.db.prepare('SELECT * FROM releases WHERE app_id = ? ORDER BY version').all(app.id) as ReleaseRow[];
    return rows.map((row) => this.shape(row));
  }

  info(appIdentity: string, identity: string): Shape<Heroku.Release> {
    return this.shape(this.find(this.p.apps.find(appIdentity).id, identity));
  }

  /** The config vars a release ran with. */
  config(appIdentity: string, identity: string): Heroku.ConfigVars {
    return JSON.parse(this.find(this.p.apps.find(appIdentity).id, identity).config) as Heroku.ConfigVars;
  }

  /** POST /apps/{app}/releases: `{slug}` releases a slug, `{release}` rolls back to an earlier release. */
  createFromRequest(appIdentity: string, body: { slug?: unknown; release?: unknown; description?: unknown }): Shape<Heroku.Release> {
    const app = this.p.apps.find(appIdentity);
    const target = optionalString(body.release, 'release');
    if (target !== undefined) return this.shape(this.rollback(app.id, target));
    const slugId = optionalString(body.slug, 'slug');
    if (slugId === undefined) throw invalid('Either slug or release is required.');
    const slug = this.p.slugs.find(app.id, slugId);
    const description = optionalString(body.description, 'description') ?? (slug.commit_sha ? `Deploy ${slug.commit_sha.slice(0, 8)}` : 'Deploy');
    return this.shape(this.p.transaction(() => this.create(app.id, { description, slugId: slug.id })));
  }

  create(appId: string, release: NewRelease): ReleaseRow {
    const previous = this.current(appId);
    const status = release.status ?? 'succeeded';
    const max = this.p.db.prepare('SELECT MAX(version) AS v FROM releases WHERE app_id = ?').get(appId) as { v: number | null };
    const now = this.p.timestamp();
    const id = newId();
    this.p.db
      .prepare(
        `INSERT INTO releases (id, app_id, version, slug_id, description, status, config, addon_plan_names, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        appId,
        (max.v ?? 0) + 1,
        release.slugId === undefined ? (previous?.slug_id ?? null) : release.slugId,
        release.description,
        status,
        JSON.stringify(release.config ?? this.p.config.of(appId)),
        JSON.stringify(this.p.addons.planNames(appId)),
        now,
        now,
      );
    const row = this.find(appId, id);
    if (status === 'succeeded') this.goLive(row, previous);
    if (status === 'succeeded') this.p.hooks.releaseLive?.(appId, id);
    return row;
  }

  /** Settles a pending release (after its release phase): success puts its slug live. */
  finish(releaseId: string, status: 'succeeded' | 'failed'): ReleaseRow {
    const row = this.p.db.prepare('SELECT * FROM releases WHERE id = ?').get(releaseId) as ReleaseRow | undefined;
    if (!row) throw notFound('release');
    return this.p.transaction(() => {
      const previous = this.current(row.app_id);
      this.p.db.prepare('UPDATE releases SET status = ?, updated_at = ? WHERE id = ?').run(status, this.p.timestamp(), row.id);
      const settled = this.find(row.app_id, row.id);
      if (status === 'succeeded') this.goLive(settled, previous);
      if (status === 'succeeded') this.p.hooks.releaseLive?.(settled.app_id, settled.id);
      return settled;
    });
  }

  current(appId: string): ReleaseRow | undefined {
    return this.p.db.prepare("SELECT * FROM releases WHERE app_id = ? AND status = 'succeeded' ORDER BY version DESC LIMIT 1").get(appId) as
      | ReleaseRow
      | undefined;
  }

  find(appId: string, identity: string): ReleaseRow {
    const version = /^v?(\d+)$/.exec(identity);
    const row = (
      version
        ? this.p.db.prepare('SELECT * FROM releases WHERE app_id = ? AND version = ?').get(appId, Number(version[1]))
        : this.p.db.prepare('SELECT * FROM releases WHERE app_id = ? AND id = ?').get(appId, identity)
    ) as ReleaseRow | undefined;
    if (!row) throw notFound('release');
    return row;
  }

  private rollback(appId: string, identity: string): ReleaseRow {
    const target = this.find(appId, identity);
    if (target.status !== 'succeeded') throw invalid(`Release v${target.version} did not succeed and cannot be rolled back to.`);
    const config = JSON.parse(target.config) as Record<string, string>;
    return this.p.transaction(() => {
      this.p.config.replace(appId, config);
      return this.create(appId, { description: `Rollback to v${target.version}`, slugId: target.slug_id, config });
    });
  }

  /** New code went live: the formation follows the slug's process types, the app its slug and stack. */
  private goLive(release: ReleaseRow, previous: ReleaseRow | undefined): void {
    if (!release.slug_id || release.slug_id === previous?.slug_id) return;
    const slug = this.p.slugs.find(release.app_id, release.slug_id);
    this.p.formation.applyProcessTypes(release.app_id, this.p.slugs.processTypes(slug));
    this.p.apps.markReleased(release.app_id, slug.size, slug.buildpack_provided_description);
    this.p.apps.adoptBuildStack(release.app_id, slug.stack);
  }

  private shape(row: ReleaseRow): Shape<Heroku.Release> {
    const app = this.p.apps.find(row.app_id);
    const current = this.current(row.app_id)?.id === row.id;
    return {
      addon_plan_names: JSON.parse(row.addon_plan_names) as string[],
      app: { id: app.id, name: app.name },
      artifacts: row.slug_id ? [{ type: 'slug', id: row.slug_id }] : [],
      created_at: row.created_at,
      current,
      description: row.description,
      // Heroku marks every succeeded release eligible, the current one included: `heroku rollback` without
      // a version takes the second eligible release, newest first, i.e. the one before the current.
      eligible_for_rollback: row.status === 'succeeded',
      id: row.id,
      output_stream_url: this.p.hooks.releaseOutputStreamUrl?.(row.id) ?? null,
      slug: row.slug_id ? { id: row.slug_id } : null,
      status: row.status,
      updated_at: row.updated_at,
      user: this.p.account.owner(),
      version: row.version,
    };
  }
}
