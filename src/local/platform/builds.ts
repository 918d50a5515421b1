import type * as Heroku from '../../heroku/schema-extensions.js';
import { GENERATION } from './catalog.js';
import { invalid, notFound } from './errors.js';
import { newId } from './ids.js';
import type { Platform } from './platform.js';
import type { Shape } from './shape.js';

export interface BuildRow {
  id: string;
  app_id: string;
  status: 'pending' | 'succeeded' | 'failed';
  source_blob: string;
  buildpacks: string | null;
  stack: string;
  slug_id: string | null;
  release_id: string | null;
  created_at: string;
  updated_at: string;
}

type SourceBlob = {
  url: string;
  version: string | null;
  checksum: string | null;
  version_description: string | null;
};

/**
 * Builds are recorded here and start `pending`; running one is the build work's job, which hears of it
 * through `hooks.buildCreated` and settles it with `finish`.
 */
export class Builds {
  constructor(private readonly p: Platform) {}

  list(appIdentity: string): Shape<Heroku.Build>[] {
    const app = this.p.apps.find(appIdentity);
    const rows = this.p.db.prepare('SELECT * FROM builds WHERE app_id = ?').all(app.id) as BuildRow[];
    return rows.map((row) => this.shape(row));
  }

  info(appIdentity: string, identity: string): Shape<Heroku.Build> {
    return this.shape(this.find(this.p.apps.find(appIdentity).id, identity));
  }

  find(appId: string, identity: string): BuildRow {
    const row = this.p.db.prepare('SELECT * FROM builds WHERE app_id = ? AND id = ?').get(appId, identity) as BuildRow | undefined;
    if (!row) throw notFound('build');
    return row;
  }

  create(appIdentity: string, body: { source_blob?: unknown; buildpacks?: unknown }): Shape<Heroku.Build> {
    const app = this.p.apps.find(appIdentity);
    const blob = sourceBlob(body.source_blob);
    const buildpacks = buildpackList(body.buildpacks);
    const now = this.p.timestamp();
    const id = newId();
    this.p.db
      .prepare(
        `INSERT INTO builds (id, app_id, status, source_blob, buildpacks, stack, slug_id, release_id, created_at, updated_at)
         VALUES (?, ?, 'pending', ?, ?, ?, NULL, NULL, ?, ?)`,
      )
      .run(id, app.id, JSON.stringify(blob), buildpacks && JSON.stringify(buildpacks), app.build_stack, now, now);
    this.p.hooks.buildCreated?.(id);
    return this.info(app.id, id);
  }

  /** Settles a build: a success names the slug it made and, once released, the release. */
  finish(buildId: string, result: { status: 'succeeded' | 'failed'; slugId?: string; releaseId?: string }): BuildRow {
    const row = this.p.db.prepare('SELECT * FROM builds WHERE id = ?').get(buildId) as BuildRow | undefined;
    if (!row) throw notFound('build');
    this.p.db
      .prepare('UPDATE builds SET status = ?, slug_id = ?, release_id = ?, updated_at = ? WHERE id = ?')
      .run(result.status, result.slugId ?? row.slug_id, result.releaseId ?? row.release_id, this.p.timestamp(), row.id);
    return this.find(row.app_id, row.id);
  }

  private shape(row: BuildRow): Shape<Heroku.Build> {
    return {
      app: { id: row.app_id },
      buildpacks: row.buildpacks ? (JSON.parse(row.buildpacks) as { url?: string; name?: string }[]) : null,
      created_at: row.created_at,
      generation: GENERATION.name,
      id: row.id,
      output_stream_url: `${this.p.options.publicUrl()}/streams/builds/${row.id}`,
      release: row.release_id ? { id: row.release_id } : null,
      slug: row.slug_id ? { id: row.slug_id } : null,
      source_blob: JSON.parse(row.source_blob) as SourceBlob,
      stack: row.stack,
      status: row.status,
      updated_at: row.updated_at,
      user: this.p.account.owner(),
    };
  }
}

function sourceBlob(value: unknown): SourceBlob {
  const blob = value as Record<string, unknown> | null;
  if (!blob || typeof blob !== 'object' || typeof blob.url !== 'string' || blob.url === '') throw invalid('source_blob.url is required.');
  const text = (field: string): string | null => {
    const v = blob[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw invalid(`source_blob.${field} must be a string.`);
    return v;
  };
  return { url: blob.url, version: text('version'), checksum: text('checksum'), version_description: text('version_description') };
}

function buildpackList(value: unknown): { url?: string; name?: string }[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.some((b) => !b || typeof b !== 'object' || (typeof b.url !== 'string' && typeof b.name !== 'string'))) {
    throw invalid('buildpacks must be a list of {url} or {name}.');
  }
  return value.map((b: { url?: string; name?: string }) => ({ ...(b.url ? { url: b.url } : {}), ...(b.name ? { name: b.name } : {}) }));
}
