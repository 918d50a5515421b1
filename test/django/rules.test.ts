import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRules } from '../../src/core/engine.js';
import type { Finding } from '../../src/core/finding.js';
import { djangoRules, type CsrfViewFacts, type DjangoFacts } from '../../src/django/index.js';
import { PyPath, Unknown } from '../../src/project/python-value.js';
import { settingsView, tuple } from '../helpers/settings-view.js';
import { testRule, type Expected } from '../helpers/rule-tester.js';
import { CSRF, FILE_CACHE, SECURITY, SESSION, STRONG_KEY, XFRAME } from './names.js';

/** Settings on which no Django deployment check fires, in any covered release. */
const SOUND: Record<string, unknown> = {
  MIDDLEWARE: [SECURITY, SESSION, CSRF, XFRAME],
  INSTALLED_APPS: ['django.contrib.sessions'],
  SECRET_KEY: STRONG_KEY,
  ALLOWED_HOSTS: ['app.example.com'],
  SECURE_HSTS_SECONDS: 31536000,
  SECURE_HSTS_INCLUDE_SUBDOMAINS: true,
  SECURE_HSTS_PRELOAD: true,
  SECURE_SSL_REDIRECT: true,
  SESSION_COOKIE_SECURE: true,
  CSRF_COOKIE_SECURE: true,
  SECURE_REFERRER_POLICY: 'same-origin',
};

/** A value the evaluator could not know, placed on line 77 of the settings file. */
const unknown = (what = "reads os.environ['X'], which is not set") => new Unknown(what, 'proj/settings.py', 77);

/** Marks a setting the project does not assign, so Django's default applies. */
const ABSENT = Symbol('absent');

interface Case {
  v: string;
  /** Overrides of SOUND; ABSENT removes a setting. */
  set?: Record<string, unknown>;
  env?: Record<string, string>;
  csrfView?: CsrfViewFacts;
  /** The unknown value on line 77 is a variable read with no default and not set (codebase.required-env's fact). */
  unsetRead?: true;
  /** true: Django's own message at the check's severity; false: not reported; 'info': cannot tell. */
  fires: boolean | 'info';
  /** The reports, when more is to be said than `fires` (several reports, where they point, what they name). */
  reports?: Expected[];
}

function factsOf(c: Pick<Case, 'v' | 'set' | 'env' | 'csrfView' | 'unsetRead'>): DjangoFacts {
  const values = Object.fromEntries(Object.entries({ ...SOUND, ...c.set }).filter(([, x]) => x !== ABSENT));
  const [major, minor] = c.v.split('.').map(Number) as [number, number];
  return {
    settings: settingsView(values),
    version: { major, minor },
    env: c.env ?? {},
    ...(c.csrfView && { csrfFailureView: c.csrfView }),
    ...(c.unsetRead && { unsetRequiredReads: [{ file: 'proj/settings.py', line: 77 }] }),
  };
}

function run(c: Case): Finding[] {
  return runRules(djangoRules, factsOf(c)).findings;
}

/** `#3 on 4.1: SESSION_COOKIE_SECURE=1`, so a failing case names what it changed. */
function nameOf(c: Case, i: number): string {
  const changes = Object.entries(c.set ?? {}).map(([k, x]) => `${k}=${x === ABSENT ? '(absent)' : x instanceof Unknown ? '(unknown)' : JSON.stringify(x)?.slice(0, 60)}`);
  const env = Object.entries(c.env ?? {}).map(([k, x]) => `$${k}=${JSON.stringify(x)}`);
  const view = c.csrfView ? [`view ${c.csrfView.kind}`] : [];
  return `#${i + 1} on ${c.v}: ${[...changes, ...env, ...view].join(', ') || 'sound settings'}`;
}

