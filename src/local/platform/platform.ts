import type { PlatformDb } from '../db.js';
import { Account } from './account.js';
import { Addons } from './addons.js';
import { Apps } from './apps.js';
import { Builds } from './builds.js';
import { Buildpacks } from './buildpacks.js';
import { Collaborators } from './collaborators.js';
import { ConfigVars } from './config-vars.js';
import { Domains } from './domains.js';
import { Features } from './features.js';
import { Formation } from './formation.js';
import { isoSeconds } from './ids.js';
import { LogDrains } from './log-drains.js';
import type { PostgresProvisioner } from './postgres-provisioner.js';
import { Releases } from './releases.js';
import { Slugs } from './slugs.js';
import { SniEndpoints } from './sni-endpoints.js';

export interface PlatformOptions {
  db: PlatformDb;
  /** The server's own URL, known once it listens: build output and slug blobs point under it. */
  publicUrl: () => string;
  /** How long after ACM is enabled (or a domain added) a custom domain's certificate counts as issued. */
  acmDelayMs?: number;
  /** Provisions heroku-postgresql databases in a real server; without it DATABASE_URL is a placeholder. */
  postgres?: PostgresProvisioner;
  now?: () => Date;
}

/** How the running side (src/local/runtime.ts: builds, releases, dynos, router) plugs in. */
export interface PlatformHooks {
  buildCreated?: (buildId: string) => void;
  /** A release went live (new code, new config, a rollback): the dynos restart on it. */
  releaseLive?: (appId: string, releaseId: string) => void;
  /** Scaling or resizing changed the formation: the dynos follow it. */
  formationChanged?: (appId: string) => void;
  /** The app is about to be deleted: its dynos stop first. */
  appDeleted?: (appId: string) => Promise<void> | void;
  /** A release's `output_stream_url`, for a release that ran a release phase. */
  releaseOutputStreamUrl?: (releaseId: string) => string | null;
  /** Where the app's code is pushed and served, when the platform runs apps (else Heroku's own URLs). */
  appUrls?: (app: { id: string; name: string }) => { git_url: string; web_url: string };
}

/**
 * The local platform's behaviour, between the HTTP routes (api/) and the database: what creating an app,
 * attaching an add-on or releasing a slug does, and the Heroku-shaped objects each answers with. The
 * later build, release and dyno work calls these services directly (`builds.finish`, `releases.create`,
 * `formation.applyProcessTypes`) and hears about new builds through `hooks.buildCreated`.
 */
export class Platform {
  readonly db: PlatformDb;
  readonly apps: Apps;
  readonly formation: Formation;
  readonly config: ConfigVars;
  readonly addons: Addons;
  readonly domains: Domains;
  readonly sniEndpoints: SniEndpoints;
  readonly logDrains: LogDrains;
  readonly features: Features;
  readonly slugs: Slugs;
  readonly releases: Releases;
  readonly builds: Builds;
  readonly account: Account;
  readonly collaborators: Collaborators;
  readonly buildpacks: Buildpacks;
  readonly hooks: PlatformHooks = {};

  constructor(readonly options: PlatformOptions) {
    this.db = options.db;
    this.account = new Account(this);
    this.apps = new Apps(this);
    this.formation = new Formation(this);
    this.config = new ConfigVars(this);
    this.addons = new Addons(this);
    this.domains = new Domains(this);
    this.sniEndpoints = new SniEndpoints(this);
    this.logDrains = new LogDrains(this);
    this.features = new Features(this);
    this.slugs = new Slugs(this);
    this.releases = new Releases(this);
    this.builds = new Builds(this);
    this.collaborators = new Collaborators(this);
    this.buildpacks = new Buildpacks(this);
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  timestamp(): string {
    return isoSeconds(this.now());
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }
}
