import type * as Heroku from '../../heroku/schema-extensions.js';
import { requiredString } from './apps.js';
import { invalid, notFound } from './errors.js';
import { newId } from './ids.js';
import type { Platform } from './platform.js';
import type { Shape } from './shape.js';

interface LogDrainRow {
  id: string;
  app_id: string;
  url: string;
  token: string;
  created_at: string;
  updated_at: string;
}

/** The schemes Logplex delivers to. */
const DRAIN_SCHEMES = new Set(['syslog:', 'syslog+tls:', 'https:', 'http:']);

export class LogDrains {
  constructor(private readonly p: Platform) {}

  list(appIdentity: string): Shape<Heroku.LogDrain>[] {
    const app = this.p.apps.find(appIdentity);
    const rows = this.p.db.prepare('SELECT * FROM log_drains WHERE app_id = ?').all(app.id) as LogDrainRow[];
    return rows.map((row) => this.shape(row, app.name));
  }

  /** By id, URL or token: the `query_identity` of Heroku's log-drain paths. */
  info(appIdentity: string, identity: string): Shape<Heroku.LogDrain> {
    const row = this.find(appIdentity, identity);
    return this.shape(row, this.p.apps.find(row.app_id).name);
  }

  create(appIdentity: string, body: { url?: unknown }): Shape<Heroku.LogDrain> {
    const app = this.p.apps.find(appIdentity);
    const url = requiredString(body.url, 'url');
    if (!isDrainUrl(url)) throw invalid('Url is invalid: use syslog://, syslog+tls:// or https://.');
    if (this.p.db.prepare('SELECT 1 FROM log_drains WHERE app_id = ? AND url = ?').get(app.id, url)) throw invalid('Url has already been taken');
    const now = this.p.timestamp();
    const id = newId();
    this.p.db
      .prepare('INSERT INTO log_drains (id, app_id, url, token, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, app.id, url, `d.${newId()}`, now, now);
    return this.info(app.id, id);
  }

  delete(appIdentity: string, identity: string): Shape<Heroku.LogDrain> {
    const row = this.find(appIdentity, identity);
    const shape = this.shape(row, this.p.apps.find(row.app_id).name);
    this.p.db.prepare('DELETE FROM log_drains WHERE id = ?').run(row.id);
    return shape;
  }

  private find(appIdentity: string, identity: string): LogDrainRow {
    const app = this.p.apps.find(appIdentity);
    const row = this.p.db
      .prepare('SELECT * FROM log_drains WHERE app_id = ? AND (id = ? OR url = ? OR token = ?)')
      .get(app.id, identity, identity, identity) as LogDrainRow | undefined;
    if (!row) throw notFound('log drain');
    return row;
  }

  private shape(row: LogDrainRow, appName: string): Shape<Heroku.LogDrain> {
    return {
      addon: null,
      app: { id: row.app_id, name: appName },
      created_at: row.created_at,
      id: row.id,
      token: row.token,
      updated_at: row.updated_at,
      url: row.url,
    };
  }
}

function isDrainUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return DRAIN_SCHEMES.has(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
}
