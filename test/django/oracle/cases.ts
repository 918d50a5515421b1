import { PyPath, PySet } from '../../../src/project/python-value.js';
import { tuple } from '../../helpers/settings-view.js';
import { COMMON, CSRF, FILE_CACHE, LOCMEM, SECURITY, SESSION, STRONG_KEY, XFRAME } from '../names.js';

/** Removes a setting from the base, so Django's default applies. */
export const ABSENT = Symbol('absent');

export interface OracleCase {
  name: string;
  /** Overrides of BASE; ABSENT removes a setting. */
  set: Record<string, unknown>;
  env?: Record<string, string>;
  /** Django 3.2's check crashes here instead of reporting (it raises this exception). */
  djangoCrashes?: string;
}

/** A project on which `check --deploy` of Django 3.2 reports nothing at all. */
export const BASE: Record<string, unknown> = {
  SECRET_KEY: STRONG_KEY,
  DEBUG: false,
  ALLOWED_HOSTS: ['app.example.com'],
  INSTALLED_APPS: ['django.contrib.sessions'],
  MIDDLEWARE: [SECURITY, SESSION, COMMON, CSRF, XFRAME],
  ROOT_URLCONF: 'proj.urls',
  DATABASES: {},
  SECURE_HSTS_SECONDS: 31536000,
  SECURE_HSTS_INCLUDE_SUBDOMAINS: true,
  SECURE_HSTS_PRELOAD: true,
  SECURE_SSL_REDIRECT: true,
  SESSION_COOKIE_SECURE: true,
  CSRF_COOKIE_SECURE: true,
};

const one = (name: string, set: Record<string, unknown>, extra: Partial<OracleCase> = {}): OracleCase => ({ name, set, ...extra });

/** Each value of one setting, one case per value. */
function values(setting: string, list: unknown[]): OracleCase[] {
  return list.map((v) => one(`${setting}=${typeof v === 'symbol' ? 'absent' : String(v instanceof Object ? JSON.stringify(v) : v)}`, { [setting]: v }));
}

const without = (...gone: string[]) => [SECURITY, SESSION, COMMON, CSRF, XFRAME].filter((m) => !gone.includes(m));

function secretKeys(): OracleCase[] {
  return [
    one('SECRET_KEY absent', { SECRET_KEY: ABSENT }),
    one('SECRET_KEY empty', { SECRET_KEY: '' }),
    one('SECRET_KEY short', { SECRET_KEY: 'abc' }),
    one('SECRET_KEY 49 characters', { SECRET_KEY: STRONG_KEY.slice(0, 49) }),
    one('SECRET_KEY 50 characters', { SECRET_KEY: STRONG_KEY.slice(0, 50) }),
    one('SECRET_KEY 4 unique characters', { SECRET_KEY: 'abcd'.repeat(20) }),
    one('SECRET_KEY 5 unique characters', { SECRET_KEY: 'abcde'.repeat(10) }),
    one('SECRET_KEY django-insecure- prefix', { SECRET_KEY: `django-insecure-${STRONG_KEY}` }),
    one('SECRET_KEY Django-Insecure- prefix', { SECRET_KEY: `Django-Insecure-${STRONG_KEY}` }),
    one('SECRET_KEY 49 emoji', { SECRET_KEY: '😀😁😂🤣😃'.repeat(10).slice(0, 98) }),
    one('SECRET_KEY 50 emoji', { SECRET_KEY: '😀😁😂🤣😃'.repeat(10) }),
    one('SECRET_KEY accented 50', { SECRET_KEY: 'éàüøç'.repeat(10) }),
    one('SECRET_KEY None', { SECRET_KEY: null }),
  ];
}

function middleware(): OracleCase[] {
  return [
    one('MIDDLEWARE empty', { MIDDLEWARE: [] }),
    one('MIDDLEWARE absent', { MIDDLEWARE: ABSENT }),
    one('MIDDLEWARE tuple', { MIDDLEWARE: tuple(...without()) }),
    one('MIDDLEWARE without SecurityMiddleware', { MIDDLEWARE: without(SECURITY) }),
    one('MIDDLEWARE without SessionMiddleware', { MIDDLEWARE: without(SESSION) }),
    one('MIDDLEWARE without CsrfViewMiddleware', { MIDDLEWARE: without(CSRF) }),
    one('MIDDLEWARE without XFrameOptionsMiddleware', { MIDDLEWARE: without(XFRAME) }),
    one('MIDDLEWARE only security', { MIDDLEWARE: [SECURITY] }),
    one('MIDDLEWARE security path misspelt', { MIDDLEWARE: [...without(SECURITY), 'django.middleware.security.securitymiddleware'] }),
    one('INSTALLED_APPS without sessions', { INSTALLED_APPS: [] }),
    one('INSTALLED_APPS and MIDDLEWARE without sessions', { INSTALLED_APPS: [], MIDDLEWARE: without(SESSION) }),
  ];
}

