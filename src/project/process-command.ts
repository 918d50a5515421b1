import { shellCommands } from './shell-words.js';

/** The servers implanta knows how to read; `runserver` is Django's development server. */
export type ServerName = 'gunicorn' | 'uvicorn' | 'daphne' | 'uwsgi' | 'waitress-serve' | 'runserver';

export interface CommandOption {
  /** Long name without dashes (`bind`), short options mapped to it (`-b` → `bind`). */
  name: string;
  value?: string;
}

export interface ServerCommand {
  name: ServerName;
  options: CommandOption[];
  positionals: string[];
}

export interface CommandAnalysis {
  /** The last server the command starts: the process that stays in the foreground. */
  server?: ServerCommand;
  /** `manage.py migrate` (or `django-admin migrate`) runs as part of the command. */
  runsMigrations: boolean;
  /** DJANGO_SETTINGS_MODULE the command sets itself: an assignment, `export`, `env`, gunicorn `--env`. */
  settingsModule?: string;
  /** Launchers around the server (`bin/start-nginx`, `newrelic-admin run-program`…). */
  wrappers: string[];
  /** Programs the command runs, in order, for messages. */
  programs: string[];
  /**
   * Shell scripts the command runs, as written (`sh startup.sh`, `./bin/web`, `start.sh`): what they
   * do is in the script, which the caller may read (project/process-scripts.ts).
   */
  scripts: string[];
}

interface OptionSpec {
  short: Record<string, string>;
  /** Options that take no value; every other option takes one. */
  flags: Set<string>;
}

const SPECS: Record<ServerName, OptionSpec> = {
  gunicorn: {
    short: { b: 'bind', w: 'workers', k: 'worker-class', c: 'config', e: 'env', t: 'timeout', n: 'name', u: 'user', g: 'group', m: 'umask', p: 'pid', D: 'daemon', R: 'enable-stdio-inheritance', v: 'version', h: 'help' },
    flags: new Set(['reload', 'daemon', 'preload', 'check-config', 'print-config', 'spew', 'capture-output', 'enable-stdio-inheritance', 'no-sendfile', 'reuse-port', 'strip-header-spaces', 'proxy-protocol', 'log-syslog', 'disable-redirect-access-to-syslog', 'do-handshake-on-connect', 'suppress-ragged-eofs', 'permit-obsolete-folding', 'casefold-http-method', 'permit-unconventional-http-method', 'permit-unconventional-http-version', 'version', 'help']),
  },
  uvicorn: {
    short: {},
    flags: new Set(['reload', 'proxy-headers', 'no-proxy-headers', 'use-colors', 'no-use-colors', 'access-log', 'no-access-log', 'factory', 'server-header', 'no-server-header', 'date-header', 'no-date-header', 'reset-contextvars', 'version', 'help']),
  },
  daphne: {
    short: { p: 'port', b: 'bind', u: 'unix-socket', e: 'endpoint', v: 'verbosity', t: 'http-timeout', s: 'server-name', h: 'help' },
    flags: new Set(['proxy-headers', 'no-server-name', 'help']),
  },
  uwsgi: {
    short: { w: 'module', s: 'socket', p: 'processes', H: 'home', M: 'master', T: 'enable-threads' },
    flags: new Set(['master', 'enable-threads', 'die-on-term', 'lazy-apps', 'lazy', 'vacuum', 'single-interpreter', 'need-app', 'strict', 'thunder-lock', 'no-orphans', 'harakiri-verbose', 'disable-logging', 'log-master', 'memory-report', 'auto-procname', 'cheap', 'http-keepalive', 'enable-proxy-protocol']),
  },
  'waitress-serve': {
    short: {},
    flags: new Set(['help', 'call', 'expose-tracebacks', 'no-expose-tracebacks', 'ipv4', 'no-ipv4', 'ipv6', 'no-ipv6', 'log-untrusted-proxy-headers', 'no-log-untrusted-proxy-headers']),
  },
  runserver: {
    short: { v: 'verbosity' },
    flags: new Set(['noreload', 'nothreading', 'ipv6', '6', 'insecure', 'nostatic', 'skip-checks', 'traceback', 'force-color', 'no-color']),
  },
};

/** `python -m NAME` modules that start a server. */
const SERVER_MODULES: Record<string, ServerName> = { gunicorn: 'gunicorn', uvicorn: 'uvicorn', daphne: 'daphne', waitress: 'waitress-serve' };

