/**
 * dj-database-url: `config()` reads DATABASE_URL, `parse()` turns a URL into a DATABASES entry.
 * Engines are the current release's (`django.db.backends.postgresql`, not the `_psycopg2` alias
 * that old releases gave and Django 3.0 removed).
 */
import { PyDict, Unknown, type PyValue } from '../../python-value.js';
import { argument, argumentProvenance, type Call, type CallHandler } from '../context.js';
import type { Provenance } from '../provenance.js';
import { PyRaise } from '../signals.js';
import { envName, ownEnv, readEnvSource } from './environment.js';
import { parseQs, unquote, urlsplit } from './url.js';

const SCHEMES: Record<string, string> = {
  postgres: 'django.db.backends.postgresql',
  postgresql: 'django.db.backends.postgresql',
  pgsql: 'django.db.backends.postgresql',
  postgis: 'django.contrib.gis.db.backends.postgis',
  mysql: 'django.db.backends.mysql',
  mysql2: 'django.db.backends.mysql',
  mysqlgis: 'django.contrib.gis.db.backends.mysql',
  'mysql-connector': 'mysql.connector.django',
  mssql: 'sql_server.pyodbc',
  mssqlms: 'mssql',
  spatialite: 'django.contrib.gis.db.backends.spatialite',
  sqlite: 'django.db.backends.sqlite3',
  oracle: 'django.db.backends.oracle',
  oraclegis: 'django.contrib.gis.db.backends.oracle',
  redshift: 'django_redshift_backend',
  cockroach: 'django_cockroachdb',
  timescale: 'timescale.db.backends.postgresql',
  timescalegis: 'timescale.db.backends.postgis',
};

const SEARCH_PATH_SCHEMES = new Set(['postgres', 'postgresql', 'pgsql', 'postgis', 'redshift', 'timescale', 'timescalegis']);

export interface DatabaseUrlOptions {
  engine: PyValue;
  connMaxAge: PyValue;
  connHealthChecks: PyValue;
  sslRequire: PyValue;
  testOptions: PyValue;
}

function options(call: Call, offset: number): DatabaseUrlOptions {
  return {
    engine: argument(call, offset, 'engine', null),
    connMaxAge: argument(call, offset + 1, 'conn_max_age', 0),
    connHealthChecks: argument(call, offset + 2, 'conn_health_checks', false),
    sslRequire: argument(call, offset + 4, 'ssl_require', false),
    testOptions: argument(call, offset + 5, 'test_options', null),
  };
}

/**
 * `dj_database_url.parse(url, ...)`: the DATABASES entry the URL describes. A URL it refuses raises at
 * import, so the app cannot boot: the message names `what` (the variable) and never the URL, which
 * holds the password, nor its scheme, which is part of it.
 */
export function parseDatabaseUrl(call: Call, url: string, opts: DatabaseUrlOptions, what = 'the URL given to dj_database_url.parse()'): PyValue {
  const { frame } = call;
  if (opts.engine instanceof Unknown) return opts.engine;
  if (url === 'sqlite://:memory:') return new PyDict(new Map<string, PyValue>([['ENGINE', SCHEMES.sqlite!], ['NAME', ':memory:']]));
  const split = urlsplit(url);
  let path = split.path.slice(1);
  if (split.scheme === 'sqlite' && path === '') path = ':memory:';
  let hostname = split.hostname ?? '';
  if (hostname.includes('%')) hostname = unquote(split.netloc.slice(split.netloc.lastIndexOf('@') + 1));
  const engine = typeof opts.engine === 'string' ? opts.engine : SCHEMES[split.scheme];
  if (engine === undefined) throw new PyRaise('KeyError', `dj-database-url cannot parse ${what}: ${split.scheme ? 'its scheme is not a database it knows (postgres://, mysql://, sqlite://…)' : 'it is not a URL (no scheme://)'}`, frame.file, frame.line, true);
  if (Number.isNaN(split.port)) throw new PyRaise('ValueError', `dj-database-url cannot parse ${what}: its port is not a number from 0 to 65535`, frame.file, frame.line, true);
  const stringPort = ['django.db.backends.oracle', 'sql_server.pyodbc', 'mssql'].includes(engine);
  const config = new PyDict(
    new Map<string, PyValue>([
      ['NAME', unquote(path)],
      ['USER', unquote(split.username ?? '')],
      ['PASSWORD', unquote(split.password ?? '')],
      ['HOST', hostname],
      ['PORT', split.port ? (stringPort ? String(split.port) : split.port) : ''],
      ['CONN_MAX_AGE', opts.connMaxAge],
      ['ENGINE', engine],
    ]),
  );
  // dj-database-url 1.1+; left out when false, as older releases (Debian's 0.5) never set it.
  if (opts.connHealthChecks !== false) config.entries.set('CONN_HEALTH_CHECKS', opts.connHealthChecks);
  if (opts.testOptions instanceof PyDict && opts.testOptions.entries.size > 0) config.entries.set('TEST', opts.testOptions);
  const dbOptions = new PyDict();
  for (const [key, values] of parseQs(split.query)) {
    const value = values.at(-1)!;
    if (split.scheme === 'mysql' && key === 'ssl-ca') dbOptions.entries.set('ssl', new PyDict(new Map([['ca', value]])));
    else dbOptions.entries.set(key, /^\d+$/.test(value) ? Number(value) : /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value);
  }
  if (opts.sslRequire instanceof Unknown) return opts.sslRequire;
  if (opts.sslRequire) dbOptions.entries.set('sslmode', 'require');
  const schema = dbOptions.get('currentSchema');
  if (schema !== undefined && SEARCH_PATH_SCHEMES.has(split.scheme)) {
    dbOptions.entries.delete('currentSchema');
    dbOptions.entries.set('options', `-c search_path=${String(schema)}`);
  }
  if (dbOptions.entries.size > 0) config.entries.set('OPTIONS', dbOptions);
  return config;
}

/** `dj_database_url.config(env='DATABASE_URL', default=None, ...)`: {} when there is no URL. */
export function databaseUrlConfig(call: Call, opts: DatabaseUrlOptions, envVar: PyValue, fallback: PyValue, fallbackProvenance?: Provenance): PyValue {
  const name = envName(call.frame, envVar, call.node);
  if (name instanceof Unknown) return name;
  const { value, source } = readEnvSource(call.frame, name, 'dj_database_url', false, call.node);
  ownEnv(call.frame, source, fallbackProvenance);
  const url = value ?? fallback;
  if (url instanceof Unknown) return url;
  if (url === null || url === '') return new PyDict();
  if (typeof url !== 'string') return call.frame.unknown('dj_database_url.config() with a default that is not a URL', call.node);
  return parseDatabaseUrl(call, url, opts, value === undefined ? `the default URL of dj_database_url.config() (${name} is unset)` : name);
}

export const djDatabaseUrlHandlers: Record<string, CallHandler> = {
  'dj_database_url.config': (call) => databaseUrlConfig(call, options(call, 2), argument(call, 0, 'env', 'DATABASE_URL'), argument(call, 1, 'default', null), argumentProvenance(call, 1, 'default')),
  'dj_database_url.parse': (call) => {
    const url = argument(call, 0, 'url');
    if (url instanceof Unknown) return url;
    if (typeof url !== 'string') throw new PyRaise('TypeError', 'dj_database_url.parse() needs a URL string', call.frame.file, call.frame.line);
    return parseDatabaseUrl(call, url, options(call, 1));
  },
};
