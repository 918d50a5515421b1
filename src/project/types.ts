/** Facts read from a codebase, shared by the codebase rules, versions, deploy and size. */
import type { BuildHook } from './build-hooks.js';
import type { ProcessScript } from './process-scripts.js';
import type { StaticServing } from './static-serving.js';
import type { EnvRead, SettingsEvaluation } from './settings/types.js';

/** A problem in an input file, reported with its place. */
export interface FileProblem {
  file: string;
  line: number;
  message: string;
}

export interface ProcfileEntry {
  /** Process type: web, worker, release… */
  name: string;
  command: string;
  line: number;
}

export interface Procfile {
  file: string;
  entries: ProcfileEntry[];
  /** Lines Heroku would not accept (`codebase.procfile` reports each). */
  problems: FileProblem[];
}

export interface Requirement {
  /** PEP 503 normalised: lower case, runs of -_. become '-'. */
  name: string;
  /** As written in the file. */
  rawName: string;
  /** PEP 440 specifier as written, '' when none (`==4.2.7`, `>=3.2,<4`). */
  specifier: string;
  extras: string[];
  marker?: string;
  /** Direct URL or VCS reference (`git+https://…@rev#egg=name`). */
  url?: string;
  editable: boolean;
  hashes: string[];
  /** The exact version when the specifier is a single `==X` / `===X` (no wildcard), or the lock's. */
  pinned?: string;
  /** `-c` constraint files constrain, they do not install. */
  kind: 'requirement' | 'constraint';
  file: string;
  line: number;
}

export type DependencyFileKind = 'requirements.txt' | 'Pipfile.lock' | 'poetry.lock' | 'uv.lock';

/** A file-wide pip option on a line of its own (`--index-url`, `--pre`, `--no-binary :all:`…). */
export interface RequirementsOption {
  /** The long form pip knows it by: `--index-url`, `--find-links`, `--require-hashes`. */
  name: string;
  /** Absent for flags. URLs keep no credentials (`https://***@host/simple`). */
  value?: string;
  file: string;
  line: number;
}

export interface DependencySet {
  kind: DependencyFileKind;
  /** The top file Heroku reads, relative to the root. */
  file: string;
  requirements: Requirement[];
  /** Every file read, includes first-to-last. */
  files: string[];
  problems: FileProblem[];
  /** requirements.txt only: the file-wide options, in reading order. */
  options?: RequirementsOption[];
}

export interface DjangoVersion {
  major: number;
  minor: number;
  /** Where the version came from: the exact pin, the lowest a range allows, the flag, or the installed Django. */
  source: 'pin' | 'range' | 'flag' | 'installed' | 'assumed';
  file?: string;
  line?: number;
}

export interface PythonVersionDecl {
  /** As declared: `3.12`, `3.12.4`, `python-3.11.9` normalised to `3.11.9`. */
  version: string;
  /** Where the buildpack reads it, in its order of precedence. */
  file: 'runtime.txt' | '.python-version' | 'Pipfile.lock';
  /** The file relative to the project root when the build root is above it (a monorepo: `../runtime.txt`). */
  path?: string;
  line: number;
  /** Both files exist: runtime.txt wins on Heroku, and is deprecated. */
  shadowed?: { file: '.python-version'; version: string };
}

export interface SettingsCandidate {
  module: string;
  /** Where the candidate was named. */
  source: 'manage.py' | 'wsgi.py' | 'asgi.py' | 'Procfile' | 'environment' | '--settings';
  file?: string;
  line?: number;
  /** Set unconditionally (gunicorn `--env`, `os.environ[…] = …`), so it beats the environment. */
  overridesEnvironment?: boolean;
  /** The module named is not in the project: set by what the name was built from (`builtFrom`) or mistyped. */
  missing?: true;
  /** Environment variables the script read while it chose the module (`'config.settings.{}'.format(os.environ.get('DJANGO_ENV'))`). */
  builtFrom?: string[];
}

/** A .env-style file in the tree, reduced to what the rules need: key names, never values. */
export interface DotenvFileSummary {
  file: string;
  /** Keys whose value is a credential: a secret-looking name with a value, or a URL with a password. */
  secretKeys: { key: string; line: number }[];
  /** Why the file could not be parsed; its keys are then unknown. */
  problem?: string;
}

/** A config var the app.json manifest declares. */
export interface AppJsonEnv {
  name: string;
  line: number;
  /** A literal value committed in the manifest (a default or a fixed value). */
  value?: string;
  required: boolean;
  /** `"generator": "secret"`: Heroku makes a random value at app creation. */
  generated: boolean;
}

/** An add-on app.json provisions: Heroku sets config vars named after its attachment (DATABASE_URL). */
export interface AppJsonAddon {
  /** The service, the part of the plan before ':' (heroku-postgresql). */
  service: string;
  /** The attachment name its config vars begin with: `as`, else the service's default (DATABASE). */
  attachment: string;
}

export interface AppJson {
  file: string;
  env: AppJsonEnv[];
  addons: AppJsonAddon[];
  stack?: string;
  stackLine?: number;
  /** Set when the file is not a JSON object Heroku would accept. */
  problem?: { line: number; message: string };
}

