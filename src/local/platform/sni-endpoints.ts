import { randomInt } from 'node:crypto';
import type * as Heroku from '../../heroku/schema-extensions.js';
import { requiredString } from './apps.js';
import { readCertificate } from './certificate.js';
import { notFound } from './errors.js';
import { newId } from './ids.js';
import type { Platform } from './platform.js';
import type { Shape } from './shape.js';

export interface SniEndpointRow {
  id: string;
  app_id: string;
  name: string;
  certificate_chain: string;
  /** Kept for the local router, which terminates TLS with it; never part of a response. */
  private_key: string;
  cert_id: string;
  created_at: string;
  updated_at: string;
}

const NAMES = ['ankylosaurus', 'brachiosaurus', 'diplodocus', 'iguanodon', 'parasaurolophus', 'stegosaurus', 'triceratops', 'velociraptor'];

export class SniEndpoints {
  constructor(private readonly p: Platform) {}

  find(appIdentity: string, identity: string): SniEndpointRow {
    const app = this.p.apps.find(appIdentity);
    const row = this.p.db.prepare('SELECT * FROM sni_endpoints WHERE app_id = ? AND (id = ? OR name = ?)').get(app.id, identity, identity) as
      | SniEndpointRow
      | undefined;
    if (!row) throw notFound('SNI endpoint');
    return row;
  }

  list(appIdentity: string): Shape<Heroku.SniEndpoint>[] {
    const app = this.p.apps.find(appIdentity);
    const rows = this.p.db.prepare('SELECT * FROM sni_endpoints WHERE app_id = ?').all(app.id) as SniEndpointRow[];
    return rows.map((row) => this.shape(row, app.name));
  }

  info(appIdentity: string, identity: string): Shape<Heroku.SniEndpoint> {
    const row = this.find(appIdentity, identity);
    return this.shape(row, this.p.apps.find(row.app_id).name);
  }

  create(appIdentity: string, body: { certificate_chain?: unknown; private_key?: unknown }): Shape<Heroku.SniEndpoint> {
    const app = this.p.apps.find(appIdentity);
    const { chain, key } = this.pem(body);
    const now = this.p.timestamp();
    const id = newId();
    this.p.db
      .prepare('INSERT INTO sni_endpoints (id, app_id, name, certificate_chain, private_key, cert_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, app.id, this.freeName(), chain, key, newId(), now, now);
    return this.info(app.id, id);
  }

  /** Replaces the certificate (a renewal); the endpoint keeps its name and domains. */
  update(appIdentity: string, identity: string, body: { certificate_chain?: unknown; private_key?: unknown }): Shape<Heroku.SniEndpoint> {
    const row = this.find(appIdentity, identity);
    const { chain, key } = this.pem(body);
    this.p.db
      .prepare('UPDATE sni_endpoints SET certificate_chain = ?, private_key = ?, cert_id = ?, updated_at = ? WHERE id = ?')
      .run(chain, key, newId(), this.p.timestamp(), row.id);
    return this.info(row.app_id, row.id);
  }

  delete(appIdentity: string, identity: string): Shape<Heroku.SniEndpoint> {
    const row = this.find(appIdentity, identity);
    const shape = this.info(row.app_id, row.id);
    this.p.db.prepare('DELETE FROM sni_endpoints WHERE id = ?').run(row.id);
    return shape;
  }

  private pem(body: { certificate_chain?: unknown; private_key?: unknown }): { chain: string; key: string } {
    const chain = requiredString(body.certificate_chain, 'certificate_chain');
    const key = requiredString(body.private_key, 'private_key');
    readCertificate(chain, key);
    return { chain, key };
  }

  private freeName(): string {
    for (;;) {
      const name = `${NAMES[randomInt(NAMES.length)]}-${String(randomInt(100_000)).padStart(5, '0')}`;
      if (!this.p.db.prepare('SELECT 1 FROM sni_endpoints WHERE name = ?').get(name)) return name;
    }
  }

  private shape(row: SniEndpointRow, appName: string): Shape<Heroku.SniEndpoint> {
    const cert = readCertificate(row.certificate_chain, row.private_key);
    return {
      app: { id: row.app_id, name: appName },
      certificate_chain: row.certificate_chain,
      created_at: row.created_at,
      display_name: null,
      domains: this.p.domains.idsServedBy(row.id),
      id: row.id,
      name: row.name,
      ssl_cert: {
        'ca_signed?': !cert.self_signed,
        cert_domains: cert.cert_domains,
        expires_at: cert.expires_at,
        id: row.cert_id,
        issuer: cert.issuer,
        'self_signed?': cert.self_signed,
        starts_at: cert.starts_at,
        subject: cert.subject,
      },
      updated_at: row.updated_at,
    };
  }
}