/** Each cookie flag against each place sessions can be switched on. */
function cookies(): OracleCase[] {
  const places: [string, Record<string, unknown>][] = [
    ['app and middleware', {}],
    ['app only', { MIDDLEWARE: without(SESSION) }],
    ['middleware only', { INSTALLED_APPS: [] }],
    ['neither', { INSTALLED_APPS: [], MIDDLEWARE: without(SESSION) }],
  ];
  const cases: OracleCase[] = [];
  for (const [setting, bad] of [['SESSION_COOKIE_SECURE', false], ['SESSION_COOKIE_HTTPONLY', false]] as const) {
    for (const [where, set] of places) cases.push(one(`${setting}=False, sessions in ${where}`, { ...set, [setting]: bad }));
  }
  cases.push(
    ...values('SESSION_COOKIE_SECURE', [ABSENT, 1, 0, 'yes', '', null]),
    ...values('SESSION_COOKIE_HTTPONLY', [ABSENT, 1, 0, 'no', null]),
    ...values('CSRF_COOKIE_SECURE', [ABSENT, false, 1, 'on', null]),
    one('CSRF_COOKIE_SECURE=False with CSRF_USE_SESSIONS', { CSRF_COOKIE_SECURE: false, CSRF_USE_SESSIONS: true }),
    one('CSRF_COOKIE_SECURE=False with CSRF_USE_SESSIONS=0', { CSRF_COOKIE_SECURE: false, CSRF_USE_SESSIONS: 0 }),
    one('CSRF_COOKIE_SECURE=False without CSRF middleware', { CSRF_COOKIE_SECURE: false, MIDDLEWARE: without(CSRF) }),
  );
  return cases;
}

function hsts(): OracleCase[] {
  return [
    ...values('SECURE_HSTS_SECONDS', [ABSENT, 0, '0', 1, null, '']),
    ...values('SECURE_HSTS_INCLUDE_SUBDOMAINS', [ABSENT, false, 1, 'True']),
    ...values('SECURE_HSTS_PRELOAD', [ABSENT, false, 1]),
    one('HSTS off with subdomains and preload off', { SECURE_HSTS_SECONDS: 0, SECURE_HSTS_INCLUDE_SUBDOMAINS: false, SECURE_HSTS_PRELOAD: false }),
    one('HSTS off without SecurityMiddleware', { SECURE_HSTS_SECONDS: 0, MIDDLEWARE: without(SECURITY) }),
    one('HSTS flags off without SecurityMiddleware', { SECURE_HSTS_INCLUDE_SUBDOMAINS: false, SECURE_HSTS_PRELOAD: false, MIDDLEWARE: [] }),
  ];
}

function headers(): OracleCase[] {
  return [
    ...values('SECURE_CONTENT_TYPE_NOSNIFF', [ABSENT, false, 1, true]),
    ...values('SECURE_SSL_REDIRECT', [ABSENT, false, 1, 'True']),
    one('SSL redirect off without SecurityMiddleware', { SECURE_SSL_REDIRECT: false, MIDDLEWARE: without(SECURITY) }),
    ...values('X_FRAME_OPTIONS', [ABSENT, 'DENY', 'SAMEORIGIN', 'deny', null]),
    one('X_FRAME_OPTIONS=SAMEORIGIN without XFrameOptionsMiddleware', { X_FRAME_OPTIONS: 'SAMEORIGIN', MIDDLEWARE: without(XFRAME) }),
    ...values('SECURE_REFERRER_POLICY', [
      ABSENT,
      null,
      'no-referrer',
      'no-referrer-when-downgrade',
      'origin',
      'origin-when-cross-origin',
      'same-origin',
      'strict-origin',
      'strict-origin-when-cross-origin',
      'unsafe-url',
      'same-origin, strict-origin',
      ' origin ,no-referrer ',
      'same-origin,,',
      'bogus',
      '',
      'Same-Origin',
      ['origin', 'no-referrer'],
      ['origin', 'bogus'],
      [],
      tuple('no-referrer'),
      new PySet(['origin', 'same-origin']),
    ]),
    one('SECURE_REFERRER_POLICY=bogus without SecurityMiddleware', { SECURE_REFERRER_POLICY: 'bogus', MIDDLEWARE: without(SECURITY) }),
    one('SECURE_REFERRER_POLICY=None without SecurityMiddleware', { SECURE_REFERRER_POLICY: null, MIDDLEWARE: without(SECURITY) }),
    one('SECURE_CROSS_ORIGIN_OPENER_POLICY=bogus (not checked before 4.0)', { SECURE_CROSS_ORIGIN_OPENER_POLICY: 'bogus' }),
  ];
}

