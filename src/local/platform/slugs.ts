import type * as Heroku from '../../heroku/schema-extensions.js';
import { optionalString } from './apps.js';
import { stackShape } from './catalog.js';
import { invalid, notFound } from './errors.js';
import { newId } from './ids.js';
import type { Platform } from './platform.js';
import type { Shape } from './shape.js';

export interface SlugRow {
  id: string;
  app_id: string;
  process_types: string;
  commit_sha: string | null;
  commit_description: string | null;
  checksum: string | null;
  buildpack_provided_description: string | null;
  stack: string;
  size: number | null;
  created_at: string;
  updated_at: string;
}

export interface CreateSlug {
  process_types?: unknown;
  commit?: unknown;
  commit_description?: unknown;
  checksum?: unknown;
  buildpack_provided_description?: unknown;
  stack?: unknown;
}

/**
 * A slug is what a build leaves: the process types of its Procfile and the commit it came from. The
 * archive itself is the build work's business; `blob` says where it belongs.
 */
export class Slugs {
  constructor(private readonly p: Platform) {}

  find(appId: string, identity: string): SlugRow {
    const row = this.p.db.prepare('SELECT * FROM slugs WHERE app_id = ? AND id = ?').get(appId, identity) as SlugRow | undefined;
    if (!row) throw notFound('slug');
    return row;
  }

  info(appIdentity: string, identity: string): Shape<Heroku.Slug> {
    return this.shape(this.find(this.p.apps.find(appIdentity).id, identity));
  }

  create(appIdentity: string, body: CreateSlug, size: number | null = null): Shape<Heroku.Slug> {
    const app = this.p.apps.find(appIdentity);
    const processTypes = body.process_types;
    if (!processTypes || typeof processTypes !== 'object' || Array.isArray(processTypes)) throw invalid('process_types must be an object of process type names to commands.');
    for (const [type, command] of Object.entries(processTypes)) {
      if (!/^[-\w]{1,128}$/.test(type) || typeof command !== 'string') throw invalid(`Process type ${JSON.stringify(type)} needs a name of letters, digits, - and _ and a command.`);
    }
    const stack = optionalString(body.stack, 'stack') ?? app.build_stack;
    const now = this.p.timestamp();
    const id = newId();
    this.p.db
      .prepare(
        `INSERT INTO slugs (id, app_id, process_types, commit_sha, commit_description, checksum, buildpack_provided_description, stack, size, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        app.id,
        JSON.stringify(processTypes),
        optionalString(body.commit, 'commit') ?? null,
        optionalString(body.commit_description, 'commit_description') ?? null,
        optionalString(body.checksum, 'checksum') ?? null,
        optionalString(body.buildpack_provided_description, 'buildpack_provided_description') ?? null,
        stack,
        size,
        now,
        now,
      );
    return this.info(app.id, id);
  }

  processTypes(row: SlugRow): Record<string, string> {
    return JSON.parse(row.process_types) as Record<string, string>;
  }

  private shape(row: SlugRow): Shape<Heroku.Slug> {
    const stack = stackShape(row.stack, this.p.now());
    return {
      blob: { method: 'PUT', url: `${this.p.options.publicUrl()}/slugs/${row.id}.tgz` },
      buildpack_provided_description: row.buildpack_provided_description,
      checksum: row.checksum,
      commit: row.commit_sha,
      commit_description: row.commit_description,
      created_at: row.created_at,
      deleted_at: null,
      id: row.id,
      process_types: this.processTypes(row),
      size: row.size,
      stack: { id: stack.id, name: stack.name },
      updated_at: row.updated_at,
    };
  }
}
