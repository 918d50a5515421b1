import type * as Schema from '@heroku-cli/schema';

/**
 * The Platform API types implanta uses, as one namespace: `import type * as Heroku from './schema-extensions.js'`.
 * @heroku-cli/schema 2.0.1 lags the live API; the interfaces below add what Heroku's published schema
 * (/work/shared/heroku/platform-api-schema.json) has and the package lacks. Everything else is the package's.
 */
export type {
  Account,
  AddOnAttachment,
  AppFeature,
  ConfigVars,
  Domain,
  RateLimit,
  Region,
  SNIEndpoint as SniEndpoint,
  Stack,
} from '@heroku-cli/schema';

/** Which platform generation runs the app: `cedar` (classic buildpacks, stacks) or `fir` (Cloud Native Buildpacks). */
export interface Generation {
  id?: string;
  name?: string;
}

export interface App extends Schema.App {
  generation?: Generation;
}

export interface Formation extends Schema.Formation {
  /** Supersedes the deprecated `size`; the API answers both. */
  dyno_size?: { id?: string; name?: string };
}

export interface DynoSize extends Schema.DynoSize {
  architecture?: string;
  generation?: Generation;
}

/** The package's fields without its catch-all index signature, so one of them can be redeclared. */
type KnownFields<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

export interface Release extends Omit<KnownFields<Schema.Release>, 'status'> {
  [k: string]: unknown;
  /** The package leaves out `expired`. */
  status?: 'failed' | 'pending' | 'succeeded' | 'expired';
  artifacts?: { type?: string; id?: string }[];
  eligible_for_rollback?: boolean;
}

export interface Build extends Omit<KnownFields<Schema.Build>, 'release'> {
  [k: string]: unknown;
  /** A plain name here (`cedar`), unlike the app's generation object. */
  generation?: string;
  /** Null until the build is released; the package's type cannot say null. */
  release?: { id?: string } | null;
}

export interface Slug extends Schema.Slug {
  deleted_at?: string | null;
}

export interface AddOn extends Omit<Schema.AddOn, 'actions'> {
  /** A list in the schema; the package types it as one object. */
  actions: { id?: string; label?: string; action?: string; url?: string; requires_owner?: boolean }[];
}

/** The package cannot say these two may be null (an app's drain has no add-on). */
export interface LogDrain extends Omit<KnownFields<Schema.LogDrain>, 'addon' | 'app'> {
  [k: string]: unknown;
  addon?: { id?: string; name?: string; app?: { id?: string; name?: string } } | null;
  app?: { id?: string; name?: string } | null;
}

/** Heroku's error body: `{"id": "not_found", "message": "Couldn't find that app."}`. */
export interface ErrorBody {
  id: string;
  message: string;
  url?: string;
  /** On a 404: what was not found (`add_on`, `app`). */
  resource?: string;
}