function basics(): OracleCase[] {
  return [
    ...values('DEBUG', [true, 1, 0, 'False', '', null, ABSENT]),
    ...values('ALLOWED_HOSTS', [[], ABSENT, ['*'], tuple(), tuple('a.example.com'), '']),
    ...values('DEFAULT_HASHING_ALGORITHM', ['sha1', 'sha256', 'md5', 'SHA256', ABSENT]),
    ...values('SECRET_KEY_FALLBACKS', [['short']]), // not checked before 4.1
  ];
}

/** Views in the generated project come from the csrf-views fixture. */
function csrfViews(): OracleCase[] {
  const view = (path: string, djangoCrashes?: string) => one(`CSRF_FAILURE_VIEW=${path}`, { CSRF_FAILURE_VIEW: path }, djangoCrashes ? { djangoCrashes } : {});
  return [
    ...[
      'good',
      'positional',
      'keyword_only',
      'catch_all_keywords',
      'catch_all',
      'annotated',
      'async_view',
      'decorated_by_django',
      'redefined',
      'no_reason',
      'needs_extra',
      'reason_first',
      'takes_nothing',
      'positional_only_reason',
      'decorated_by_django_alias',
    ].map((name) => view(`proj.views.${name}`)),
    view('proj.pkg.package_view'),
    view('noDot'),
    view('proj.a.b.view'),
    view('django.views.csrf.csrf_failure'),
    view('proj.views.missing', 'ViewDoesNotExist'),
    view('proj.nomod.view', 'ViewDoesNotExist'),
    view('proj.nsdir.view', 'ViewDoesNotExist'),
  ];
}

function caches(): OracleCase[] {
  const file = (location: unknown) => ({ default: { BACKEND: FILE_CACHE, LOCATION: location } });
  return [
    one('file cache inside MEDIA_ROOT', { MEDIA_ROOT: '/srv/app/media', CACHES: file('/srv/app/media/cache') }),
    one('file cache matches MEDIA_ROOT', { MEDIA_ROOT: '/srv/app/media', CACHES: file('/srv/app/media/') }),
    one('file cache contains MEDIA_ROOT', { MEDIA_ROOT: '/srv/app/media', CACHES: file('/srv/app') }),
    one('file cache beside MEDIA_ROOT', { MEDIA_ROOT: '/srv/app/media', CACHES: file('/srv/app/media-cache') }),
    one('file cache inside STATIC_ROOT', { STATIC_ROOT: '/srv/app/static', CACHES: file('/srv/app/static/c') }),
    one('file cache matches STATIC_ROOT via ..', { STATIC_ROOT: '/srv/app/static', CACHES: file('/srv/app/x/../static') }),
    one('file cache outside STATIC_ROOT', { STATIC_ROOT: '/srv/app/static', CACHES: file('/var/cache/app') }),
    one('file cache in a STATICFILES_DIRS entry', { STATICFILES_DIRS: ['/srv/app/assets'], CACHES: file('/srv/app/assets/cache') }),
    one('file cache in a prefixed STATICFILES_DIRS entry', { STATICFILES_DIRS: [tuple('vendor', '/srv/app/vendor')], CACHES: file('/srv/app/vendor') }),
    one('file cache containing STATICFILES_DIRS', { STATICFILES_DIRS: ['/srv/app/assets', '/srv/other'], CACHES: file('/srv') }),
    one('file cache with pathlib paths', { MEDIA_ROOT: new PyPath('/srv/app/media'), CACHES: file(new PyPath('/srv/app/media/c')) }),
    one('file cache and an empty MEDIA_ROOT', { MEDIA_ROOT: '', CACHES: file('/srv/app/media') }),
    one('locmem cache at MEDIA_ROOT', { MEDIA_ROOT: '/srv/app/media', CACHES: { default: { BACKEND: LOCMEM, LOCATION: '/srv/app/media' } } }),
    one('second alias is the file cache', {
      MEDIA_ROOT: '/srv/app/media',
      STATIC_ROOT: '/srv/app/static',
      CACHES: { default: { BACKEND: LOCMEM }, files: { BACKEND: FILE_CACHE, LOCATION: '/srv/app/static/files' } },
    }),
  ];
}

