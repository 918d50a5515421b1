import type { PyKey, PyValue } from '../python-value.js';
import type { Provenance } from './provenance.js';

/** Where a value came from: the statement that last set it. Paths are relative to the project root. */
export interface Origin {
  file: string;
  line: number;
}

export interface Binding {
  value: PyValue;
  origin: Origin;
  /** What the value was made from, as the evaluator saw it (provenance.ts); undefined when not recorded. */
  provenance?: Provenance | undefined;
}

/**
 * The settings a Django process would see. `get` returns undefined for a name the module never sets,
 * which means Django's global default applies (rules know those defaults per version).
 */
export interface SettingsView {
  /** Module evaluated, e.g. `hollow.settings.production`. */
  module: string;
  /** File of that module, relative to the project root: where a finding about a default points. */
  file: string;
  source: 'static' | 'python';
  get(name: string): Binding | undefined;
  names(): string[];
}

/** A read of the environment by the settings: the config cross-check and secret redaction use it. */
export interface EnvRead {
  name: string;
  /** os.environ['X'] / env('X') with no default: the process would not boot without it. */
  required: boolean;
  file: string;
  line: number;
  /** The helper that read it: os.environ, os.getenv, environ.Env, decouple.config, dj_database_url… */
  via: string;
}

/** A module the settings import or name (INSTALLED_APPS, MIDDLEWARE, STORAGES…): must be declared. */
export interface ModuleUse {
  module: string;
  file: string;
  line: number;
  how: 'import' | 'setting';
  /**
   * Imported only inside a try whose handler catches ImportError and goes on (`try: import x / except
   * ImportError: …`): a missing package takes that handler, it does not stop the app.
   */
  optional?: true;
}

/** An exception importing the settings certainly raises, nothing catching it: the app cannot boot. */
export interface BootFailure {
  exception: string;
  /** For the user, never quoting a config var's value. */
  reason: string;
  /** The statement of the module being imported that raises (a call's, when a function raises). */
  file: string;
  line: number;
  /** The `raise` itself, or the call that raised. */
  raisedAt: Origin;
}

export interface SettingsEvaluation {
  settings: SettingsView;
  /** Absent when the settings were imported for real (--settings-source python fails outright instead). */
  bootFailures?: BootFailure[];
  envReads: EnvRead[];
  imports: ModuleUse[];
  /** Files read while evaluating (the module and everything it star-imported), relative paths. */
  files: string[];
  /** `.env` files the settings really load (decouple's AutoConfig, load_dotenv, environ.Env.read_env). */
  dotenvFilesRead: string[];
  /**
   * What the setting `name` (or the item under `path` inside it: `['default', 'PASSWORD']`) was made
   * from, as the static evaluator recorded it; undefined when it has no record. With
   * `--settings-source python` this is still the static evaluation's record of the same code.
   */
  provenance(name: string, path?: readonly PyKey[]): { value: PyValue; provenance: Provenance | undefined } | undefined;
}
