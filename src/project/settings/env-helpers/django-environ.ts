/**
 * django-environ (current release): `environ.Env(**scheme)` objects, their typed getters, the URL
 * parsers for databases, caches and e-mail, and `read_env()`, which loads a .env file into the
 * environment without overriding what is already set.
 */
import { dirname, join } from 'node:path';
import type { SyntaxNode as Node } from '../syntax-node.js';
import { PyDict, PyOpaque, PyPath, PyTuple, Unknown, type PyKey, type PyValue } from '../../python-value.js';
import { invoke } from '../calls.js';
import { argument, type Call, type CallHandler, type Frame } from '../context.js';
import type { ObjectBehaviour } from '../objects.js';
import { EnvironPath } from '../paths.js';
import { PyRaise } from '../signals.js';
import { BoundMethod, fromJson, pyEquals, sameValue, typeName, type Comparable } from '../values.js';
import { defaultEnv, envName, readEnv } from './environment.js';
import { loadEnvFile } from './env-files.js';
import { parseQs, unquote, unquotePlus, urlsplit, type SplitUrl } from './url.js';

const VIA = 'environ.Env';
const TRUE_STRINGS = ['true', 'on', 'ok', 'y', 'yes', '1'];

const POSTGRES_FAMILY = ['postgres', 'postgresql', 'psql', 'pgsql', 'postgis'];
const DB_SCHEMES: Record<string, string> = {
  postgres: 'django.db.backends.postgresql',
  postgresql: 'django.db.backends.postgresql',
  psql: 'django.db.backends.postgresql',
  pgsql: 'django.db.backends.postgresql',
  postgis: 'django.contrib.gis.db.backends.postgis',
  cockroachdb: 'django_cockroachdb',
  mysql: 'django.db.backends.mysql',
  mysql2: 'django.db.backends.mysql',
  'mysql-connector': 'mysql.connector.django',
  mysqlgis: 'django.contrib.gis.db.backends.mysql',
  mssql: 'mssql',
  oracle: 'django.db.backends.oracle',
  pyodbc: 'sql_server.pyodbc',
  redshift: 'django_redshift_backend',
  spatialite: 'django.contrib.gis.db.backends.spatialite',
  sqlite: 'django.db.backends.sqlite3',
  ldap: 'ldapdb.backends.ldap',
};
const DB_BASE_OPTIONS = ['CONN_MAX_AGE', 'ATOMIC_REQUESTS', 'AUTOCOMMIT', 'DISABLE_SERVER_SIDE_CURSORS', 'CONN_HEALTH_CHECKS'];

const REDIS_CACHE = 'django_redis.cache.RedisCache';
const CACHE_SCHEMES: Record<string, string> = {
  dbcache: 'django.core.cache.backends.db.DatabaseCache',
  dummycache: 'django.core.cache.backends.dummy.DummyCache',
  filecache: 'django.core.cache.backends.filebased.FileBasedCache',
  locmemcache: 'django.core.cache.backends.locmem.LocMemCache',
  memcache: 'django.core.cache.backends.memcached.MemcachedCache',
  pymemcache: 'django.core.cache.backends.memcached.PyMemcacheCache',
  pylibmc: 'django.core.cache.backends.memcached.PyLibMCCache',
  rediscache: REDIS_CACHE,
  redis: REDIS_CACHE,
  rediss: REDIS_CACHE,
  valkey: REDIS_CACHE,
  valkeys: REDIS_CACHE,
};
const CACHE_BASE_OPTIONS = ['TIMEOUT', 'KEY_PREFIX', 'VERSION', 'KEY_FUNCTION', 'BINARY'];

const EMAIL_SCHEMES: Record<string, string> = {
  smtp: 'django.core.mail.backends.smtp.EmailBackend',
  smtps: 'django.core.mail.backends.smtp.EmailBackend',
  'smtp+tls': 'django.core.mail.backends.smtp.EmailBackend',
  'smtp+ssl': 'django.core.mail.backends.smtp.EmailBackend',
  consolemail: 'django.core.mail.backends.console.EmailBackend',
  filemail: 'django.core.mail.backends.filebased.EmailBackend',
  memorymail: 'django.core.mail.backends.locmem.EmailBackend',
  dummymail: 'django.core.mail.backends.dummy.EmailBackend',
};

