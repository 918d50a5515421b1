import type * as Heroku from '../../heroku/schema-extensions.js';
import { POSTGRES_SERVICE, knownPlanNames, resolvePlan, type AddonService } from './addon-services.js';
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

  attachments(appIdentity: string, inclusion?: AttachmentInclusion): Shape<Heroku.AddOnAttachment>[] {
    const app = this.p.apps.find(appIdentity);
    const rows = this.p.db.prepare('SELECT * FROM attachments WHERE app_id = ?').all(app.id) as AttachmentRow[];
    return rows.map((row) => this.attachmentShape(row, inclusion));
  }

  /** GET /addon-attachments: every attachment of every app. */
  allAttachments(inclusion?: AttachmentInclusion): Shape<Heroku.AddOnAttachment>[] {
    return (this.p.db.prepare('SELECT * FROM attachments').all() as AttachmentRow[]).map((row) => this.attachmentShape(row, inclusion));
  }

  /** GET /addons/{addon}/addon-attachments. */
  attachmentsOf(addonIdentity: string, inclusion?: AttachmentInclusion): Shape<Heroku.AddOnAttachment>[] {
    const addon = this.find(addonIdentity);
    const rows = this.p.db.prepare('SELECT * FROM attachments WHERE addon_id = ?').all(addon.id) as AttachmentRow[];
    return rows.map((row) => this.attachmentShape(row, inclusion));
  }

  /** GET /addon-attachments/{id} and /apps/{app}/addon-attachments/{id or name}. */
  attachmentInfo(identity: string, appIdentity?: string, inclusion?: AttachmentInclusion): Shape<Heroku.AddOnAttachment> {
    const app = appIdentity === undefined ? undefined : this.p.apps.find(appIdentity);
    const row = (
      app
        ? this.p.db.prepare('SELECT * FROM attachments WHERE app_id = ? AND (id = ? OR name = ?)').get(app.id, identity, identity.toUpperCase())
        : this.p.db.prepare('SELECT * FROM attachments WHERE id = ?').get(identity)
    ) as AttachmentRow | undefined;
    if (!row) throw notFound('add on attachment', 'add_on attachment');
    return this.attachmentShape(row, inclusion);
  }

  /**
   * POST /actions/addons/resolve: the add-ons an identifier names, as the CLI's `addons:info`, `pg:*` and
   * `addons:destroy` look them up: an add-on's name or id, or on the given app an attachment name
   * (DATABASE) or a service name (heroku-postgresql); `APP::ATTACHMENT` names another app's.
   */
  resolve(body: { addon?: unknown; app?: unknown; addon_service?: unknown }): Shape<Heroku.AddOn, 'provision_message'>[] {
    const rows = this.resolveRows(requiredString(body.addon, 'addon'), optionalString(body.app, 'app'), optionalString(body.addon_service, 'addon_service'));
    if (rows.length === 0) throw notFound('add on', 'add_on');
    return rows.map((row) => this.shape(row));
  }

  /** POST /actions/addon-attachments/resolve: the attachments an identifier names, on the same terms. */
  resolveAttachments(body: { addon_attachment?: unknown; app?: unknown; addon_service?: unknown }, inclusion?: AttachmentInclusion): Shape<Heroku.AddOnAttachment>[] {
    const identity = requiredString(body.addon_attachment, 'addon_attachment');
    const service = optionalString(body.addon_service, 'addon_service');
    const [appPart, namePart] = identity.includes('::') ? (identity.split('::', 2) as [string, string]) : [optionalString(body.app, 'app'), identity];
    const app = appPart === undefined ? undefined : this.p.apps.find(appPart);
    const rows = (app ? this.p.db.prepare('SELECT * FROM attachments WHERE app_id = ?').all(app.id) : this.p.db.prepare('SELECT * FROM attachments').all()) as AttachmentRow[];
    const matches = rows.filter((row) => {
      const addon = this.find(row.addon_id);
      if (service && addon.service !== service) return false;
      return row.id === namePart || row.name === namePart.toUpperCase() || (app !== undefined && (addon.name === namePart || addon.service === namePart));
    });
    if (matches.length === 0) throw notFound('add on attachment', 'add_on attachment');
    return matches.map((row) => this.attachmentShape(row, inclusion));
  }

  planNames(appId: string): string[] {
    const rows = this.p.db.prepare('SELECT service, plan FROM addons WHERE app_id = ? ORDER BY created_at').all(appId) as { service: string; plan: string }[];
    return rows.map((r) => `${r.service}:${r.plan}`);
  }

  async create(appIdentity: string, body: CreateAddon): Promise<Shape<Heroku.AddOn, 'provision_message'>> {
    const app = this.p.apps.find(appIdentity);
    const { service, plan } = resolvePlan(planIdentity(body.plan));
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

  private resolveRows(identity: string, appIdentity: string | undefined, service: string | undefined): AddonRow[] {
    const [appPart, namePart] = identity.includes('::') ? (identity.split('::', 2) as [string, string]) : [appIdentity, identity];
    const byService = (rows: AddonRow[]) => rows.filter((row) => !service || row.service === service);
    const global = byService(this.p.db.prepare('SELECT * FROM addons WHERE id = ? OR name = ?').all(namePart, namePart) as AddonRow[]);
    if (global.length > 0 || appPart === undefined) return global;
    const app = this.p.apps.find(appPart);
    const attached = this.p.db
      .prepare('SELECT addons.* FROM attachments JOIN addons ON addons.id = attachments.addon_id WHERE attachments.app_id = ? AND attachments.name = ?')
      .all(app.id, namePart.toUpperCase()) as AddonRow[];
    if (attached.length > 0) return byService(attached);
    const ofService = this.p.db.prepare('SELECT * FROM addons WHERE app_id = ? AND service = ?').all(app.id, namePart) as AddonRow[];
    return byService(ofService);
  }

  private find(identity: string): AddonRow {
    const row = this.p.db.prepare('SELECT * FROM addons WHERE id = ? OR name = ?').get(identity, identity) as AddonRow | undefined;
    if (!row) throw notFound('add on', 'add_on');
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
    return {
      actions: [],
      addon_service: { id: stableId(`addon-service:${row.service}`), name: row.service },
      app: { id: app.id, name: app.name },
      billed_price: planPrice(`${row.service}:${row.plan}`),
      billing_entity: { id: app.id, name: app.name, type: 'app' },
      config_vars: JSON.parse(row.config_var_names) as string[],
      created_at: row.created_at,
      id: row.id,
      name: row.name,
      plan: { id: stableId(`plan:${row.service}:${row.plan}`), name: `${row.service}:${row.plan}` },
      provider_id: row.provider_id,
      provision_message: row.provision_message ?? provisionMessage(row.service),
      state: 'provisioned',
      updated_at: row.updated_at,
      web_url: `https://addons-sso.heroku.com/apps/${app.id}/addons/${row.id}`,
    };
  }

  private attachmentShape(row: AttachmentRow, inclusion: AttachmentInclusion = {}): Shape<Heroku.AddOnAttachment> {
    const app = this.p.apps.find(row.app_id);
    const addon = this.find(row.addon_id);
    const owner = this.p.apps.find(addon.app_id);
    return {
      addon: {
        id: addon.id,
        name: addon.name,
        app: { id: owner.id, name: owner.name },
        ...(inclusion.plan && { plan: { id: stableId(`plan:${addon.service}:${addon.plan}`), name: `${addon.service}:${addon.plan}` } }),
      },
      ...(inclusion.configVars && { config_vars: JSON.parse(addon.config_var_names) as string[] }),
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

/**
 * What `Accept-Inclusion: addon:plan,config_vars` adds to an attachment (the CLI's `pg:*` and `addons`
 * ask for it): the add-on's plan nested in `addon`, and the config vars the attachment set.
 */
export interface AttachmentInclusion {
  plan?: boolean;
  configVars?: boolean;
}

export function attachmentInclusion(header: string | string[] | undefined): AttachmentInclusion {
  const fields = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((f) => f.trim());
  return { plan: fields.includes('addon:plan'), configVars: fields.includes('config_vars') };
}

/**
 * A plan's monthly price. Plans whose price the local platform does not know (any service but
 * heroku-postgresql and heroku-redis) are free here, since it provisions nothing that costs money.
 */
function planPrice(planName: string): { cents: number; contract: boolean; unit: string } {
  const { service, plan } = resolvePlan(planName);
  return { cents: service.priceCents?.(plan) ?? 0, contract: false, unit: 'month' };
}

/**
 * `Accept-Expansion: addon_service,plan` (sent by `heroku addons` and `addons:info`) expands each add-on's
 * plan with its price, which the CLI prints.
 */
export function expandAddonPlans<T>(result: T, header: string | string[] | undefined): T {
  const fields = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((f) => f.trim());
  if (!fields.includes('plan')) return result;
  const expand = (addon: { plan?: { name?: string } }) => (addon.plan?.name ? { ...addon, plan: { ...addon.plan, price: planPrice(addon.plan.name) } } : addon);
  return (Array.isArray(result) ? result.map(expand) : expand(result as { plan?: { name?: string } })) as T;
}

/** What Heroku says once an add-on is provisioned; heroku-postgresql's own words, a plain line for others. */
function provisionMessage(service: string): string {
  if (service === POSTGRES_SERVICE) return 'Database has been created and is available\n ! This database is empty. If upgrading, you can transfer\n ! data from another database with pg:copy';
  return `${service} has been provisioned.`;
}

/** `plan` is a name (`heroku-postgresql:essential-0`), or `{name}` / `{id}` as the CLI sends it. */
function planIdentity(value: unknown): string {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { name, id } = value as { name?: unknown; id?: unknown };
    if (typeof name === 'string' && name) return name;
    if (typeof id === 'string' && id) return planNameById(id) ?? id;
    throw invalid('plan must be a name such as heroku-postgresql:essential-0, or {"name": …}.');
  }
  return requiredString(value, 'plan');
}

/** Plan ids are stable hashes of the plan name; the known plans can be found from their id. */
function planNameById(id: string): string | undefined {
  return knownPlanNames().find((name) => stableId(`plan:${name}`) === id);
}

function attachmentNameOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') throw invalid('attachment must be an object like {"name": "DATABASE"}.');
  const name = optionalString((value as { name?: unknown }).name, 'attachment.name')?.toUpperCase();
  if (name !== undefined && !ATTACHMENT_NAME.test(name)) throw invalid('attachment.name must start with a letter and hold only letters, digits and underscores.');
  return name;
}
