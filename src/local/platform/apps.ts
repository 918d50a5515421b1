import type * as Heroku from '../../heroku/schema-extensions.js';
import { GENERATION, defaultStackName, findRegion, resolveStack, stackShape } from './catalog.js';
import { invalid, notFound } from './errors.js';
import { generatedName, newId } from './ids.js';
import type { Platform } from './platform.js';
import type { Shape } from './shape.js';

export interface AppRow {
  id: string;
  name: string;
  region: string;
  stack: string;
  build_stack: string;
  maintenance: number;
  acm_enabled_at: string | null;
  released_at: string | null;
  slug_size: number | null;
  buildpack_provided_description: string | null;
  created_at: string;
  updated_at: string;
}

export interface CreateApp {
  name?: unknown;
  region?: unknown;
  stack?: unknown;
}

export interface UpdateApp {
  build_stack?: unknown;
  maintenance?: unknown;
  name?: unknown;
}

const APP_NAME = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;

export class Apps {
  constructor(private readonly p: Platform) {}

  /** By id or name, as every `/apps/{app}` path takes it. */
  find(identity: string): AppRow {
    const row = this.p.db.prepare('SELECT * FROM apps WHERE id = ? OR name = ?').get(identity, identity) as AppRow | undefined;
    if (!row) throw notFound('app');
    return row;
  }

  list(): Shape<Heroku.App>[] {
    return (this.p.db.prepare('SELECT * FROM apps').all() as AppRow[]).map((row) => this.shape(row));
  }

  info(identity: string): Shape<Heroku.App> {
    return this.shape(this.find(identity));
  }