const METHODS = new Set(['str', 'bool', 'int', 'float', 'json', 'list', 'tuple', 'dict', 'url', 'db_url', 'db', 'cache_url', 'cache', 'email_url', 'email', 'search_url', 'channels_url', 'channels', 'path', 'read_env', 'get_value', 'parse_value', 'bytes', 'db_url_config', 'cache_url_config', 'email_url_config']);

/** An argument that was not given, as django-environ's NOTSET marks it. */
const NOTSET = undefined;

function improperly(frame: Frame, message: string, node: Node): PyRaise {
  return new PyRaise('ImproperlyConfigured', message, frame.file, node.startPosition.row + 1);
}

/** One `environ.Env(...)`: its scheme of casts and defaults, and the options a settings file may set. */
export class EnvObject extends PyOpaque implements ObjectBehaviour, Comparable {
  prefix = '';
  smartCast = true;
  escapeProxy = false;

  constructor(readonly scheme: Map<string, PyValue>) {
    super('environ.Env');
  }

  sameAs(other: PyOpaque): boolean {
    const o = other as EnvObject;
    if (o.prefix !== this.prefix || o.smartCast !== this.smartCast || o.escapeProxy !== this.escapeProxy || o.scheme.size !== this.scheme.size) return false;
    return [...this.scheme].every(([k, v]) => o.scheme.has(k) && sameValue(v, o.scheme.get(k)!));
  }

  getAttribute(frame: Frame, name: string, node: Node): PyValue {
    if (METHODS.has(name)) return new BoundMethod(this, name);
    if (name === 'prefix') return this.prefix;
    if (name === 'smart_cast') return this.smartCast;
    if (name === 'escape_proxy') return this.escapeProxy;
    if (name === 'scheme') return new PyDict(new Map(this.scheme));
    if (name === 'NOTSET') return new PyOpaque('environ.Env.NOTSET');
    if (name === 'ENVIRON') return frame.unknown('environ.Env.ENVIRON', node);
    return frame.unknown(`environ.Env.${name}`, node);
  }

  setAttribute(name: string, value: PyValue): boolean {
    if (name === 'prefix' && typeof value === 'string') this.prefix = value;
    else if (name === 'smart_cast' && typeof value === 'boolean') this.smartCast = value;
    else if (name === 'escape_proxy' && typeof value === 'boolean') this.escapeProxy = value;
    else return false;
    return true;
  }

  contains(frame: Frame, item: PyValue, node: Node): boolean | PyValue {
    const name = envName(frame, item, node);
    if (name instanceof Unknown) return name;
    const value = readEnv(frame, name, VIA, false, node);
    return value instanceof Unknown ? value : value !== undefined;
  }

  callSelf(call: Call): PyValue {
    return this.getValue(call, argument(call, 0, 'var'), argument(call, 1, 'cast', null), defaultArg(call, 2), argument(call, 3, 'parse_default', false) === true);
  }

