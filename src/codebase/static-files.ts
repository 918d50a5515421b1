import type { Report, Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { PyDict, sequenceItems, truthy, Unknown, type PyValue } from '../project/python-value.js';
import type { DjangoVersion, ProjectFacts } from '../project/types.js';
import { atLeast } from './checklist/facts.js';
import type { Binding, SettingsView } from '../project/settings/types.js';
import { cannotTell, devCenter, NO_SETTINGS, placeOf, settingsOf } from './support.js';

const WHITENOISE = 'whitenoise.middleware.WhiteNoiseMiddleware';
const SECURITY = 'django.middleware.security.SecurityMiddleware';

/**
 * The staticfiles storage backend: STORAGES['staticfiles']['BACKEND'] (4.2+) or STATICFILES_STORAGE,
 * which Django 5.1 removed: set there, it is ignored (see ignoredStorage).
 */
export function staticStorage(settings: SettingsView, django?: DjangoVersion): PyValue | undefined {
  const storages = settings.get('STORAGES')?.value;
  const entry = storages instanceof PyDict ? storages.get('staticfiles') : undefined;
  if (entry instanceof PyDict) return entry.get('BACKEND');
  if (django && atLeast(django, 5, 1)) return undefined;
  return settings.get('STATICFILES_STORAGE')?.value;
}

/** STATICFILES_STORAGE set on Django 5.1+, with no STORAGES['staticfiles'] to take its place. */
function ignoredStorage(settings: SettingsView, django: DjangoVersion | undefined): Binding | undefined {
  const legacy = settings.get('STATICFILES_STORAGE');
  if (!django || !atLeast(django, 5, 1) || typeof legacy?.value !== 'string') return undefined;
  return staticStorage(settings, django) === undefined ? legacy : undefined;
}

/**
 * The storage uploads to a service (django-storages, cloudinary_storage, or the project's own subclass of
 * one): collectstatic then needs no STATIC_ROOT, and the service serves the files.
 */
function storedRemotely(settings: SettingsView, facts: ProjectFacts): boolean {
  const storage = staticStorage(settings, facts.django);
  return (typeof storage === 'string' && /^(storages|cloudinary_storage)\./.test(storage)) || facts.staticServing?.projectStorage?.stores === 'remote';
}

/** Another way to serve static files: a storage service, or a STATIC_URL on a CDN. */
function servedElsewhere(settings: SettingsView, facts: ProjectFacts): boolean {
  const url = settings.get('STATIC_URL')?.value;
  return storedRemotely(settings, facts) || (typeof url === 'string' && /^(https?:)?\/\//.test(url));
}

/** MIDDLEWARE, or MIDDLEWARE_CLASSES before Django 1.10 (projects of that age still run on Heroku). */
function middlewareBinding(settings: SettingsView): Binding | undefined {
  return settings.get('MIDDLEWARE') ?? settings.get('MIDDLEWARE_CLASSES');
}

/** The middleware entries as far as they are known, for the facts that read the project's own classes. */
export function middlewareOf(settings: SettingsView): unknown[] {
  const binding = middlewareBinding(settings);
  return (binding && sequenceItems(binding.value)) ?? [];
}

/**
 * codebase.static-files: collectstatic has a STATIC_ROOT to fill, and something serves it. With
 * DEBUG off Django serves no static files and Heroku has no web server in front of the app, so
 * WhiteNoise (right after SecurityMiddleware, so redirects and headers apply first) or a storage
 * service must.
 */
export const staticFilesRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.static-files',
  area: 'codebase',
  severity: 'error',
  title: 'Static files are collected and served',
  docs: devCenter('django-assets'),
  explain: {
    checks: "Whether STATIC_ROOT is set, and something serves the collected files (WhiteNoise placed right after SecurityMiddleware); on Django 5.1+, whether the storage is still set with STATICFILES_STORAGE, which Django no longer reads.",
    why: "Without STATIC_ROOT the build's collectstatic fails; without WhiteNoise, CSS and JavaScript 404 with DEBUG off because Heroku puts no web server in front of the app.",
    example: "STATIC_URL = '/static/' and no STATIC_ROOT",
    fix: "STATIC_ROOT = BASE_DIR / 'staticfiles', and 'whitenoise.middleware.WhiteNoiseMiddleware' after SecurityMiddleware.",
  },
  messages: { 'ignored-storage': 'STATICFILES_STORAGE is set, but Django 5.1 removed it (warning)', 'no-static-root': "STATIC_ROOT is not set", 'nothing-serves': "nothing serves static files (warning)", 'whitenoise-position': "WhiteNoiseMiddleware is too low in MIDDLEWARE (warning)", 'cannot-tell': 'the value depends on something the static evaluation could not know (info)' },
  check(facts: ProjectFacts) {
    const settings = settingsOf(facts);
    if (!settings) return NO_SETTINGS;
    const reports: Report[] = [];
    const root = settings.get('STATIC_ROOT');
    const own = facts.staticServing?.projectStorage;
    if (root?.value instanceof Unknown) reports.push(cannotTell('whether STATIC_ROOT is set', root.value, root));
    else if ((!root || truthy(root.value) === false) && storedRemotely(settings, facts)) {
      // A storage service's backend takes the files: STATIC_ROOT is only the local storages' folder.
    } else if ((!root || truthy(root.value) === false) && own?.stores === 'unknown') {
      const why = new Unknown(`the staticfiles storage is the project's own ${own.dotted}, and its base classes do not show whether it writes into STATIC_ROOT`, own.file, own.line);
      reports.push(cannotTell('whether collectstatic needs STATIC_ROOT', why, root));
    } else if (!root || truthy(root.value) === false) {
      reports.push({
        messageId: 'no-static-root', message: "STATIC_ROOT is not set: the buildpack's collectstatic fails with ImproperlyConfigured and the build stops",
        hint: "Set STATIC_ROOT = BASE_DIR / 'staticfiles'.",
        ...placeOf(settings, root),
      });
    }
    const ignored = ignoredStorage(settings, facts.django);
    if (ignored) {
      // django/djangosnippets.org: WhiteNoise's CompressedManifestStaticFilesStorage there, on Django 5.2.
      reports.push({
        severity: 'warning',
        messageId: 'ignored-storage', message: `STATICFILES_STORAGE is ${ignored.value}, but Django ${facts.django!.major}.${facts.django!.minor} no longer reads that setting (removed in 5.1): collectstatic uses the plain StaticFilesStorage, without that storage's compression or hashed file names`,
        hint: `Set STORAGES = {'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'}, 'staticfiles': {'BACKEND': '${ignored.value}'}} and delete STATICFILES_STORAGE.`,
        ...placeOf(settings, ignored),
      });
    }
    const middleware = middlewareBinding(settings);
    if (middleware?.value instanceof Unknown) return [...reports, cannotTell('whether WhiteNoise serves static files', middleware.value, middleware)];
    // Django's default MIDDLEWARE is empty.
    const items = middleware ? sequenceItems(middleware.value) : [];
    if (!items) return reports;
    const subclasses = new Set(facts.staticServing?.whitenoiseSubclasses ?? []);
    const whitenoise = items.findIndex((i) => i === WHITENOISE || (typeof i === 'string' && subclasses.has(i)));
    const security = items.indexOf(SECURITY);
    if (whitenoise < 0) {
      // wsgi.py can serve them instead: WhiteNoise's WSGI wrapper (DjangoWhiteNoise before 4.0), or dj-static's Cling.
      if (servedElsewhere(settings, facts) || facts.staticServing?.wsgiWrappers.length) return reports;
      const unknown = items.find((i): i is Unknown => i instanceof Unknown);
      if (unknown) return [...reports, cannotTell('whether WhiteNoise serves static files', unknown, middleware)];
      reports.push({
        severity: 'warning',
        messageId: 'nothing-serves', message: 'nothing serves the static files: with DEBUG off Django does not, and Heroku puts no web server in front of the app, so CSS, JavaScript and images would 404',
        hint: `Install whitenoise and add '${WHITENOISE}' to MIDDLEWARE right after '${SECURITY}' (or store them with django-storages).`,
        ...placeOf(settings, middleware),
      });
    } else if (whitenoise > (security < 0 ? 0 : security + 1)) {
      // Above SecurityMiddleware is fine too (django-heroku puts it first): nothing runs before it.
      reports.push({
        severity: 'warning',
        messageId: 'whitenoise-position', message: `WhiteNoiseMiddleware is at position ${whitenoise + 1} of MIDDLEWARE: it must come ${security < 0 ? 'first' : 'directly after SecurityMiddleware'}, or the middleware above it runs (and may fail or redirect) for every static file`,
        hint: `Move '${WHITENOISE}' to directly after '${SECURITY}'.`,
        ...placeOf(settings, middleware),
      });
    }
    return reports;
  },
});