/**
 * The app builds a Docker image on Heroku's container stack, which uses no buildpack: no Procfile (the
 * processes are heroku.yml's `run` section or the Dockerfile's CMD), no Python version file (the
 * Dockerfile's base image decides). Told by heroku.yml, or by app.json's `"stack": "container"`.
 */
export interface ContainerBuild {
  file: string;
  line: number;
}

export interface ProjectFacts {
  /** Absolute path of the project root (the folder of manage.py). */
  root: string;
  /** Every file in the tree, relative, forward slashes; skips .git, virtualenvs, node_modules, caches. */
  files: string[];
  /** Files git tracks (committed or staged), when the root is in a git work tree; else undefined. */
  tracked?: string[];
  managePy?: string;
  candidates: SettingsCandidate[];
  /** The module evaluated: the one the web process will load, unless `--settings` says otherwise. */
  settingsModule?: string;
  /**
   * The module the web process would load is no module of the project (`config.settings.None`, built
   * from a variable that is not set): nothing could be evaluated, and `evaluation` is left out for the
   * rules. codebase.settings-module reports it.
   */
  settingsMissing?: SettingsCandidate;
  /**
   * manage.py is there but nothing names a settings module: no default in manage.py, wsgi.py or the
   * Procfile, and no DJANGO_SETTINGS_MODULE in the environment. Every process would stop with
   * ImproperlyConfigured; codebase.settings-module reports it and the rules that need settings skip.
   */
  settingsUnnamed?: true;
  /**
   * The settings module, or a module it imports, is more Python than implanta parses (parser.ts
   * PARSE_WORK_LIMIT): Python would load it, but nothing could be evaluated statically. Set only by
   * `check` after the evaluation; codebase.settings-module reports it and the rules that need settings skip.
   */
  settingsTooLarge?: PythonPastCap;
  /**
   * manage.py, wsgi.py or asgi.py past the parse cap: which settings module they name is not known (they
   * are missing from `candidates`). codebase.settings-module reports each.
   */
  settingsScriptsUnread?: Array<{ file: string; why: string }>;
  evaluation?: SettingsEvaluation;
  django?: DjangoVersion;
  procfile?: Procfile;
  dependencies?: DependencySet;
  python?: PythonVersionDecl;
  /**
   * Top-level module → distributions, from the metadata of the packages installed for the interpreter
   * (`--python`, `--settings-source python`, `--django`): placed before implanta's own tables.
   */
  installedModules?: Readonly<Record<string, readonly string[]>>;
  /** The evaluation environment (`--env`, `--env-file`, an app's config vars). Values are secret. */
  env: Record<string, string>;
  /** Host names the app answers on (`--host`, or the app's domains). */
  hosts: string[];
  /** gunicorn.conf.py settings that matter behind the router, when the file exists. */
  gunicornConfig?: {
    file: string;
    forwardedAllowIps?: string;
    secureSchemeHeaders?: boolean;
    /** Why nothing could be read from it (past the parse cap): what gunicorn makes of the router's header is then unknown. */
    unreadable?: string;
  };
  /** app.json, when the project has one. */
  appJson?: AppJson;
  /**
   * The environment variables the settings read in an app made from app.json (its declared variables,
   * add-ons and a dyno's own), as opposed to `evaluation.envReads`, read in the environment given.
   * Set by `check` when the project has a valid app.json, its settings were read statically, and the
   * reads in the environment given include one the manifest would not provide (else they are the same).
   */
  appJsonEnvReads?: EnvRead[];
  /** The shell scripts the Procfile's processes run (`web: sh startup.sh`), read when they are project files. */
  processScripts?: ProcessScript[];
  /** Set when the app builds with Docker on the container stack (see ContainerBuild). */
  container?: ContainerBuild;
  /** .env-style files in the tree (`.env`, `.env.*`, `*.env`), summarised without their values. */
  dotenvFiles?: DotenvFileSummary[];
  /** WSGI wrappers and WhiteNoise subclasses that serve static files, read once the settings are known. */
  staticServing?: StaticServing;
  /** The classic buildpack's bin/pre_compile and bin/post_compile, when the project has them. */
  buildHooks?: BuildHook[];
  /**
   * The folder Heroku builds, when it is not the project root: a monorepo's top, where its Procfile,
   * requirements and runtime files are read (project/build-root.ts). Files there are named relative to
   * the project root in findings (`../requirements.txt`).
   */
  buildRoot?: string;
  /**
   * The project root's path inside the build root (`web` for a monorepo whose manage.py is in web/):
   * paths in Procfile commands start at the build root.
   */
  buildPrefix?: string;
  /** With a build root: its Python files outside the project root, relative to the build root (`heroku_wsgi.py`). */
  buildRootPython?: string[];
}

/** A module past the parse cap that stopped the static evaluation of the settings. */
export interface PythonPastCap {
  file: string;
  bytes: number;
  /** The settings module that imports it, when it is not the settings module's own file. */
  importedBy?: string;
}