  callMethod(call: Call, method: string): PyValue {
    const cast = (index: number) => argument(call, index, 'cast', null);
    const get = (castAs: PyValue, defaultIndex = 1, parseDefault = false) => this.getValue(call, argument(call, 0, 'var'), castAs, defaultArg(call, defaultIndex), parseDefault);
    switch (method) {
      case 'str': {
        const value = get(builtin('str'));
        return argument(call, 2, 'multiline', false) === true && typeof value === 'string' ? value.replace(/(\\r)?\\n/g, '\n') : value;
      }
      case 'bool':
      case 'int':
      case 'float':
        return get(builtin(method));
      case 'json':
        return get(builtin('json.loads'));
      case 'list':
      case 'tuple': {
        const inner = cast(1);
        const castAs = inner === null ? builtin(method) : method === 'list' ? [inner] : new PyTuple([inner]);
        return get(castAs, 2);
      }
      case 'dict':
        return get(argument(call, 1, 'cast', builtin('dict')), 2);
      case 'get_value':
        return this.callSelf(call);
      case 'path': {
        const value = get(null);
        if (value instanceof Unknown) return value;
        if (typeof value !== 'string' && !(value instanceof PyPath)) return call.frame.unknown('env.path() of something not a path', call.node);
        return new EnvironPath(absolutePath(call.frame, typeof value === 'string' ? value : value.path));
      }
      case 'db_url':
      case 'db': {
        const url = this.getValue(call, argument(call, 0, 'var', 'DATABASE_URL'), null, defaultArg(call, 1), false);
        return dbUrlConfig(call, url, argument(call, 2, 'engine', null));
      }
      case 'cache_url':
      case 'cache': {
        const url = this.getValue(call, argument(call, 0, 'var', 'CACHE_URL'), null, defaultArg(call, 1), false);
        return cacheUrlConfig(call, url, argument(call, 2, 'backend', null));
      }
      case 'email_url':
      case 'email': {
        const url = this.getValue(call, argument(call, 0, 'var', 'EMAIL_URL'), null, defaultArg(call, 1), false);
        return emailUrlConfig(call, url, argument(call, 2, 'backend', null));
      }
      case 'read_env':
        return readEnvFile(call);
      case 'db_url_config':
        return dbUrlConfig(call, argument(call, 0, 'url', null), argument(call, 1, 'engine', null));
      case 'cache_url_config':
        return cacheUrlConfig(call, argument(call, 0, 'url', null), argument(call, 1, 'backend', null));
      case 'email_url_config':
        return emailUrlConfig(call, argument(call, 0, 'url', null), argument(call, 1, 'backend', null));
      case 'parse_value':
        return parseValue(call, argument(call, 0, 'value', null), argument(call, 1, 'cast', null));
    }
    call.frame.ev.noteMayRaise();
    return call.frame.unknown(`calls env.${method}()`, call.node);
  }

  /** Env.get_value: scheme, environment, default, `$OTHER` proxies, smart cast, then the cast. */
  getValue(call: Call, varArg: PyValue | undefined, castArg: PyValue, defaultValue: PyValue | undefined, parseDefault: boolean, depth = 0): PyValue {
    const { frame, node } = call;
    const bare = envName(frame, varArg, node);
    if (bare instanceof Unknown) return bare;
    const name = this.prefix + bare;
    let cast = castArg;
    let fallback = defaultValue;
    const info = this.scheme.get(name);
    if (info !== undefined) {
      const pair = info instanceof PyTuple ? info.items : Array.isArray(info) ? info : undefined;
      if (pair && pair.length === 2) {
        cast ??= pair[0]!;
        if (fallback === NOTSET) fallback = pair[1]!;
      } else {
        cast ??= info;
      }
    }
    const raw = readEnv(frame, name, VIA, fallback === NOTSET, node);
    let value: PyValue;
    if (raw === undefined) {
      if (fallback === NOTSET) throw improperly(frame, `env('${name}'): ${name} is not set and has no default: the app would not boot`, node);
      if (fallback instanceof UserCallable) return frame.unknown(`env('${name}') with a computed default`, node);
      value = fallback;
    } else {
      value = raw;
    }
    if (value instanceof Unknown) return value;
    if (typeof value === 'string' && value.startsWith('$') && !this.escapeProxy && depth < 10) {
      return this.getValue(call, value.replace(/^\$+/, ''), cast, fallback, parseDefault, depth + 1);
    }
    if (this.smartCast && cast === null && fallback !== NOTSET && fallback !== null) cast = typeOf(fallback);
    if (fallback === null && value === '') value = null;
    // Without a cast the value is the value, whatever the default: `env('SECRET_KEY', default=make_key())`
    // set in the environment is that setting (SFDO-Tooling/Metecho), though make_key() is not known.
    if (cast === null) return value;
    // Like django-environ, a value equal to the default is not cast: env.bool('X', default='no') gives 'no'.
    const equalsDefault = fallback === NOTSET ? false : pyEquals(value, fallback);
    if (equalsDefault instanceof Unknown) return equalsDefault;
    if (!equalsDefault || (parseDefault && value !== null)) value = parseValue(call, value, cast);
    return value;
  }
}

/** A default given as a function: django-environ calls it, we cannot. */
class UserCallable extends PyOpaque {}

function defaultArg(call: Call, index: number): PyValue | undefined {
  const value = argument(call, index, 'default');
  if (value instanceof PyOpaque && value.name === 'environ.Env.NOTSET') return NOTSET;
  if (value instanceof PyOpaque && !(value instanceof PyPath)) return new UserCallable(value.name);
  return value;
}

function builtin(name: string): PyOpaque {
  return new PyOpaque(name);
}

