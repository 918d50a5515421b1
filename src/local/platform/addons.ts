import type * as Heroku from '../../heroku/schema-extensions.js';
import { POSTGRES_SERVICE, resolvePlan, type AddonService } from './addon-services.js';
import { optionalString, requiredString } from './apps.js';
import { ApiError, invalid, notFound } from './errors.js';
import { generatedName, newId, randomHex, stableId } from './ids.js';
import type { Platform } from './platform.js';
import type { ProvisionedDatabase } from './postgres-provisioner.js';
import type { Shape } from './shape.js';

interface AddonRow {
  id: string;
  app_id: string;
  name: string;
  service: string;
  plan: string;
  provider_id: string;
  /** JSON list of the config var names the add-on set. */
  config_var_names: string;
  provision_message: string | null;
  /** JSON of the provisioned database ({database, role}), to drop it on deprovisioning. */
  resource: string | null;
  created_at: string;
  updated_at: string;
}

interface AttachmentRow {
  id: string;
  addon_id: string;
  app_id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface CreateAddon {
  plan?: unknown;
  name?: unknown;
  attachment?: unknown;
  config?: unknown;
  confirm?: unknown;
}

const ADDON_NAME = /^[a-zA-Z][A-Za-z0-9_-]+$/;
const ATTACHMENT_NAME = /^[A-Z][A-Z0-9_]*$/;
const POSTGRES_COLORS = ['AMBER', 'BLUE', 'BRONZE', 'CHARCOAL', 'COBALT', 'COPPER', 'CRIMSON', 'CYAN', 'GOLD', 'GRAY', 'GREEN', 'IVORY', 'JADE', 'MAROON', 'NAVY', 'OLIVE', 'ONYX', 'ORANGE', 'PINK', 'PURPLE', 'RED', 'ROSE', 'SILVER', 'TEAL', 'WHITE', 'YELLOW'];

const PLACEHOLDER_MESSAGE =
  'implanta local was started without --postgres: DATABASE_URL is a placeholder that no database answers. Restart it with --postgres URL to get a real database.';

/**
 * Add-ons and their attachments. Attaching one sets its config vars (DATABASE_URL for heroku-postgresql)
 * in a new release, as Heroku does.
 */
export class Addons {
  constructor(private readonly p: Platform) {}

  listAll(): Shape<Heroku.AddOn, 'provision_message'>[] {
    return (this.p.db.prepare('SELECT * FROM addons').all() as AddonRow[]).map((row) => this.shape(row));
  }

  list(appIdentity: string): Shape<Heroku.AddOn, 'provision_message'>[] {
    const app = this.p.apps.find(appIdentity);
    return (this.p.db.prepare('SELECT * FROM addons WHERE app_id = ?').all(app.id) as AddonRow[]).map((row) => this.shape(row));
  }

  /** GET /addons/{id or name}: add-on names are unique across the platform. */
  info(identity: string): Shape<Heroku.AddOn, 'provision_message'> {
    return this.shape(this.find(identity));
  }

  infoForApp(appIdentity: string, identity: string): Shape<Heroku.AddOn, 'provision_message'> {
    const app = this.p.apps.find(appIdentity);
    const row = this.find(identity);
    if (row.app_id !== app.id) throw notFound('add on');
    return this.shape(row);
  }

  attachments(appIdentity: string): Shape<Heroku.AddOnAttachment>[] {
    const app = this.p.apps.find(appIdentity);
    const rows = this.p.db.prepare('SELECT * FROM attachments WHERE app_id = ?').all(app.id) as AttachmentRow[];
    return rows.map((row) => this.attachmentShape(row));
  }

  planNames(appId: string): string[] {
    const rows = this.p.db.prepare('SELECT service, plan FROM addons WHERE app_id = ? ORDER BY created_at').all(appId) as { service: string; plan: string }[];
    return rows.map((r) => `${r.service}:${r.plan}`);
  }