/** Launchers that run the rest of the line as the real command. The nginx ones put nginx on $PORT. */
const WRAPPERS = new Set([
  'exec',
  'ddtrace-run',
  'opentelemetry-instrument',
  'bin/start-pgbouncer',
  'bin/start-pgbouncer-stunnel',
  'bin/start-nginx',
  'bin/start-nginx-solo',
  'bin/start-nginx-debug',
]);

const basename = (word: string): string => word.slice(word.lastIndexOf('/') + 1);

function parseOptions(name: ServerName, args: string[]): ServerCommand {
  const spec = SPECS[name];
  const options: CommandOption[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    // `-` is a value (gunicorn's `--access-logfile -`), never an option.
    const takeNext = (): string | undefined => (next !== undefined && (next === '-' || !next.startsWith('-')) ? (i++, next) : undefined);
    if (arg === '--') {
      // A loop, not push(...): a Procfile line may hold more words than a call takes arguments.
      for (const rest of args.slice(i + 1)) positionals.push(rest);
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) options.push({ name: arg.slice(2, eq), value: arg.slice(eq + 1) });
      else if (spec.flags.has(arg.slice(2))) options.push({ name: arg.slice(2) });
      else options.push({ name: arg.slice(2), value: takeNext() });
    } else if (arg.startsWith('-') && arg.length > 1) {
      const long = spec.short[arg[1]!] ?? arg.slice(1);
      if (spec.flags.has(long)) options.push({ name: long });
      else if (arg.length > 2 && spec.short[arg[1]!]) options.push({ name: long, value: arg.slice(2).replace(/^=/, '') });
      else options.push({ name: long, value: takeNext() });
    } else {
      positionals.push(arg);
    }
  }
  return { name, options, positionals };
}

/** Values of an option, in order (`--bind` may repeat). */
export function optionValues(server: ServerCommand, name: string): string[] {
  return server.options.filter((o) => o.name === name && o.value !== undefined).map((o) => o.value!);
}