/** type(default), for smart casting. */
function typeOf(v: PyValue): PyValue {
  if (typeof v === 'boolean') return builtin('bool');
  if (typeof v === 'number') return builtin(Number.isInteger(v) ? 'int' : 'float');
  if (typeof v === 'string') return builtin('str');
  if (Array.isArray(v)) return builtin('list');
  if (v instanceof PyTuple) return builtin('tuple');
  if (v instanceof PyDict) return builtin('dict');
  return null;
}

function castName(cast: PyValue): string | undefined {
  return cast instanceof PyOpaque && cast.constructor === PyOpaque ? cast.name : undefined;
}

function stripAll(s: string, ch: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === ch) start++;
  while (end > start && s[end - 1] === ch) end--;
  return s.slice(start, end);
}

/** Env.parse_value. */
function parseValue(call: Call, value: PyValue, cast: PyValue): PyValue {
  const { frame, node } = call;
  if (cast === null || value instanceof Unknown) return value;
  const name = castName(cast);
  if (name === 'bool') {
    if (typeof value === 'boolean' || typeof value === 'number') return value !== 0 && value !== false;
    if (typeof value !== 'string') return frame.unknown(`env bool of a ${typeName(value)}`, node);
    return /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) !== 0 : TRUE_STRINGS.includes(value.toLowerCase().trim());
  }
  const needsText = Array.isArray(cast) || cast instanceof PyTuple || cast instanceof PyDict || ['dict', 'list', 'tuple', 'float'].includes(name ?? '');
  if (needsText && typeof value !== 'string') return frame.unknown(`env cast of a ${typeName(value)} default`, node);
  const text = value as string;
  const castEach = (items: string[], each: PyValue): PyValue[] | Unknown => {
    const out: PyValue[] = [];
    for (const item of items) {
      const v = invoke(frame, each, { positional: [item], keywords: new Map() }, node);
      if (v instanceof Unknown) return v;
      out.push(v);
    }
    return out;
  };
  if (Array.isArray(cast)) return castEach(text.split(',').filter(Boolean), cast[0] ?? null);
  if (cast instanceof PyTuple) {
    const items = castEach(stripAll(stripAll(text, '('), ')').split(',').filter(Boolean), cast.items[0] ?? null);
    return items instanceof Unknown ? items : new PyTuple(items);
  }
  if (cast instanceof PyDict) return frame.unknown('env.dict() with per-key casts', node);
  switch (name) {
    case 'dict': {
      const dict = new PyDict();
      for (const pair of text.split(',').filter(Boolean)) {
        const at = pair.indexOf('=');
        if (at < 0) throw new PyRaise('ValueError', 'env.dict(): an item without =', frame.file, frame.line);
        dict.entries.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return dict;
    }
    case 'list':
      return text.split(',').filter(Boolean);
    case 'tuple':
      return new PyTuple(stripAll(stripAll(text, '('), ')').split(',').filter(Boolean));
    case 'float': {
      const cleaned = text.replace(/[^\d,.-]/g, '');
      const parts = cleaned.split(/[,.]/);
      const joined = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join('')}.${parts.at(-1)}`;
      if (!/^-?(\d+\.?\d*|\.\d+)$/.test(joined)) throw new PyRaise('ValueError', 'env.float(): not a number', frame.file, frame.line);
      return Number(joined);
    }
    case 'json.loads': {
      if (typeof value !== 'string') return frame.unknown('env.json() of a default that is not text', node);
      try {
        return fromJson(JSON.parse(value));
      } catch {
        throw new PyRaise('ValueError', 'env.json(): not valid JSON', frame.file, frame.line);
      }
    }
  }
  return invoke(frame, cast, { positional: [value], keywords: new Map() }, node);
}

function absolutePath(frame: Frame, path: string): string {
  return path.startsWith('/') ? path : join(frame.ev.root, path);
}

/** ast.literal_eval for query-string values, falling back to the text. */
function literal(text: string): PyValue {
  if (/^[+-]?\d+$/.test(text)) return Number(text);
  if (/^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (text === 'True' || text === 'False') return text === 'True';
  if (text === 'None') return null;
  const quoted = /^(['"])(.*)\1$/s.exec(text);
  return quoted ? quoted[2]! : text;
}

/** _cast_int: digits become an int, anything else stays. */
function castInt(text: string | number | undefined): PyValue {
  if (typeof text === 'string' && /^\d+$/.test(text)) return Number(text);
  return text ?? null;
}

/** The URL text, or the Unknown standing for it. */
function urlText(call: Call, url: PyValue): string | Unknown {
  if (url instanceof Unknown || typeof url === 'string') return url;
  return call.frame.unknown(`a URL that is a ${typeName(url)}`, call.node);
}

function port(call: Call, split: SplitUrl): number | undefined {
  if (Number.isNaN(split.port)) throw new PyRaise('ValueError', 'the port of the URL is not a number', call.frame.file, call.frame.line);
  return split.port;
}

/** Env.db_url_config. */
function dbUrlConfig(call: Call, urlValue: PyValue, engine: PyValue): PyValue {
  const url = urlText(call, urlValue);
  if (typeof url !== 'string') return url;
  if (engine instanceof Unknown) return engine;
  if (url === 'sqlite://:memory:') return dict([['ENGINE', DB_SCHEMES.sqlite!], ['NAME', ':memory:']]);
  const split = urlsplit(url);
  let path = unquotePlus(split.path.slice(1).split('?')[0]!);
  if (split.scheme === 'sqlite' && path === '') path = ':memory:';
  const p = port(call, split);
  const config = dict([
    ['NAME', path],
    ['USER', split.username === undefined ? '' : unquote(split.username)],
    ['PASSWORD', split.password === undefined ? '' : unquote(split.password)],
    ['HOST', split.hostname ?? ''],
    ['PORT', castInt(p) || ''],
  ]);
  if (POSTGRES_FAMILY.includes(split.scheme) && path.startsWith('/')) {
    const at = path.lastIndexOf('/');
    config.entries.set('HOST', path.slice(0, at));
    config.entries.set('NAME', path.slice(at + 1));
  }
  if (split.scheme === 'oracle') {
    if (path === '') {
      config.entries.set('NAME', config.get('HOST')!);
      config.entries.set('HOST', '');
    }
    if (!config.get('PORT')) config.entries.delete('PORT');
    else config.entries.set('PORT', String(config.get('PORT')));
  }
  if (split.query) {
    const options = new PyDict();
    for (const [k, values] of parseQs(split.query)) {
      if (DB_BASE_OPTIONS.includes(k.toUpperCase())) config.entries.set(k.toUpperCase(), literal(values[0]!));
      else options.entries.set(k, castInt(values[0]));
    }
    config.entries.set('OPTIONS', options);
  }
  const chosen = typeof engine === 'string' && engine ? engine : split.scheme;
  const resolved = DB_SCHEMES[chosen] ?? chosen;
  if (!resolved) return new PyDict();
  config.entries.set('ENGINE', resolved);
  return config;
}

/** Env.cache_url_config. */
function cacheUrlConfig(call: Call, urlValue: PyValue, backend: PyValue): PyValue {
  const url = urlText(call, urlValue);
  if (typeof url !== 'string') return url;
  if (url === '') return new PyDict();
  if (backend instanceof Unknown) return backend;
  const split = urlsplit(url);
  const cacheBackend = CACHE_SCHEMES[split.scheme];
  if (!cacheBackend) throw improperly(call.frame, `invalid cache URL scheme '${split.scheme}'`, call.node);
  const hosts = split.netloc.split(',');
  const config = dict([
    ['BACKEND', cacheBackend],
    ['LOCATION', hosts.length === 1 ? hosts[0]! : hosts],
  ]);
  if (split.scheme === 'filecache') config.entries.set('LOCATION', split.netloc + split.path);
  if (!split.netloc && (split.scheme === 'memcache' || split.scheme === 'pymemcache')) config.entries.set('LOCATION', `unix:${split.path}`);
  else if (split.scheme.startsWith('redis') || split.scheme.startsWith('valkey')) {
    const scheme = split.hostname ? split.scheme.replace('cache', '') : 'unix';
    const locations = hosts.map((host) => `${scheme}://${host}${split.path}`);
    config.entries.set('LOCATION', locations.length === 1 ? locations[0]! : locations);
  }
  if (typeof backend === 'string' && backend) config.entries.set('BACKEND', backend);
  if (split.query) {
    const lower = config.get('BACKEND') === 'django.core.cache.backends.redis.RedisCache';
    const options = new PyDict();
    for (const [k, values] of parseQs(split.query)) {
      const key = lower ? k.toLowerCase() : k.toUpperCase();
      (CACHE_BASE_OPTIONS.includes(k.toUpperCase()) ? config : options).entries.set(key, literal(values[0]!));
    }
    config.entries.set('OPTIONS', options);
  }
  return config;
}

