import type * as Heroku from '../../heroku/schema-extensions.js';
import { optionalString, requiredString } from './apps.js';
import { invalid, notFound } from './errors.js';
import { dnsTarget, newId } from './ids.js';
import type { Platform } from './platform.js';
import type { Shape } from './shape.js';

interface DomainRow {
  id: string;
  app_id: string;
  hostname: string;
  kind: 'heroku' | 'custom';
  cname: string | null;
  sni_endpoint_id: string | null;
  created_at: string;
  updated_at: string;
}

const HOSTNAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const RESERVED = /\.(herokuapp|herokudns|herokussl)\.com$/;

export class Domains {
  constructor(private readonly p: Platform) {}

  list(appIdentity: string): Shape<Heroku.Domain>[] {
    const app = this.p.apps.find(appIdentity);
    const rows = this.p.db.prepare('SELECT * FROM domains WHERE app_id = ?').all(app.id) as DomainRow[];
    return rows.map((row) => this.shape(row));
  }

  info(appIdentity: string, identity: string): Shape<Heroku.Domain> {
    return this.shape(this.find(appIdentity, identity));
  }

  /** A custom domain gets its DNS target (`….herokudns.com`) to point a CNAME or ALIAS record at. */
  create(appIdentity: string, body: { hostname?: unknown; sni_endpoint?: unknown }): Shape<Heroku.Domain> {
    const app = this.p.apps.find(appIdentity);
    const hostname = requiredString(body.hostname, 'hostname').toLowerCase().replace(/\.$/, '');
    if (!HOSTNAME.test(hostname)) throw invalid(`${hostname} is not a valid hostname.`);
    if (RESERVED.test(hostname)) throw invalid(`${hostname} is a Heroku-owned domain and cannot be added.`);
    const taken = this.p.db.prepare('SELECT app_id FROM domains WHERE hostname = ?').get(hostname) as { app_id: string } | undefined;
    if (taken) throw invalid(taken.app_id === app.id ? 'Domain already added to this app.' : `${hostname} is currently in use by another app.`);
    const sni = this.sniEndpointId(app.id, body.sni_endpoint);
    const now = this.p.timestamp();
    const id = newId();
    this.p.db
      .prepare('INSERT INTO domains (id, app_id, hostname, kind, cname, sni_endpoint_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, app.id, hostname, 'custom', dnsTarget(), sni, now, now);
    return this.info(app.id, id);
  }

  /** Associates a custom domain with one of the app's SNI endpoints, or with none (null). */
  update(appIdentity: string, identity: string, body: { sni_endpoint?: unknown }): Shape<Heroku.Domain> {
    const domain = this.find(appIdentity, identity);
    const sni = this.sniEndpointId(domain.app_id, body.sni_endpoint);
    this.p.db.prepare('UPDATE domains SET sni_endpoint_id = ?, updated_at = ? WHERE id = ?').run(sni, this.p.timestamp(), domain.id);
    return this.info(domain.app_id, domain.id);
  }

  delete(appIdentity: string, identity: string): Shape<Heroku.Domain> {
    const domain = this.find(appIdentity, identity);
    if (domain.kind === 'heroku') throw invalid('The default herokuapp.com domain cannot be removed.');
    const shape = this.shape(domain);
    this.p.db.prepare('DELETE FROM domains WHERE id = ?').run(domain.id);
    return shape;
  }

  /** Every app answers on `<name>.herokuapp.com`. */
  addDefault(appId: string, appName: string): void {
    const now = this.p.timestamp();
    this.p.db
      .prepare('INSERT INTO domains (id, app_id, hostname, kind, cname, sni_endpoint_id, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?)')
      .run(newId(), appId, `${appName}.herokuapp.com`, 'heroku', now, now);
  }

  renameDefault(appId: string, oldName: string, newName: string): void {
    this.p.db
      .prepare("UPDATE domains SET hostname = ?, updated_at = ? WHERE app_id = ? AND kind = 'heroku' AND hostname = ?")
      .run(`${newName}.herokuapp.com`, this.p.timestamp(), appId, `${oldName}.herokuapp.com`);
  }

  /** Ids of the domains served by an SNI endpoint. */
  idsServedBy(sniEndpointId: string): string[] {
    const rows = this.p.db.prepare('SELECT id FROM domains WHERE sni_endpoint_id = ?').all(sniEndpointId) as { id: string }[];
    return rows.map((r) => r.id);
  }

  private find(appIdentity: string, identity: string): DomainRow {
    const app = this.p.apps.find(appIdentity);
    const row = this.p.db
      .prepare('SELECT * FROM domains WHERE app_id = ? AND (id = ? OR hostname = ?)')
      .get(app.id, identity, identity.toLowerCase()) as DomainRow | undefined;
    if (!row) throw notFound('domain');
    return row;
  }

  private sniEndpointId(appId: string, value: unknown): string | null {
    const identity = optionalString(value, 'sni_endpoint');
    return identity === undefined ? null : this.p.sniEndpoints.find(appId, identity).id;
  }

  /** ACM status is worked out when asked, from when ACM was enabled and when the domain was added. */
  private acmStatus(row: DomainRow): string | null {
    if (row.kind !== 'custom') return null;
    const app = this.p.apps.find(row.app_id);
    if (app.acm_enabled_at === null) return null;
    const since = Math.max(Date.parse(app.acm_enabled_at), Date.parse(row.created_at));
    return this.p.now().getTime() - since >= (this.p.options.acmDelayMs ?? 3000) ? 'cert issued' : 'pending';
  }

  private shape(row: DomainRow): Shape<Heroku.Domain> {
    const app = this.p.apps.find(row.app_id);
    const sni = row.sni_endpoint_id ? this.p.sniEndpoints.find(app.id, row.sni_endpoint_id) : null;
    return {
      acm_status: this.acmStatus(row),
      acm_status_reason: null,
      app: { id: app.id, name: app.name },
      cname: row.cname,
      created_at: row.created_at,
      hostname: row.hostname,
      id: row.id,
      kind: row.kind,
      sni_endpoint: sni && { id: sni.id, name: sni.name },
      status: 'succeeded',
      updated_at: row.updated_at,
    };
  }
}
