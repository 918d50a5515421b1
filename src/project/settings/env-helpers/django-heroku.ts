/**
 * `django_heroku.settings(locals())`, as django-heroku 0.3.1 (its last release) does it: each part
 * can be turned off by its keyword (`databases=False`…). Everything it sets gets the line of the
 * call as its origin.
 */
import { PyDict, PyPath, PyTuple, Unknown, sequenceItems, type PyValue } from '../../python-value.js';
import { argument, type Call, type CallHandler } from '../context.js';
import type { Scope } from '../scope.js';
import { PyRaise } from '../signals.js';
import { ScopeRef } from '../values.js';
import { osJoin } from '../paths.js';
import { databaseUrlConfig } from './dj-database-url.js';
import { envHas, readEnvSource } from './environment.js';
import { ownedProvenance, recordItem, type CallSource, type Provenance } from '../provenance.js';

const VIA = 'django_heroku';
const WHITENOISE_MIDDLEWARE = 'whitenoise.middleware.WhiteNoiseMiddleware';

function enabled(call: Call, name: string, fallback = true): boolean | Unknown {
  const value = call.args.keywords.get(name) ?? fallback;
  if (value instanceof Unknown) return value;
  return value !== false && value !== null && value !== 0 && value !== '';
}

function herokuLogging(): PyDict {
  const d = (entries: Array<[string, PyValue]>) => new PyDict(new Map(entries));
  return d([
    ['version', 1],
    ['disable_existing_loggers', false],
    [
      'formatters',
      d([
        ['verbose', d([['format', '%(asctime)s [%(process)d] [%(levelname)s] pathname=%(pathname)s lineno=%(lineno)s funcname=%(funcName)s %(message)s'], ['datefmt', '%Y-%m-%d %H:%M:%S']])],
        ['simple', d([['format', '%(levelname)s %(message)s']])],
      ]),
    ],
    [
      'handlers',
      d([
        ['null', d([['level', 'DEBUG'], ['class', 'logging.NullHandler']])],
        ['console', d([['level', 'DEBUG'], ['class', 'logging.StreamHandler'], ['formatter', 'verbose']])],
      ]),
    ],
    ['loggers', d([['testlogger', d([['handlers', ['console']], ['level', 'INFO']])]])],
  ]);
}

function settings(call: Call): PyValue {
  const { frame, node } = call;
  const target = argument(call, 0, 'config');
  if (!(target instanceof ScopeRef)) return frame.unknown('django_heroku.settings() of something other than locals()', node);
  const scope = target.scope;
  const origin = frame.origin();
  const get = (name: string) => scope.bindings.get(name)?.value;
  // What it sets is the library's own making, except SECRET_KEY and DATABASES, read from the environment.
  const made: CallSource = { kind: 'call', callee: 'django_heroku.settings', ...origin, args: [] };
  const set = (name: string, value: PyValue, provenance: Provenance = made) => scope.set(name, value, origin, provenance);
  const flags = ['databases', 'test_runner', 'staticfiles', 'allowed_hosts', 'logging', 'secret_key'].map((name) => enabled(call, name));
  const unknownFlag = flags.find((f): f is Unknown => f instanceof Unknown);
  if (unknownFlag) return unknownFlag;
  const [databases, testRunner, staticfiles, allowedHosts, logging, secretKey] = flags as boolean[];
  const ci = envHas(frame, 'CI', VIA, node);

  if (databases) configureDatabases(call, scope, ci);
  if (testRunner) {
    if (ci instanceof Unknown) set('TEST_RUNNER', ci);
    else if (ci) set('TEST_RUNNER', 'django_heroku.HerokuDiscoverRunner');
  }
  if (staticfiles) {
    const baseDir = get('BASE_DIR');
    if (baseDir === undefined) throw new PyRaise('KeyError', "django_heroku.settings() needs BASE_DIR", frame.file, frame.line);
    set('STATIC_ROOT', baseDir instanceof Unknown ? baseDir : typeof baseDir === 'string' || baseDir instanceof PyPath ? osJoin(String(baseDir), 'staticfiles') : frame.unknown('BASE_DIR is not a path', node));
    set('STATIC_URL', '/static/');
    // It puts WhiteNoise first, into MIDDLEWARE_CLASSES when that exists, else MIDDLEWARE.
    const key = get('MIDDLEWARE_CLASSES') !== undefined ? 'MIDDLEWARE_CLASSES' : 'MIDDLEWARE';
    const middleware = get(key);
    if (middleware === undefined) throw new PyRaise('KeyError', `django_heroku.settings() needs ${key}`, frame.file, frame.line);
    const items = middleware instanceof Unknown ? middleware : sequenceItems(middleware);
    set(key, items instanceof Unknown ? items : items ? new PyTuple([WHITENOISE_MIDDLEWARE, ...items]) : frame.unknown(`${key} is not a list`, node));
    set('STATICFILES_STORAGE', 'whitenoise.storage.CompressedManifestStaticFilesStorage');
  }
  if (allowedHosts) set('ALLOWED_HOSTS', ['*']);
  if (logging) set('LOGGING', herokuLogging());
  if (secretKey) {
    const { value, source } = readEnvSource(frame, 'SECRET_KEY', VIA, false, node);
    if (value !== undefined) set('SECRET_KEY', value, source);
  }
  return null;
}

/** DATABASES['default'] from DATABASE_URL, with SSL required and CONN_MAX_AGE (600 unless set). */
function configureDatabases(call: Call, scope: Scope, ci: boolean | Unknown): void {
  const { frame, node } = call;
  const origin = frame.origin();
  const binding = scope.bindings.get('DATABASES');
  let databases = binding?.value;
  const made: CallSource = { kind: 'call', callee: 'django_heroku.settings', ...origin, args: [] };
  if (databases === undefined) {
    databases = new PyDict(new Map([['default', null]]));
    scope.set('DATABASES', databases, origin, made);
  }
  const hasUrl = envHas(frame, 'DATABASE_URL', VIA, node);
  if (hasUrl === false) return;
  if (hasUrl instanceof Unknown || !(databases instanceof PyDict)) {
    scope.set('DATABASES', hasUrl instanceof Unknown ? hasUrl : frame.unknown('DATABASES is not a dict', node), origin);
    return;
  }
  const connMaxAge = scope.bindings.get('CONN_MAX_AGE')?.value ?? 600;
  const entry = databaseUrlConfig(call, { engine: null, connMaxAge, connHealthChecks: false, sslRequire: true, testOptions: null }, 'DATABASE_URL', null);
  const entryProvenance = ownedProvenance(frame.ev);
  // In CI it also points the test database at the same entry (a copy here: the model holds no cycles).
  if (entry instanceof PyDict && ci === true) entry.entries.set('TEST', new PyDict(new Map(entry.entries)));
  const value = ci instanceof Unknown ? ci : entry;
  databases.entries.set('default', value);
  recordItem(databases, 'default', value, entryProvenance);
  scope.set('DATABASES', databases, origin, binding?.provenance ?? made);
}

export const djangoHerokuHandlers: Record<string, CallHandler> = {
  'django_heroku.settings': settings,
};
