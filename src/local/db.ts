import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadSqlite, openSqlite, type SqliteDatabase } from './sqlite.js';

export type PlatformDb = SqliteDatabase;

/**
 * The local platform's state, in `<dataDir>/platform.sqlite`, so apps, config and releases survive a
 * restart. Rows hold what Heroku would store; the API shapes are built from them in platform/.
 * Deleting an app cascades to everything it owns.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE apps (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    region TEXT NOT NULL,
    stack TEXT NOT NULL,
    build_stack TEXT NOT NULL,
    maintenance INTEGER NOT NULL DEFAULT 0,
    acm_enabled_at TEXT,
    released_at TEXT,
    slug_size INTEGER,
    buildpack_provided_description TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE formation (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    command TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    size TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (app_id, type)
  );
  CREATE TABLE config_vars (
    app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (app_id, key)
  );
  CREATE TABLE addons (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    name TEXT NOT NULL UNIQUE,
    service TEXT NOT NULL,
    plan TEXT NOT NULL,
    provider_id TEXT NOT NULL,
    config_var_names TEXT NOT NULL,
    provision_message TEXT,
    resource TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    addon_id TEXT NOT NULL REFERENCES addons(id) ON DELETE CASCADE,
    app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (app_id, name)
  );
  CREATE TABLE sni_endpoints (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    name TEXT NOT NULL UNIQUE,
    certificate_chain TEXT NOT NULL,
    private_key TEXT NOT NULL,
    cert_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE domains (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    hostname TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    cname TEXT,
    sni_endpoint_id TEXT REFERENCES sni_endpoints(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE log_drains (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (app_id, url)
  );
  CREATE TABLE app_features (
    app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (app_id, name)
  );
  CREATE TABLE slugs (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    process_types TEXT NOT NULL,
    commit_sha TEXT,
    commit_description TEXT,
    checksum TEXT,
    buildpack_provided_description TEXT,
    stack TEXT NOT NULL,
    size INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE releases (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    slug_id TEXT REFERENCES slugs(id),
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    config TEXT NOT NULL,
    addon_plan_names TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (app_id, version)
  );
  CREATE TABLE builds (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    source_blob TEXT NOT NULL,
    buildpacks TEXT,
    stack TEXT NOT NULL,
    slug_id TEXT REFERENCES slugs(id),
    release_id TEXT REFERENCES releases(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // The router port each app's web_url names (implanta local's runtime, src/local/router/).
  `
  CREATE TABLE app_router_ports (
    app_id TEXT PRIMARY KEY REFERENCES apps(id) ON DELETE CASCADE,
    port INTEGER NOT NULL UNIQUE
  );
  `,
];

export function openPlatformDb(dataDir: string): PlatformDb {
  loadSqlite(); // on a Node without node:sqlite, say so before anything is created
  mkdirSync(dataDir, { recursive: true });
  const db = openSqlite(join(dataDir, 'platform.sqlite'));
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA foreign_keys = ON');
  migrate(db);
  return db;
}

/** Applies the migrations this file has and the database has not seen, tracked in `user_version`. */
function migrate(db: PlatformDb): void {
  const applied = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  for (let version = applied; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    })();
  }
}