/** Env.email_url_config. */
function emailUrlConfig(call: Call, urlValue: PyValue, backend: PyValue): PyValue {
  const url = urlText(call, urlValue);
  if (typeof url !== 'string') return url;
  if (backend instanceof Unknown) return backend;
  const split = urlsplit(url);
  const config = dict([
    ['EMAIL_FILE_PATH', unquotePlus(split.path.slice(1).split('?')[0]!)],
    ['EMAIL_HOST_USER', split.username === undefined ? null : unquote(split.username)],
    ['EMAIL_HOST_PASSWORD', split.password === undefined ? null : unquote(split.password)],
    ['EMAIL_HOST', split.hostname ?? null],
    ['EMAIL_PORT', castInt(port(call, split))],
  ]);
  if (typeof backend === 'string' && backend) config.entries.set('EMAIL_BACKEND', backend);
  else if (EMAIL_SCHEMES[split.scheme]) config.entries.set('EMAIL_BACKEND', EMAIL_SCHEMES[split.scheme]!);
  else throw improperly(call.frame, `invalid e-mail URL scheme '${split.scheme}'`, call.node);
  if (split.scheme === 'smtps' || split.scheme === 'smtp+tls') config.entries.set('EMAIL_USE_TLS', true);
  else if (split.scheme === 'smtp+ssl') config.entries.set('EMAIL_USE_SSL', true);
  if (split.query) {
    const options = new PyDict();
    for (const [k, values] of parseQs(split.query)) {
      const key = k.toUpperCase();
      (['EMAIL_USE_TLS', 'EMAIL_USE_SSL'].includes(key) ? config : options).entries.set(key, castInt(values[0]));
    }
    config.entries.set('OPTIONS', options);
  }
  return config;
}

