import type * as Heroku from '../../heroku/schema-extensions.js';
import type { DynoSize } from '../../heroku/platform-data.js';
import { apiSizeName, dynoSizeRef, maxQuantity, resolveDynoSize } from './catalog.js';
import { invalid, notFound } from './errors.js';
import { newId, stableId } from './ids.js';
import type { Platform } from './platform.js';
import type { Shape } from './shape.js';

interface FormationRow {
  id: string;
  app_id: string;
  type: string;
  command: string;
  quantity: number;
  /** Lower-case name from the dyno-size facts: `standard-1x`, or a retired `hobby`. */
  size: string;
  created_at: string;
  updated_at: string;
}

export interface FormationChange {
  type?: unknown;
  quantity?: unknown;
  /** `{id}` or `{name}` as the schema documents it; a bare name is accepted too. */
  dyno_size?: unknown;
  /** Deprecated by Heroku, still sent by older clients and scripts. */
  size?: unknown;
}

/** The size new process types start on. */
const DEFAULT_SIZE = 'basic';

/**
 * The formation: how many dynos of which size run each process type. Process types come from the live
 * slug's Procfile; scaling changes quantity and size.
 */
export class Formation {
  constructor(private readonly p: Platform) {}

  list(appIdentity: string): Shape<Heroku.Formation>[] {
    const app = this.p.apps.find(appIdentity);
    const rows = this.p.db.prepare('SELECT * FROM formation WHERE app_id = ?').all(app.id) as FormationRow[];
    return rows.map((row) => this.shape(row, app.name));
  }

  info(appIdentity: string, identity: string): Shape<Heroku.Formation> {
    const row = this.find(appIdentity, identity);
    return this.shape(row, this.p.apps.find(row.app_id).name);
  }

  update(appIdentity: string, identity: string, change: FormationChange): Shape<Heroku.Formation> {
    const row = this.find(appIdentity, identity);
    this.apply(row, change);
    this.p.hooks.formationChanged?.(row.app_id);
    return this.info(row.app_id, row.id);
  }

  /** PATCH /apps/{app}/formation `{updates: [{type, quantity, dyno_size}]}`: all or none. */
  batchUpdate(appIdentity: string, body: { updates?: unknown }): Shape<Heroku.Formation>[] {
    const app = this.p.apps.find(appIdentity);
    if (!Array.isArray(body.updates)) throw invalid('updates must be a list of {type, quantity, dyno_size}.');
    const updates = body.updates as FormationChange[];
    const rows = this.p.transaction(() =>
      updates.map((change) => {
        if (typeof change?.type !== 'string') throw invalid('Each update needs a process type.');
        const row = this.find(app.id, change.type);
        this.apply(row, change);
        return row.id;
      }),
    );
    this.p.hooks.formationChanged?.(app.id);
    return rows.map((id) => this.info(app.id, id));
  }

  /**
   * A slug went live: its process types become the formation. New types start with one web dyno and no
   * other dynos, as on Heroku; types the Procfile no longer has are removed.
   */
  applyProcessTypes(appId: string, slugProcessTypes: Record<string, string>): void {
    // `release` runs once per release (the release phase), never as a scaled dyno.
    const processTypes = Object.fromEntries(Object.entries(slugProcessTypes).filter(([type]) => type !== 'release'));
    const now = this.p.timestamp();
    const existing = new Map(
      (this.p.db.prepare('SELECT * FROM formation WHERE app_id = ?').all(appId) as FormationRow[]).map((row) => [row.type, row]),
    );
    for (const [type, command] of Object.entries(processTypes)) {
      const row = existing.get(type);
      if (row) {
        this.p.db.prepare('UPDATE formation SET command = ?, updated_at = ? WHERE id = ?').run(command, now, row.id);
      } else {
        this.p.db
          .prepare('INSERT INTO formation (id, app_id, type, command, quantity, size, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(newId(), appId, type, command, type === 'web' ? 1 : 0, DEFAULT_SIZE, now, now);
      }
    }
    for (const type of existing.keys()) {
      if (!(type in processTypes)) this.p.db.prepare('DELETE FROM formation WHERE app_id = ? AND type = ?').run(appId, type);
    }
  }

  /** ACM and some features need paid dynos: eco and the retired free dynos are not. */
  usesEcoOrFree(appId: string): boolean {
    const rows = this.p.db.prepare('SELECT size FROM formation WHERE app_id = ?').all(appId) as { size: string }[];
    return rows.some((row) => ['eco', 'free'].includes(resolveDynoSize(row.size)?.tier ?? ''));
  }

  private find(appIdentity: string, identity: string): FormationRow {
    const app = this.p.apps.find(appIdentity);
    const row = this.p.db.prepare('SELECT * FROM formation WHERE app_id = ? AND (id = ? OR type = ?)').get(app.id, identity, identity) as
      | FormationRow
      | undefined;
    if (!row) throw notFound(`process type (${identity})`);
    return row;
  }

  private apply(row: FormationRow, change: FormationChange): void {
    const size = this.requestedSize(change) ?? resolveDynoSize(row.size);
    let quantity = row.quantity;
    if (change.quantity !== undefined) quantity = requestedQuantity(change.quantity, row.quantity);
    const limit = size && maxQuantity(size);
    if (limit !== undefined && quantity > limit) {
      throw invalid(`Cannot update to more than ${limit} ${apiSizeName(size!.name)} size dynos per process type.`);
    }
    this.p.db
      .prepare('UPDATE formation SET quantity = ?, size = ?, updated_at = ? WHERE id = ?')
      .run(quantity, size?.name ?? row.size, this.p.timestamp(), row.id);
  }

  private requestedSize(change: FormationChange): DynoSize | undefined {
    const raw = change.dyno_size ?? change.size;
    if (raw === undefined || raw === null) return undefined;
    const identity =
      typeof raw === 'string' ? raw : typeof raw === 'object' ? ((raw as { id?: unknown; name?: unknown }).id ?? (raw as { name?: unknown }).name) : undefined;
    if (typeof identity !== 'string') throw invalid('dyno_size must be {"name": "standard-1x"} or {"id": "…"}.');
    const size = resolveDynoSize(identity);
    if (!size) throw invalid(`${identity} is not a dyno size.`);
    return size;
  }

  private shape(row: FormationRow, appName: string): Shape<Heroku.Formation> {
    const size = resolveDynoSize(row.size);
    // A size the facts no longer list still answers under its stored name.
    const ref = size ? dynoSizeRef(size) : { id: stableId(`dyno-size:${row.size}`), name: apiSizeName(row.size) };
    return {
      app: { id: row.app_id, name: appName },
      command: row.command,
      created_at: row.created_at,
      dyno_size: ref,
      id: row.id,
      quantity: row.quantity,
      size: ref.name,
      type: row.type,
      updated_at: row.updated_at,
    };
  }
}

/**
 * The quantity a scale asks for. `heroku ps:scale web=2` sends the number as a string, and `web+1` or
 * `web-1` a change relative to the current quantity; the API takes both, as it takes a JSON number.
 */
function requestedQuantity(value: unknown, current: number): number {
  let quantity: number | undefined;
  if (Number.isInteger(value)) quantity = value as number;
  else if (typeof value === 'string') {
    const match = /^\s*([+-]?)(\d+)\s*$/.exec(value);
    if (match) quantity = match[1] === '+' ? current + Number(match[2]) : match[1] === '-' ? current - Number(match[2]) : Number(match[2]);
  }
  if (quantity === undefined || quantity < 0) throw invalid('Quantity must be a whole number, 0 or more (or +N / -N to change it).');
  return quantity;
}