function environment(): OracleCase[] {
  return [
    one('DJANGO_ALLOW_ASYNC_UNSAFE=true', {}, { env: { DJANGO_ALLOW_ASYNC_UNSAFE: 'true' } }),
    one('DJANGO_ALLOW_ASYNC_UNSAFE=0', {}, { env: { DJANGO_ALLOW_ASYNC_UNSAFE: '0' } }),
    one('DJANGO_ALLOW_ASYNC_UNSAFE empty', {}, { env: { DJANGO_ALLOW_ASYNC_UNSAFE: '' } }),
  ];
}

function silenced(): OracleCase[] {
  return [
    one('silenced W004', { SECURE_HSTS_SECONDS: 0, SILENCED_SYSTEM_CHECKS: ['security.W004'] }),
    one('silenced W012 while W016 fires', { SESSION_COOKIE_SECURE: false, CSRF_COOKIE_SECURE: false, SILENCED_SYSTEM_CHECKS: ['security.W012'] }),
    one('silenced error E100', { DEFAULT_HASHING_ALGORITHM: 'md5', SILENCED_SYSTEM_CHECKS: ['security.E100'] }),
    one('silenced E101', { CSRF_FAILURE_VIEW: 'proj.views.no_reason', SILENCED_SYSTEM_CHECKS: ['security.E101'] }),
    one('silenced something else', { DEBUG: true, SILENCED_SYSTEM_CHECKS: ['security.W004', 'caches.W002'] }),
    one('silenced everything that fires', { MIDDLEWARE: [], DEBUG: true, SILENCED_SYSTEM_CHECKS: ['security.W001', 'security.W002', 'security.W003', 'security.W018'] }),
  ];
}

/** Whole projects as people write them, and pairs of failures that interact. */
function combinations(): OracleCase[] {
  const startproject = {
    SECRET_KEY: `django-insecure-${STRONG_KEY}`,
    DEBUG: true,
    ALLOWED_HOSTS: [],
    SECURE_HSTS_SECONDS: ABSENT,
    SECURE_HSTS_INCLUDE_SUBDOMAINS: ABSENT,
    SECURE_HSTS_PRELOAD: ABSENT,
    SECURE_SSL_REDIRECT: ABSENT,
    SESSION_COOKIE_SECURE: ABSENT,
    CSRF_COOKIE_SECURE: ABSENT,
  };
  const cases = [
    one('a fresh startproject', startproject),
    one('a fresh startproject without middleware', { ...startproject, MIDDLEWARE: [] }),
    one('nothing set but the URLconf', Object.fromEntries(Object.keys(BASE).filter((k) => k !== 'ROOT_URLCONF').map((k) => [k, ABSENT]))),
  ];
  const debugs = [true, false];
  const keys = [STRONG_KEY, 'short', ABSENT];
  const stacks: [string, unknown[]][] = [
    ['full', without()],
    ['no security', without(SECURITY)],
    ['bare', []],
  ];
  for (const debug of debugs) {
    for (const key of keys) {
      for (const [stack, mw] of stacks) {
        cases.push(one(`DEBUG=${debug}, key ${typeof key === 'symbol' ? 'absent' : key.length}, ${stack} middleware`, { DEBUG: debug, SECRET_KEY: key, MIDDLEWARE: mw, SECURE_HSTS_SECONDS: 0 }));
      }
    }
  }
  return cases;
}

export function oracleCases(): OracleCase[] {
  return [
    one('the sound base', {}),
    ...secretKeys(),
    ...middleware(),
    ...cookies(),
    ...hsts(),
    ...headers(),
    ...basics(),
    ...csrfViews(),
    ...caches(),
    ...environment(),
    ...silenced(),
    ...combinations(),
  ];
}

/** The settings of a case: BASE with its overrides, absent ones removed. */
export function caseSettings(c: OracleCase): Record<string, unknown> {
  return Object.fromEntries(Object.entries({ ...BASE, ...c.set }).filter(([, v]) => v !== ABSENT));
}