const TABLE: Record<string, Case[]> = {
  'security.W001': [
    { v: '3.2', fires: false },
    { v: '3.2', set: { MIDDLEWARE: [SESSION, CSRF, XFRAME] }, fires: true },
    // Django's message follows the release: it names COOP from 4.0.
    { v: '3.2', set: { MIDDLEWARE: [] }, fires: true, reports: [{ messageId: 'django', mentions: ['SECURE_BROWSER_XSS_FILTER'], conceals: ['SECURE_CROSS_ORIGIN_OPENER_POLICY'] }] },
    { v: '4.0', set: { MIDDLEWARE: [] }, fires: true, reports: [{ messageId: 'django', mentions: ['SECURE_CROSS_ORIGIN_OPENER_POLICY'] }] },
    { v: '3.2', set: { MIDDLEWARE: ABSENT }, fires: true },
    { v: '3.2', set: { MIDDLEWARE: unknown() }, fires: 'info' },
    { v: '3.2', set: { MIDDLEWARE: [unknown(), CSRF] }, fires: 'info' },
    { v: '3.2', set: { MIDDLEWARE: [unknown(), SECURITY] }, fires: false },
  ],
  'security.W002': [
    { v: '4.2', fires: false },
    { v: '4.2', set: { MIDDLEWARE: [SECURITY, SESSION, CSRF] }, fires: true },
    { v: '4.2', set: { MIDDLEWARE: unknown() }, fires: 'info' },
  ],
  'security.W003': [
    { v: '5.0', fires: false },
    { v: '5.0', set: { MIDDLEWARE: [SECURITY, SESSION, XFRAME] }, fires: true },
    // Membership is an exact string test: a subclass path does not count.
    { v: '5.0', set: { MIDDLEWARE: [SECURITY, SESSION, XFRAME, 'myapp.middleware.CsrfViewMiddleware'] }, fires: true },
    { v: '5.0', set: { MIDDLEWARE: unknown() }, fires: 'info' },
  ],
  'security.W004': [
    { v: '3.2', fires: false },
    { v: '3.2', set: { SECURE_HSTS_SECONDS: 0 }, fires: true },
    { v: '3.2', set: { SECURE_HSTS_SECONDS: ABSENT }, fires: true },
    { v: '3.2', set: { SECURE_HSTS_SECONDS: '0' }, fires: false }, // a non-empty string is truthy
    { v: '3.2', set: { SECURE_HSTS_SECONDS: 0, MIDDLEWARE: [CSRF] }, fires: false },
    { v: '3.2', set: { SECURE_HSTS_SECONDS: unknown() }, fires: 'info' },
    { v: '3.2', set: { SECURE_HSTS_SECONDS: unknown(), MIDDLEWARE: [CSRF] }, fires: false },
  ],
  'security.W005': [
    { v: '4.0', fires: false },
    { v: '4.0', set: { SECURE_HSTS_INCLUDE_SUBDOMAINS: ABSENT }, fires: true },
    { v: '4.0', set: { SECURE_HSTS_INCLUDE_SUBDOMAINS: 1 }, fires: true }, // `is True`
    { v: '4.0', set: { SECURE_HSTS_INCLUDE_SUBDOMAINS: false, SECURE_HSTS_SECONDS: 0 }, fires: false },
    { v: '4.0', set: { SECURE_HSTS_INCLUDE_SUBDOMAINS: false, SECURE_HSTS_SECONDS: unknown() }, fires: 'info' },
  ],
  'security.W021': [
    { v: '3.0', fires: false },
    { v: '3.0', set: { SECURE_HSTS_PRELOAD: false }, fires: true },
    { v: '3.0', set: { SECURE_HSTS_PRELOAD: 'True' }, fires: true },
    { v: '3.0', set: { SECURE_HSTS_PRELOAD: false, MIDDLEWARE: [] }, fires: false },
    { v: '3.0', set: { SECURE_HSTS_PRELOAD: unknown() }, fires: 'info' },
  ],
  'security.W006': [
    { v: '3.1', fires: false },
    { v: '3.1', set: { SECURE_CONTENT_TYPE_NOSNIFF: false }, fires: true },
    { v: '3.1', set: { SECURE_CONTENT_TYPE_NOSNIFF: ABSENT }, fires: false }, // True by default since 3.0
    { v: '3.1', set: { SECURE_CONTENT_TYPE_NOSNIFF: unknown() }, fires: 'info' },
  ],
  'security.W008': [
    { v: '5.2', fires: false },
    { v: '5.2', set: { SECURE_SSL_REDIRECT: ABSENT }, fires: true },
    { v: '5.2', set: { SECURE_SSL_REDIRECT: 1 }, fires: true },
    { v: '5.2', set: { SECURE_SSL_REDIRECT: unknown() }, fires: 'info' },
  ],
  'security.W009': [
    { v: '3.2', fires: false },
    { v: '3.2', set: { SECRET_KEY: ABSENT }, fires: true },
    { v: '3.2', set: { SECRET_KEY: '' }, fires: true },
    { v: '3.2', set: { SECRET_KEY: STRONG_KEY.slice(0, 49) }, fires: true },
    { v: '3.2', set: { SECRET_KEY: 'abcd'.repeat(13) }, fires: true }, // 52 characters, 4 unique
    { v: '3.2', set: { SECRET_KEY: 'abcde'.repeat(10) }, fires: false }, // exactly 50 and 5
    // Python counts code points: 49 emoji are 98 UTF-16 units but still too short.
    { v: '3.2', set: { SECRET_KEY: '😀😁😂🤣😃'.repeat(10).slice(0, 98) }, fires: true },
    { v: '3.2', set: { SECRET_KEY: '😀😁😂🤣😃'.repeat(10) }, fires: false },
    { v: '3.1', set: { SECRET_KEY: `django-insecure-${STRONG_KEY}` }, fires: false },
    { v: '3.2', set: { SECRET_KEY: `django-insecure-${STRONG_KEY}` }, fires: true },
    { v: '6.0', set: { SECRET_KEY: `django-insecure-${STRONG_KEY}` }, fires: true },
    { v: '3.2', set: { SECRET_KEY: unknown() }, fires: 'info' },
    // SECRET_KEY = os.environ['SECRET_KEY'], not set: the app would not boot, which codebase.required-env reports (one owner).
    { v: '3.2', set: { SECRET_KEY: unknown("os.environ['SECRET_KEY'] is not set: the app would not boot") }, unsetRead: true, fires: false },
    // Django's message names the insecure prefix from 3.2.
    { v: '3.1', set: { SECRET_KEY: 'x' }, fires: true, reports: [{ messageId: 'django', conceals: ['django-insecure-'] }] },
    { v: '3.2', set: { SECRET_KEY: 'x' }, fires: true, reports: [{ messageId: 'django', mentions: ['django-insecure-'] }] },
  ],
  'security.W025': [
    { v: '4.1', fires: false },
    { v: '4.1', set: { SECRET_KEY_FALLBACKS: [STRONG_KEY, 'short'] }, fires: true },
    { v: '4.0', set: { SECRET_KEY_FALLBACKS: ['short'] }, fires: false }, // the check arrived in 4.1
    { v: '4.1', set: { SECRET_KEY_FALLBACKS: [STRONG_KEY] }, fires: false },
    { v: '4.1', set: { SECRET_KEY_FALLBACKS: [unknown()] }, fires: 'info' },
    // One report per weak fallback, naming its index.
    {
      v: '5.0',
      set: { SECRET_KEY_FALLBACKS: ['weak', STRONG_KEY, ''] },
      fires: true,
      reports: [
        { messageId: 'django', mentions: ['SECRET_KEY_FALLBACKS[0]'] },
        { messageId: 'django', mentions: ['SECRET_KEY_FALLBACKS[2]'] },
      ],
    },
  ],
  'security.W018': [
    { v: '3.2', fires: false },
    // A finding points at the setting to change.
    { v: '3.2', set: { DEBUG: true }, fires: true, reports: [{ messageId: 'django', severity: 'warning', file: 'proj/settings.py', line: Object.keys(SOUND).length + 1 }] },
    { v: '3.2', set: { DEBUG: 1 }, fires: true },
    { v: '3.2', set: { DEBUG: 'False' }, fires: true }, // a non-empty string is truthy
    { v: '3.2', set: { DEBUG: false }, fires: false },
    { v: '3.2', set: { DEBUG: unknown("os.environ['DEBUG'] is not set: the app would not boot") }, unsetRead: true, fires: false },
    // An unknown value gives an info finding at its own place, saying why.
    { v: '3.2', set: { DEBUG: unknown() }, fires: 'info', reports: [{ messageId: 'cannot-tell', severity: 'info', file: 'proj/settings.py', line: 77, mentions: ['DEBUG', "reads os.environ['X'], which is not set"] }] },
  ],
  'security.W019': [
    { v: '3.2', fires: false }, // 'DENY' by default since 3.0
    { v: '3.2', set: { X_FRAME_OPTIONS: 'SAMEORIGIN' }, fires: true },
    { v: '3.2', set: { X_FRAME_OPTIONS: 'deny' }, fires: true },
    { v: '3.2', set: { X_FRAME_OPTIONS: 'SAMEORIGIN', MIDDLEWARE: [SECURITY] }, fires: false },
    { v: '3.2', set: { X_FRAME_OPTIONS: unknown() }, fires: 'info' },
  ],
  'security.W020': [
    { v: '3.2', fires: false },
    { v: '3.2', set: { ALLOWED_HOSTS: [] }, fires: true },
    // Where Django's default applies, the finding points at line 1 of the settings file.
    { v: '3.2', set: { ALLOWED_HOSTS: ABSENT }, fires: true, reports: [{ messageId: 'django', file: 'proj/settings.py', line: 1 }] },
    { v: '3.2', set: { ALLOWED_HOSTS: unknown() }, fires: 'info' },
  ],
  'security.W022': [
    { v: '3.0', set: { SECURE_REFERRER_POLICY: ABSENT }, fires: true }, // None by default in 3.0
    { v: '3.1', set: { SECURE_REFERRER_POLICY: ABSENT }, fires: false }, // 'same-origin' since 3.1
    { v: '3.2', set: { SECURE_REFERRER_POLICY: null }, fires: true },
    { v: '3.0', set: { SECURE_REFERRER_POLICY: ABSENT, MIDDLEWARE: [] }, fires: false },
    { v: '3.2', set: { SECURE_REFERRER_POLICY: unknown() }, fires: 'info' },
  ],
  'security.E023': [
    { v: '3.2', fires: false },
    { v: '3.2', set: { SECURE_REFERRER_POLICY: 'same-origin, strict-origin-when-cross-origin' }, fires: false },
    { v: '3.2', set: { SECURE_REFERRER_POLICY: tuple('no-referrer', 'origin') }, fires: false },
    { v: '3.2', set: { SECURE_REFERRER_POLICY: [] }, fires: false },
    { v: '3.2', set: { SECURE_REFERRER_POLICY: 'same_origin' }, fires: true },
    { v: '3.2', set: { SECURE_REFERRER_POLICY: '' }, fires: true },
    { v: '3.2', set: { SECURE_REFERRER_POLICY: ['same-origin', 'bogus'] }, fires: true },
    { v: '3.2', set: { SECURE_REFERRER_POLICY: ['bogus', unknown()] }, fires: true },
    { v: '3.2', set: { SECURE_REFERRER_POLICY: ['origin', unknown()] }, fires: 'info' },
    { v: '3.2', set: { SECURE_REFERRER_POLICY: 'bogus', MIDDLEWARE: [] }, fires: false },
  ],
  'security.E024': [
    { v: '4.0', fires: false },
    { v: '4.0', set: { SECURE_CROSS_ORIGIN_OPENER_POLICY: 'same-origin-allow-popups' }, fires: false },
    { v: '4.0', set: { SECURE_CROSS_ORIGIN_OPENER_POLICY: null }, fires: false },
    { v: '4.0', set: { SECURE_CROSS_ORIGIN_OPENER_POLICY: 'same_origin' }, fires: true },
    { v: '3.2', set: { SECURE_CROSS_ORIGIN_OPENER_POLICY: 'same_origin' }, fires: false }, // new in 4.0
    { v: '4.0', set: { SECURE_CROSS_ORIGIN_OPENER_POLICY: unknown() }, fires: 'info' },
  ],
  'security.W010': [
    { v: '3.2', fires: false },
    { v: '3.2', set: { SESSION_COOKIE_SECURE: false, MIDDLEWARE: [SECURITY, CSRF, XFRAME] }, fires: true },
    { v: '3.2', set: { SESSION_COOKIE_SECURE: false }, fires: false }, // both places: W012 instead
    { v: '3.2', set: { SESSION_COOKIE_SECURE: false, MIDDLEWARE: [SECURITY, CSRF, XFRAME, unknown()] }, fires: 'info' },
  ],
  'security.W011': [
    { v: '3.2', fires: false },
    { v: '3.2', set: { SESSION_COOKIE_SECURE: ABSENT, INSTALLED_APPS: [] }, fires: true },
    { v: '3.2', set: { SESSION_COOKIE_SECURE: ABSENT }, fires: false },
    { v: '3.2', set: { SESSION_COOKIE_SECURE: false, INSTALLED_APPS: unknown() }, fires: 'info' },
  ],
  'security.W012': [
    { v: '3.2', fires: false },
    { v: '3.2', set: { SESSION_COOKIE_SECURE: ABSENT }, fires: true },
    { v: '4.0', set: { SESSION_COOKIE_SECURE: 1 }, fires: false }, // truthy was enough before 4.1
    { v: '4.1', set: { SESSION_COOKIE_SECURE: 1 }, fires: true }, // only True since 4.1
    { v: '3.2', set: { SESSION_COOKIE_SECURE: unknown() }, fires: 'info' },
  ],
  'security.W013': [
    { v: '4.2', fires: false },
    { v: '4.2', set: { SESSION_COOKIE_HTTPONLY: false, MIDDLEWARE: [SECURITY, CSRF, XFRAME] }, fires: true },
    { v: '4.2', set: { SESSION_COOKIE_HTTPONLY: unknown(), MIDDLEWARE: [SECURITY, CSRF, XFRAME] }, fires: 'info' },
  ],
  'security.W014': [
    { v: '4.2', fires: false },
    { v: '4.2', set: { SESSION_COOKIE_HTTPONLY: false, INSTALLED_APPS: [] }, fires: true },
    { v: '4.2', set: { SESSION_COOKIE_HTTPONLY: unknown(), INSTALLED_APPS: [] }, fires: 'info' },
  ],
  'security.W015': [
    { v: '4.2', fires: false }, // True by default
    { v: '4.2', set: { SESSION_COOKIE_HTTPONLY: false }, fires: true },
    { v: '4.0', set: { SESSION_COOKIE_HTTPONLY: 'yes' }, fires: false },
    { v: '4.1', set: { SESSION_COOKIE_HTTPONLY: 'yes' }, fires: true },
    { v: '4.2', set: { SESSION_COOKIE_HTTPONLY: unknown() }, fires: 'info' },
  ],
  'security.W016': [
    { v: '3.2', fires: false },
    { v: '3.2', set: { CSRF_COOKIE_SECURE: ABSENT }, fires: true },
    { v: '3.2', set: { CSRF_COOKIE_SECURE: ABSENT, CSRF_USE_SESSIONS: true }, fires: false },
    { v: '3.2', set: { CSRF_COOKIE_SECURE: ABSENT, MIDDLEWARE: [SECURITY] }, fires: false },
    { v: '4.0', set: { CSRF_COOKIE_SECURE: 1 }, fires: false },
    { v: '4.1', set: { CSRF_COOKIE_SECURE: 1 }, fires: true },
    { v: '4.1', set: { CSRF_COOKIE_SECURE: unknown() }, fires: 'info' },
  ],
  'security.E100': [
    { v: '3.1', set: { DEFAULT_HASHING_ALGORITHM: 'sha1' }, fires: false },
    { v: '3.2', set: { DEFAULT_HASHING_ALGORITHM: 'md5' }, fires: true },
    { v: '3.0', set: { DEFAULT_HASHING_ALGORITHM: 'md5' }, fires: false }, // 3.1 and 3.2 only
    { v: '4.0', set: { DEFAULT_HASHING_ALGORITHM: 'md5' }, fires: false },
    { v: '3.2', set: { DEFAULT_HASHING_ALGORITHM: unknown() }, fires: 'info' },
  ],
  'security.E101': [
    { v: '3.2', set: { CSRF_FAILURE_VIEW: 'proj.views.fail' }, csrfView: { kind: 'ok', file: 'proj/views.py', line: 3 }, fires: false },
    { v: '3.2', set: { CSRF_FAILURE_VIEW: 'proj.views.fail' }, csrfView: { kind: 'bad-signature', file: 'proj/views.py', line: 3, problem: "it has no 'reason' parameter" }, fires: true },
    { v: '3.1', set: { CSRF_FAILURE_VIEW: 'proj.views.fail' }, csrfView: { kind: 'bad-signature', file: 'proj/views.py', line: 3, problem: 'x' }, fires: false },
    { v: '3.2', set: { CSRF_FAILURE_VIEW: 'proj.views.fail' }, csrfView: { kind: 'unknown', about: 'signature', reason: 'decorated' }, fires: 'info' },
  ],
  'security.E102': [
    { v: '4.2', set: { CSRF_FAILURE_VIEW: 'proj.views.fail' }, csrfView: { kind: 'ok', file: 'proj/views.py', line: 3 }, fires: false },
    { v: '4.2', set: { CSRF_FAILURE_VIEW: 'nope' }, csrfView: { kind: 'not-importable', problem: 'not qualified', djangoCrashes: false }, fires: true },
    { v: '4.2', set: { CSRF_FAILURE_VIEW: 'shop.views.fail' }, csrfView: { kind: 'unknown', about: 'import', reason: 'outside the project' }, fires: 'info' },
    { v: '4.2', set: { CSRF_FAILURE_VIEW: unknown() }, fires: 'info' },
  ],
  'security.E026': [
    { v: '6.0', fires: false },
    { v: '6.0', set: { SECURE_CSP: { 'default-src': ["'self'"] }, SECURE_CSP_REPORT_ONLY: null }, fires: false },
    { v: '6.0', set: { SECURE_CSP: "default-src 'self'" }, fires: true },
    { v: '6.0', set: { SECURE_CSP_REPORT_ONLY: [] }, fires: true },
    { v: '5.2', set: { SECURE_CSP: "default-src 'self'" }, fires: false }, // new in 6.0
    { v: '6.0', set: { SECURE_CSP: unknown() }, fires: 'info' },
  ],
  'async.E001': [
    { v: '3.2', fires: false },
    { v: '3.2', env: { DJANGO_ALLOW_ASYNC_UNSAFE: '' }, fires: false },
    { v: '3.2', env: { DJANGO_ALLOW_ASYNC_UNSAFE: 'false' }, fires: true },
    { v: '3.0', env: { DJANGO_ALLOW_ASYNC_UNSAFE: 'true' }, fires: false }, // new in 3.1
  ],
  'caches.W002': [
    { v: '3.2', fires: false },
    { v: '3.2', set: { MEDIA_ROOT: '/srv/media', CACHES: { default: { BACKEND: FILE_CACHE, LOCATION: '/srv/media/cache' } } }, fires: true },
    { v: '3.2', set: { STATIC_ROOT: new PyPath('/srv/static'), CACHES: { default: { BACKEND: FILE_CACHE, LOCATION: '/srv/static/../static/' } } }, fires: true },
    { v: '3.2', set: { STATICFILES_DIRS: [tuple('assets', '/srv/assets')], CACHES: { default: { BACKEND: FILE_CACHE, LOCATION: '/srv' } } }, fires: true },
    { v: '3.2', set: { MEDIA_ROOT: '/srv/media', CACHES: { default: { BACKEND: FILE_CACHE, LOCATION: '/srv/media-cache' } } }, fires: false },
    { v: '3.2', set: { MEDIA_ROOT: '/srv/media', CACHES: { default: { BACKEND: 'django.core.cache.backends.locmem.LocMemCache', LOCATION: '/srv/media' } } }, fires: false },
    { v: '3.0', set: { MEDIA_ROOT: '/srv/media', CACHES: { default: { BACKEND: FILE_CACHE, LOCATION: '/srv/media' } } }, fires: false }, // new in 3.1
    { v: '3.2', set: { MEDIA_ROOT: 'media', CACHES: { default: { BACKEND: FILE_CACHE, LOCATION: 'media/cache' } } }, fires: true },
    { v: '3.2', set: { MEDIA_ROOT: 'media', CACHES: { default: { BACKEND: FILE_CACHE, LOCATION: '/srv/cache' } } }, fires: 'info' },
    { v: '3.2', set: { MEDIA_ROOT: '/srv/media', CACHES: { default: { BACKEND: 'thirdparty.DiskCache', LOCATION: '/srv/media' } } }, fires: 'info' },
    { v: '3.2', set: { MEDIA_ROOT: unknown(), CACHES: { default: { BACKEND: FILE_CACHE, LOCATION: '/srv/cache' } } }, fires: 'info' },
    // The report says how the cache relates to the served folder.
    { v: '4.2', set: { MEDIA_ROOT: '/srv/media', CACHES: { default: { BACKEND: FILE_CACHE, LOCATION: '/srv/media/' } } }, fires: true, reports: [{ messageId: 'django', mentions: ['LOCATION matches MEDIA_ROOT'] }] },
    { v: '4.2', set: { MEDIA_ROOT: '/srv/media', CACHES: { default: { BACKEND: FILE_CACHE, LOCATION: '/srv/media/c' } } }, fires: true, reports: [{ messageId: 'django', mentions: ['LOCATION is inside MEDIA_ROOT'] }] },
    { v: '4.2', set: { MEDIA_ROOT: '/srv/media', CACHES: { default: { BACKEND: FILE_CACHE, LOCATION: '/srv' } } }, fires: true, reports: [{ messageId: 'django', mentions: ['LOCATION contains MEDIA_ROOT'] }] },
  ],
};