function dict(entries: Array<[PyKey, PyValue]>): PyDict {
  return new PyDict(new Map(entries));
}

/**
 * Env.read_env(env_file=None, overwrite=False, **overrides): without a path, the .env beside the
 * calling file. Set variables are kept unless overwrite=True. A missing file is silently skipped.
 */
function readEnvFile(call: Call): PyValue {
  const { frame } = call;
  const fileArg = argument(call, 0, 'env_file', null);
  if (fileArg instanceof Unknown) return fileArg;
  let abs: string;
  if (fileArg === null) abs = join(dirname(frame.module.abs), '.env');
  else if (typeof fileArg === 'string' || fileArg instanceof PyPath) abs = absolutePath(frame, typeof fileArg === 'string' ? fileArg : fileArg.path);
  else return frame.unknown('read_env() of something not a path', call.node);
  const overwrite = argument(call, 1, 'overwrite', false) === true;
  const values = new Map<string, PyValue>();
  for (const [k, v] of call.args.keywords) if (!['env_file', 'overwrite', 'parse_comments', 'encoding'].includes(k)) values.set(k, v);
  for (const [k, v] of loadEnvFile(frame, abs, 'django-environ') ?? []) values.set(k, v);
  for (const [k, v] of values) {
    if (typeof v === 'string') defaultEnv(frame, k, v, overwrite);
  }
  return null;
}

function newEnv(call: Call): PyValue {
  return new EnvObject(new Map(call.args.keywords));
}

export const djangoEnvironHandlers: Record<string, CallHandler> = {
  'environ.Env': newEnv,
  'environ.FileAwareEnv': newEnv,
  'environ.Env.read_env': readEnvFile,
  'environ.Env.db_url_config': (call) => dbUrlConfig(call, argument(call, 0, 'url', null), argument(call, 1, 'engine', null)),
  'environ.Env.cache_url_config': (call) => cacheUrlConfig(call, argument(call, 0, 'url', null), argument(call, 1, 'backend', null)),
  'environ.Env.email_url_config': (call) => emailUrlConfig(call, argument(call, 0, 'url', null), argument(call, 1, 'backend', null)),
};