export function hasOption(server: ServerCommand, name: string): boolean {
  return server.options.some((o) => o.name === name);
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
/** A program that is a file of the project: `./start`, `bin/web`, `scripts/run.sh`, `start.sh`. */
const SCRIPT_PATH = /^(\.\/|[\w.-]+\/)|\.sh$/;

/**
 * Reads what a process command does: which server it starts, whether it migrates, which settings
 * module it forces. Unknown programs are fine: they are listed in `programs` and otherwise ignored.
 */
export function analyseCommand(command: string): CommandAnalysis {
  const analysis: CommandAnalysis = { runsMigrations: false, wrappers: [], programs: [], scripts: [] };
  const visit = (line: string): void => {
    for (const words of shellCommands(line)) visitWords(words);
  };
  const setEnv = (assignment: string): void => {
    const match = ASSIGNMENT.exec(assignment);
    if (match?.[1] === 'DJANGO_SETTINGS_MODULE' && match[2]) analysis.settingsModule = match[2];
  };
  const startServer = (name: ServerName, args: string[]): void => {
    const server = parseOptions(name, args);
    analysis.server = server;
    // gunicorn and uwsgi set `--env` variables before importing the app, so they beat config vars.
    if (name === 'gunicorn' || name === 'uwsgi') optionValues(server, 'env').forEach(setEnv);
    const settings = name === 'runserver' ? optionValues(server, 'settings').at(-1) : undefined;
    if (settings) analysis.settingsModule = settings;
  };
  const visitWords = (all: string[]): void => {
    let words = [...all];
    for (;;) {
      while (words[0] !== undefined && ASSIGNMENT.test(words[0])) setEnv(words.shift()!);
      const first = words[0];
      if (first === undefined) return;
      if (first === 'export' || first === 'env') {
        words.slice(1).filter((w) => ASSIGNMENT.test(w)).forEach(setEnv);
        words = first === 'env' ? words.slice(1).filter((w) => !w.startsWith('-')) : [];
        continue;
      }
      const launcher = first.replace(/^\.\//, '');
      if (WRAPPERS.has(launcher)) {
        analysis.wrappers.push(launcher);
        words = words.slice(1);
        continue;
      }
      if (first === 'newrelic-admin' && words[1] === 'run-program') {
        analysis.wrappers.push('newrelic-admin run-program');
        words = words.slice(2);
        continue;
      }
      break;
    }
    const program = words[0]!;
    analysis.programs.push(program);
    const name = basename(program);
    if ((name === 'sh' || name === 'bash') && words[1] === '-c' && words[2] !== undefined) {
      visit(words[2]);
      return;
    }
    if (name === 'sh' || name === 'bash') {
      const script = words.slice(1).find((w) => !w.startsWith('-'));
      if (script !== undefined) analysis.scripts.push(script);
      return;
    }
    if (/^python(\d+(\.\d+)?)?$/.test(name)) {
      const rest = words.slice(1);
      const m = rest.indexOf('-m');
      if (m >= 0 && rest.slice(0, m).every((w) => w.startsWith('-'))) {
        const module = rest[m + 1] ?? '';
        if (Object.hasOwn(SERVER_MODULES, module)) startServer(SERVER_MODULES[module]!, rest.slice(m + 2));
        return;
      }
      const script = rest.find((w) => !w.startsWith('-'));
      if (script !== undefined) visitDjango(script, rest.slice(rest.indexOf(script) + 1));
      return;
    }
    if (name === 'manage.py' || name === 'django-admin' || name === 'django-admin.py') {
      visitDjango(name, words.slice(1));
      return;
    }
    if (Object.hasOwn(SPECS, name) && name !== 'runserver') startServer(name as ServerName, words.slice(1));
    else if (SCRIPT_PATH.test(program)) analysis.scripts.push(program);
  };
  const visitDjango = (script: string, args: string[]): void => {
    const name = basename(script);
    if (name !== 'manage.py' && name !== 'django-admin' && name !== 'django-admin.py') return;
    const subcommand = args.find((a) => !a.startsWith('-'));
    if (subcommand === 'migrate') analysis.runsMigrations = true;
    if (subcommand === 'runserver') startServer('runserver', args.slice(args.indexOf(subcommand) + 1));
  };
  visit(command);
  return analysis;
}

/** The WSGI/ASGI application a server loads, and the folders it imports from. */
export interface AppReference {
  /** As written: `hollow.wsgi:application`. */
  spec: string;
  /** Dotted module (`hollow.wsgi`), or undefined when the server names a file instead. */
  module?: string;
  /** A file the server loads directly (uwsgi `--wsgi-file`), relative to the project root. */
  file?: string;
  /** Folders, relative to the project root, the module is looked up in ('' is the root itself). */
  searchDirs: string[];
}

/** Heroku runs the slug from /app: an absolute path there is the project root. */
function projectDir(dir: string): string | undefined {
  const path = dir.replace(/^\/app(\/|$)/, '').replace(/^\.\/?/, '').replace(/\/+$/, '');
  return path.startsWith('/') ? undefined : path;
}

const join = (dir: string, path: string): string => (dir === '' ? path : `${dir}/${path}`);

/**
 * The application a server command names, or undefined when it names none in the command (a config
 * file may name it; implanta cannot see that).
 */
export function appReference(server: ServerCommand): AppReference | undefined {
  const chdir = projectDir(optionValues(server, server.name === 'uvicorn' ? 'app-dir' : 'chdir').at(-1) ?? '');
  if (chdir === undefined) return undefined;
  let spec: string | undefined;
  switch (server.name) {
    case 'gunicorn':
    case 'daphne':
    case 'waitress-serve':
      spec = server.positionals.at(-1);
      break;
    case 'uvicorn':
      spec = server.positionals[0];
      break;
    case 'uwsgi': {
      const file = optionValues(server, 'wsgi-file').at(-1);
      if (file !== undefined) {
        const rel = projectDir(file);
        return rel === undefined ? undefined : { spec: file, file: join(chdir, rel), searchDirs: [chdir] };
      }
      spec = optionValues(server, 'module').at(-1) ?? optionValues(server, 'wsgi').at(-1);
      break;
    }
    case 'runserver':
      return undefined;
  }
  if (spec === undefined) return undefined;
  const module = spec.split(':')[0]!;
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(module)) return undefined;
  const extra = server.name === 'gunicorn' ? optionValues(server, 'pythonpath').flatMap((p) => p.split(',')) : [];
  const searchDirs = [chdir, ...extra.map(projectDir).filter((d): d is string => d !== undefined)];
  return { spec, module, searchDirs };
}

/** Files that would provide a module, relative to the project root, in import order. */
export function moduleFileCandidates(ref: AppReference): string[] {
  if (ref.file !== undefined) return [ref.file];
  const path = ref.module!.replace(/\./g, '/');
  return ref.searchDirs.flatMap((dir) => [join(dir, `${path}.py`), join(dir, `${path}/__init__.py`)]);
}
