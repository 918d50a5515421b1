import type * as Heroku from '../../heroku/schema-extensions.js';
import { invalid } from './errors.js';
import type { Platform } from './platform.js';

const KEY = /^\w+$/;

export class ConfigVars {
  constructor(private readonly p: Platform) {}

  info(appIdentity: string): Heroku.ConfigVars {
    return this.of(this.p.apps.find(appIdentity).id);
  }

  /** The app's config, keys sorted. */
  of(appId: string): Heroku.ConfigVars {
    const rows = this.p.db.prepare('SELECT key, value FROM config_vars WHERE app_id = ? ORDER BY key').all(appId) as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  /**
   * Sets the given keys and removes those set to null, in one new release, as `heroku config:set` does.
   * Messages name keys, never values.
   */
  update(appIdentity: string, changes: unknown): Heroku.ConfigVars {
    const app = this.p.apps.find(appIdentity);
    if (!changes || typeof changes !== 'object' || Array.isArray(changes)) throw invalid('Config vars must be an object of names to strings or null.');
    const entries = Object.entries(changes);
    for (const [key, value] of entries) {
      if (!KEY.test(key)) throw invalid(`Config var name ${JSON.stringify(key)} is invalid: use letters, digits and underscores.`);
      if (value !== null && typeof value !== 'string') throw invalid(`Config var ${key} must be a string or null.`);
    }
    const set = entries.filter(([, v]) => v !== null).map(([k]) => k);
    const removed = entries.filter(([k, v]) => v === null && this.has(app.id, k)).map(([k]) => k);
    if (set.length === 0 && removed.length === 0) return this.of(app.id);
    this.p.transaction(() => {
      this.write(app.id, Object.fromEntries(entries) as Record<string, string | null>);
      const description = [set.length ? `Set ${set.join(', ')} config vars` : '', removed.length ? `Remove ${removed.join(', ')} config vars` : '']
        .filter(Boolean)
        .join('; ');
      this.p.releases.create(app.id, { description });
    });
    return this.of(app.id);
  }

  /** Writes without a release: the caller makes the release that carries the change. */
  write(appId: string, changes: Record<string, string | null>): void {
    const upsert = this.p.db.prepare('INSERT INTO config_vars (app_id, key, value) VALUES (?, ?, ?) ON CONFLICT (app_id, key) DO UPDATE SET value = excluded.value');
    const remove = this.p.db.prepare('DELETE FROM config_vars WHERE app_id = ? AND key = ?');
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) remove.run(appId, key);
      else upsert.run(appId, key, value);
    }
  }

  /** Replaces the whole config (a rollback restores the release's config). */
  replace(appId: string, config: Record<string, string>): void {
    this.p.db.prepare('DELETE FROM config_vars WHERE app_id = ?').run(appId);
    this.write(appId, config);
  }

  has(appId: string, key: string): boolean {
    return this.p.db.prepare('SELECT 1 FROM config_vars WHERE app_id = ? AND key = ?').get(appId, key) !== undefined;
  }
}
