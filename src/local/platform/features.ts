import type * as Heroku from '../../heroku/schema-extensions.js';
import { APP_FEATURES, CATALOG_DATE, findFeature, type FeatureSpec } from './catalog.js';
import { invalid, notFound } from './errors.js';
import { stableId } from './ids.js';
import type { Platform } from './platform.js';
import type { Shape } from './shape.js';

/** App features (preboot and the labs ones): off until enabled, per app. */
export class Features {
  constructor(private readonly p: Platform) {}

  list(appIdentity: string): Shape<Heroku.AppFeature>[] {
    const app = this.p.apps.find(appIdentity);
    return APP_FEATURES.map((spec) => this.shape(app.id, spec));
  }

  info(appIdentity: string, identity: string): Shape<Heroku.AppFeature> {
    const app = this.p.apps.find(appIdentity);
    return this.shape(app.id, this.spec(identity));
  }

  update(appIdentity: string, identity: string, body: { enabled?: unknown }): Shape<Heroku.AppFeature> {
    const app = this.p.apps.find(appIdentity);
    const spec = this.spec(identity);
    if (typeof body.enabled !== 'boolean') throw invalid('enabled must be true or false.');
    this.p.db
      .prepare('INSERT INTO app_features (app_id, name, enabled, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (app_id, name) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at')
      .run(app.id, spec.name, body.enabled ? 1 : 0, this.p.timestamp());
    return this.shape(app.id, spec);
  }

  isEnabled(appId: string, name: string): boolean {
    const row = this.p.db.prepare('SELECT enabled FROM app_features WHERE app_id = ? AND name = ?').get(appId, name) as { enabled: number } | undefined;
    return row?.enabled === 1;
  }

  private spec(identity: string): FeatureSpec {
    const spec = findFeature(identity);
    if (!spec) throw notFound('feature');
    return spec;
  }

  private shape(appId: string, spec: FeatureSpec): Shape<Heroku.AppFeature> {
    const row = this.p.db.prepare('SELECT enabled, updated_at FROM app_features WHERE app_id = ? AND name = ?').get(appId, spec.name) as
      | { enabled: number; updated_at: string }
      | undefined;
    return {
      created_at: CATALOG_DATE,
      description: spec.description,
      display_name: spec.display_name,
      doc_url: spec.doc_url,
      enabled: row?.enabled === 1,
      feedback_email: 'feedback@implanta.local',
      id: stableId(`feature:${spec.name}`),
      name: spec.name,
      state: spec.state,
      updated_at: row?.updated_at ?? CATALOG_DATE,
    };
  }
}