for (const rule of djangoRules) {
  const cases = TABLE[rule.meta.id] ?? [];
  const named = cases.map((c, i) => ({ c, name: nameOf(c, i) }));
  testRule(rule, {
    pass: named.filter(({ c }) => c.fires === false).map(({ c, name }) => ({ name, facts: factsOf(c) })),
    fail: named
      .filter(({ c }) => c.fires !== false)
      .map(({ c, name }) => ({
        name,
        facts: factsOf(c),
        reports: c.reports ?? [c.fires === true ? { messageId: 'django', severity: rule.meta.severity } : { messageId: 'cannot-tell', severity: 'info' }],
      })),
    // Older releases are skipped, not judged by newer rules.
    skip: [{ name: 'Django 2.2, older than implanta covers', facts: factsOf({ v: '2.2' }), reason: /Django 2\.2 is older than 3\.0/ }],
  });
}

test('sound settings raise nothing in any covered release', () => {
  for (const v of ['3.0', '3.1', '3.2', '4.0', '4.1', '4.2', '5.0', '5.1', '5.2', '6.0', '6.1']) {
    assert.deepEqual(run({ v, fires: false }), [], v);
  }
});

test('secret values never appear in any Django rule’s report', () => {
  const key = 'django-insecure-canary-value-that-must-not-leak-0123456789';
  const findings = run({ v: '4.1', set: { SECRET_KEY: key, SECRET_KEY_FALLBACKS: ['canary-fallback'] }, env: { DJANGO_ALLOW_ASYNC_UNSAFE: 'canary-env' }, fires: true });
  assert.ok(findings.length >= 3);
  for (const f of findings) assert.ok(!/canary/.test(`${f.message} ${f.hint}`), f.message);
});

test('a custom CSRF failure view that was not inspected is skipped, not passed', () => {
  const { skipped } = runRules(djangoRules, factsOf({ v: '3.2', set: { CSRF_FAILURE_VIEW: 'proj.views.fail' } }));
  assert.deepEqual(skipped.map((s) => s.rule).sort(), ['security.E101', 'security.E102']);
});