  async create(appIdentity: string, body: CreateAddon): Promise<Shape<Heroku.AddOn, 'provision_message'>> {
    const app = this.p.apps.find(appIdentity);
    const { service, plan } = resolvePlan(requiredString(body.plan, 'plan'));
    const name = this.addonName(body.name, service);
    const requestedAttachment = attachmentNameOf(body.attachment);
    const attachAs = this.attachmentName(app.id, service, requestedAttachment);

    const provisioned = await this.provision(service, name);
    try {
      const id = this.p.transaction(() => {
        // Another request may have taken the name while the database was being made.
        const attachName = this.attachmentName(app.id, service, requestedAttachment ?? attachAs);
        const vars = Object.fromEntries(Object.entries(provisioned.vars).map(([suffix, value]) => [`${attachName}_${suffix}`, value]));
        const now = this.p.timestamp();
        const addonId = newId();
        this.p.db
          .prepare(
            `INSERT INTO addons (id, app_id, name, service, plan, provider_id, config_var_names, provision_message, resource, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(addonId, app.id, name, service.name, plan, `resource-${randomHex(8)}`, JSON.stringify(Object.keys(vars)), provisioned.message ?? null, provisioned.resource, now, now);
        this.p.db
          .prepare('INSERT INTO attachments (id, addon_id, app_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(newId(), addonId, app.id, attachName, now, now);
        this.p.config.write(app.id, vars);
        this.p.releases.create(app.id, { description: `Attach ${attachName} (@ref:${name})` });
        return addonId;
      });
      return this.info(id);
    } catch (error) {
      await this.dropResource(provisioned.resource);
      throw error;
    }
  }

  /** Removes the add-on, its attachments and its config vars in a new release; its database is dropped. */
  async delete(appIdentity: string, identity: string): Promise<Shape<Heroku.AddOn, 'provision_message'>> {
    const app = this.p.apps.find(appIdentity);
    const row = this.find(identity);
    if (row.app_id !== app.id) throw notFound('add on');
    const shape = { ...this.shape(row), state: 'deprovisioned' as const };
    await this.dropResource(row.resource);
    this.p.transaction(() => {
      const attachments = this.p.db.prepare('SELECT name FROM attachments WHERE addon_id = ?').all(row.id) as { name: string }[];
      this.p.config.write(app.id, Object.fromEntries((JSON.parse(row.config_var_names) as string[]).map((key) => [key, null])));
      this.p.db.prepare('DELETE FROM addons WHERE id = ?').run(row.id);
      this.p.releases.create(app.id, { description: `Detach ${attachments.map((a) => a.name).join(', ') || row.name} (@ref:${row.name})` });
    });
    return shape;
  }

  /** Drops the databases of an app that is being deleted. */
  async deprovisionAll(appId: string): Promise<void> {
    const rows = this.p.db.prepare('SELECT resource FROM addons WHERE app_id = ? AND resource IS NOT NULL').all(appId) as { resource: string }[];
    for (const row of rows) await this.dropResource(row.resource);
  }

  private find(identity: string): AddonRow {
    const row = this.p.db.prepare('SELECT * FROM addons WHERE id = ? OR name = ?').get(identity, identity) as AddonRow | undefined;
    if (!row) throw notFound('add on');
    return row;
  }

  private addonName(value: unknown, service: AddonService): string {
    const given = optionalString(value, 'name');
    if (given !== undefined) {
      if (!ADDON_NAME.test(given)) throw invalid('Name must start with a letter and contain only letters, digits, - and _.');
      if (this.p.db.prepare('SELECT 1 FROM addons WHERE name = ?').get(given)) throw invalid(`Name ${given} is already taken.`);
      return given;
    }
    for (;;) {
      const name = generatedName(service.short);
      if (!this.p.db.prepare('SELECT 1 FROM addons WHERE name = ?').get(name)) return name;
    }
  }

  /**
   * The requested attachment name must be free. Without one, a service attaches under its usual name
   * (DATABASE) while that name and its config var are free; a second database becomes
   * HEROKU_POSTGRESQL_<COLOR>, as on Heroku.
   */
  private attachmentName(appId: string, service: AddonService, requested: string | undefined): string {
    const free = (name: string) =>
      !this.p.db.prepare('SELECT 1 FROM attachments WHERE app_id = ? AND name = ?').get(appId, name) && !this.p.config.has(appId, `${name}_URL`);
    if (requested !== undefined) {
      if (!free(requested)) throw invalid(`Name ${requested} is already used by another attachment or config var of this app.`);
      return requested;
    }
    const candidates = [service.attachAs, ...(service.name === POSTGRES_SERVICE ? POSTGRES_COLORS.map((c) => `HEROKU_POSTGRESQL_${c}`) : [])];
    const name = candidates.find(free);
    if (!name) throw invalid(`Every attachment name for ${service.name} is taken on this app; pass attachment.name.`);
    return name;
  }

  private async provision(service: AddonService, addonName: string): Promise<{ vars: Record<string, string>; message?: string; resource: string | null }> {
    if (service.name !== POSTGRES_SERVICE) return { vars: service.vars!(addonName), resource: null };
    const provisioner = this.p.options.postgres;
    if (!provisioner) {
      return { vars: { URL: `postgres://placeholder:${randomHex(12)}@unprovisioned.invalid:5432/${addonName.replace(/-/g, '_')}` }, message: PLACEHOLDER_MESSAGE, resource: null };
    }
    let db: ProvisionedDatabase;
    try {
      db = await provisioner.create();
    } catch (error) {
      throw new ApiError(503, 'service_unavailable', `heroku-postgresql could not be provisioned: ${(error as Error).message}`);
    }
    return { vars: { URL: db.url }, resource: JSON.stringify({ database: db.database, role: db.role }) };
  }

  private async dropResource(resource: string | null): Promise<void> {
    if (!resource || !this.p.options.postgres) return;
    try {
      await this.p.options.postgres.drop(JSON.parse(resource) as { database: string; role: string });
    } catch (error) {
      throw new ApiError(503, 'service_unavailable', `heroku-postgresql could not be deprovisioned: ${(error as Error).message}`);
    }
  }

  private shape(row: AddonRow): Shape<Heroku.AddOn, 'provision_message'> {
    const app = this.p.apps.find(row.app_id);
    const price = resolvePlan(`${row.service}:${row.plan}`).service.priceCents?.(row.plan);
    return {
      actions: [],
      addon_service: { id: stableId(`addon-service:${row.service}`), name: row.service },
      app: { id: app.id, name: app.name },
      billed_price: price === undefined ? null : { cents: price, contract: false, unit: 'month' },
      billing_entity: { id: app.id, name: app.name, type: 'app' },
      config_vars: JSON.parse(row.config_var_names) as string[],
      created_at: row.created_at,
      id: row.id,
      name: row.name,
      plan: { id: stableId(`plan:${row.service}:${row.plan}`), name: `${row.service}:${row.plan}` },
      provider_id: row.provider_id,
      ...(row.provision_message ? { provision_message: row.provision_message } : {}),
      state: 'provisioned',
      updated_at: row.updated_at,
      web_url: `https://addons-sso.heroku.com/apps/${app.id}/addons/${row.id}`,
    };
  }

  private attachmentShape(row: AttachmentRow): Shape<Heroku.AddOnAttachment> {
    const app = this.p.apps.find(row.app_id);
    const addon = this.find(row.addon_id);
    return {
      addon: { id: addon.id, name: addon.name, app: { id: app.id, name: app.name } },
      app: { id: app.id, name: app.name },
      created_at: row.created_at,
      id: row.id,
      log_input_url: null,
      name: row.name,
      namespace: null,
      updated_at: row.updated_at,
      web_url: `https://addons-sso.heroku.com/apps/${app.id}/addons/${addon.id}`,
    };
  }
}

function attachmentNameOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') throw invalid('attachment must be an object like {"name": "DATABASE"}.');
  const name = optionalString((value as { name?: unknown }).name, 'attachment.name')?.toUpperCase();
  if (name !== undefined && !ATTACHMENT_NAME.test(name)) throw invalid('attachment.name must start with a letter and hold only letters, digits and underscores.');
  return name;
}