  /**
   * A new app with its default `<name>.herokuapp.com` domain and release v1. Heroku refuses stacks past
   * end-of-life; `allowRetiredStack` lets a test or demo seed the old app the stack checks exist for.
   */
  create(input: CreateApp, options: { allowRetiredStack?: boolean } = {}): Shape<Heroku.App> {
    const name = input.name === undefined || input.name === null ? this.freeName() : this.validName(input.name);
    const region = findRegion(optionalString(input.region, 'region') ?? 'us');
    if (!region) throw invalid(`Couldn't find that region (${String(input.region)}).`);
    const stack = this.usableStack(optionalString(input.stack, 'stack') ?? defaultStackName(), options.allowRetiredStack);
    const now = this.p.timestamp();
    const id = newId();
    this.p.transaction(() => {
      this.p.db
        .prepare(
          `INSERT INTO apps (id, name, region, stack, build_stack, maintenance, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
        )
        .run(id, name, region.name, stack, stack, now, now);
      this.p.domains.addDefault(id, name);
      this.p.releases.create(id, { description: 'Initial release' });
    });
    return this.info(id);
  }

  update(identity: string, changes: UpdateApp): Shape<Heroku.App> {
    const app = this.find(identity);
    const now = this.p.timestamp();
    this.p.transaction(() => {
      if (changes.maintenance !== undefined) {
        if (typeof changes.maintenance !== 'boolean') throw invalid('Maintenance must be true or false.');
        this.p.db.prepare('UPDATE apps SET maintenance = ?, updated_at = ? WHERE id = ?').run(changes.maintenance ? 1 : 0, now, app.id);
      }
      if (changes.build_stack !== undefined) {
        const stack = this.usableStack(requiredString(changes.build_stack, 'build_stack'), false);
        this.p.db.prepare('UPDATE apps SET build_stack = ?, updated_at = ? WHERE id = ?').run(stack, now, app.id);
      }
      if (changes.name !== undefined && changes.name !== app.name) {
        const name = this.validName(changes.name);
        this.p.db.prepare('UPDATE apps SET name = ?, updated_at = ? WHERE id = ?').run(name, now, app.id);
        this.p.domains.renameDefault(app.id, app.name, name);
      }
    });
    return this.info(app.id);
  }

  /** Deletes the app and everything it owns, deprovisioning its databases first. */
  async delete(identity: string): Promise<Shape<Heroku.App>> {
    const app = this.find(identity);
    const shape = this.shape(app);
    await this.p.hooks.appDeleted?.(app.id);
    await this.p.addons.deprovisionAll(app.id);
    this.p.db.prepare('DELETE FROM apps WHERE id = ?').run(app.id);
    this.p.buildpacks.forget(app.id);
    return shape;
  }

  /**
   * ACM on: Heroku asks Let's Encrypt for a certificate per custom domain. The local platform reaches no
   * certificate authority; it reports each custom domain's certificate as issued `acmDelayMs` after ACM
   * was enabled or the domain was added, and serves no real certificate.
   */
  setAcm(identity: string, enabled: boolean): Shape<Heroku.App> {
    const app = this.find(identity);
    if (enabled && this.p.formation.usesEcoOrFree(app.id)) {
      throw invalid('Automated Certificate Management is not available on eco or free dynos; scale to basic or larger first.');
    }
    const since = enabled ? (app.acm_enabled_at ?? this.p.timestamp()) : null;
    this.p.db.prepare('UPDATE apps SET acm_enabled_at = ?, updated_at = ? WHERE id = ?').run(since, this.p.timestamp(), app.id);
    return this.info(app.id);
  }

  /** A new slug went live: the app's released time and slug size follow it. */
  markReleased(appId: string, slugSize: number | null, description: string | null): void {
    const now = this.p.timestamp();
    this.p.db
      .prepare('UPDATE apps SET released_at = ?, slug_size = ?, buildpack_provided_description = COALESCE(?, buildpack_provided_description), updated_at = ? WHERE id = ?')
      .run(now, slugSize, description, now, appId);
  }

  /** The build stack becomes the app's stack once a build on it is released, as on Heroku. */
  adoptBuildStack(appId: string, stack: string): void {
    this.p.db.prepare('UPDATE apps SET stack = ?, updated_at = ? WHERE id = ?').run(stack, this.p.timestamp(), appId);
  }

  shape(row: AppRow): Shape<Heroku.App> {
    const region = findRegion(row.region)!;
    const stack = stackShape(row.stack, this.p.now());
    const buildStack = stackShape(row.build_stack, this.p.now());
    const urls = this.p.hooks.appUrls?.(row) ?? { git_url: `https://git.heroku.com/${row.name}.git`, web_url: `https://${row.name}.herokuapp.com/` };
    return {
      acm: row.acm_enabled_at !== null,
      archived_at: null,
      build_stack: { id: buildStack.id, name: buildStack.name },
      buildpack_provided_description: row.buildpack_provided_description,
      created_at: row.created_at,
      generation: { ...GENERATION },
      git_url: urls.git_url,
      id: row.id,
      internal_routing: null,
      maintenance: row.maintenance === 1,
      name: row.name,
      organization: null,
      owner: this.p.account.owner(),
      region: { id: region.id, name: region.name },
      released_at: row.released_at,
      repo_size: null,
      slug_size: row.slug_size,
      space: null,
      stack: { id: stack.id, name: stack.name },
      team: null,
      updated_at: row.updated_at,
      web_url: urls.web_url,
    };
  }

  private validName(value: unknown): string {
    if (typeof value !== 'string' || !APP_NAME.test(value)) {
      throw invalid('Name must start with a letter, end with a letter or digit and can only contain lowercase letters, digits, and dashes (3 to 30 characters).');
    }
    if (this.p.db.prepare('SELECT 1 FROM apps WHERE name = ?').get(value)) throw invalid(`Name ${value} is already taken`);
    return value;
  }

  private freeName(): string {
    for (;;) {
      const name = generatedName();
      if (!this.p.db.prepare('SELECT 1 FROM apps WHERE name = ?').get(name)) return name;
    }
  }

  private usableStack(identity: string, allowRetired = false): string {
    const stack = resolveStack(identity, this.p.now());
    if (!stack) throw invalid(`Stack ${identity} does not exist.`);
    if (stack.state === 'retired' && !allowRetired) {
      throw invalid(`Stack ${stack.name} has reached end-of-life and cannot be used; use ${defaultStackName()}.`);
    }
    return stack.name;
  }
}

export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${field} must be a string.`);
  return value;
}

export function requiredString(value: unknown, field: string): string {
  const text = optionalString(value, field);
  if (text === undefined || text === '') throw invalid(`${field} is required.`);
  return text;
}
