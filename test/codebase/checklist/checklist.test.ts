import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cachesRule } from '../../../src/codebase/checklist/caches.js';
import { emailRule } from '../../../src/codebase/checklist/email.js';
import { errorPagesRule } from '../../../src/codebase/checklist/error-pages.js';
import { errorReportingRule } from '../../../src/codebase/checklist/error-reporting.js';
import { logFilesRule } from '../../../src/codebase/checklist/log-files.js';
import { mediaFilesRule } from '../../../src/codebase/checklist/media-files.js';
import { secretKeyFallbacksRule } from '../../../src/codebase/checklist/secret-key-fallbacks.js';
import { databaseConnectionsRule } from '../../../src/codebase/database.js';
import { testRule } from '../../helpers/rule-tester.js';
import { checklistFacts, checkProject, projectCheckFacts, verdicts } from './project.js';

// A value the evaluation cannot know is written as a call to an undefined function: an unset required
// variable is codebase.required-env's finding, and the checklist rules leave it (test/check/one-owner.test.ts).
/**
 * The deployment-checklist rules, each case a small project written to disk and read by the real
 * gatherers (files, static settings evaluation, models/views/URLconf), as `implanta check` reads it.
 * BASE_SETTINGS is 14 lines: what a case appends starts at line 15 of site_app/settings.py.
 */
const SETTINGS = 'site_app/settings.py';
const UPLOAD_MODEL = 'from django.db import models\n\nclass Product(models.Model):\n    name = models.CharField(max_length=100)\n    photo = models.ImageField(upload_to="products/")\n';
const S3_STORAGES = "\nSTORAGES = {'default': {'BACKEND': 'storages.backends.s3.S3Storage'}, 'staticfiles': {'BACKEND': 'whitenoise.storage.CompressedManifestStaticFilesStorage'}}\n";
const LEGACY_S3 = "\nDEFAULT_FILE_STORAGE = 'storages.backends.s3boto3.S3Boto3Storage'\n";
const MEDIA_STATIC_URLS = 'from django.conf import settings\nfrom django.conf.urls.static import static\nfrom django.urls import path\n\nurlpatterns = [] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)\n';
const DEV_ONLY_URLS = 'from django.conf import settings\nfrom django.conf.urls.static import static\nurlpatterns = []\nif settings.DEBUG:\n    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)\n';
const MIGRATION_ONLY = { 'shop/migrations/__init__.py': '', 'shop/migrations/0002_old.py': 'from django.db import migrations, models\nclass Migration(migrations.Migration):\n    operations = [migrations.AddField("product", "doc", models.FileField())]\n' };

testRule(mediaFilesRule, {
  pass: [
    { name: 'uploads to S3 through STORAGES (4.2+)', facts: await checklistFacts({ files: { 'shop/models.py': UPLOAD_MODEL }, settings: S3_STORAGES }) },
    { name: 'uploads to S3 through DEFAULT_FILE_STORAGE on 3.2', facts: await checklistFacts({ files: { 'shop/models.py': UPLOAD_MODEL }, settings: LEGACY_S3, django: '3.2.25' }) },
    { name: 'no upload field and no MEDIA_ROOT', facts: await checklistFacts({}) },
    { name: 'a FileField only in a migration is not a model field', facts: await checklistFacts({ files: MIGRATION_ONLY }) },
    { name: 'static(settings.MEDIA_URL) with DEBUG on', facts: await checklistFacts({ files: { 'site_app/urls.py': MEDIA_STATIC_URLS }, settings: 'DEBUG = True\n' }) },
    // Meant for the development server only, or media served from object storage: nothing is lost.
    { name: 'static(settings.MEDIA_URL) under `if settings.DEBUG:`', facts: await checklistFacts({ files: { 'site_app/urls.py': DEV_ONLY_URLS } }) },
    { name: 'static(settings.MEDIA_URL) with media on S3', facts: await checklistFacts({ files: { 'site_app/urls.py': MEDIA_STATIC_URLS }, settings: S3_STORAGES }) },
  ],
  fail: [
    {
      name: 'upload fields with the local filesystem storage: an error at the field, naming it',
      facts: await checklistFacts({ files: { 'shop/models.py': UPLOAD_MODEL } }),
      reports: [{ messageId: 'uploads-on-dyno', severity: 'error', file: 'shop/models.py', line: 5, mentions: ['Product.ImageField', 'django-storages'] }],
    },
    // Django 5.1 removed DEFAULT_FILE_STORAGE: alone, it is ignored.
    { name: 'DEFAULT_FILE_STORAGE alone on 5.2', facts: await checklistFacts({ files: { 'shop/models.py': UPLOAD_MODEL }, settings: LEGACY_S3, django: '5.2' }), reports: ['uploads-on-dyno'] },
    { name: 'MEDIA_ROOT with no upload field', facts: await checklistFacts({ settings: "MEDIA_ROOT = BASE_DIR / 'media'\nMEDIA_URL = '/media/'\n" }), reports: [{ messageId: 'media-root-on-dyno', severity: 'warning', file: SETTINGS, line: 15 }] },
    {
      name: 'static(settings.MEDIA_URL) in the URLconf serves nothing with DEBUG off',
      facts: await checklistFacts({ files: { 'site_app/urls.py': MEDIA_STATIC_URLS } }),
      reports: [{ messageId: 'static-helper-serves-nothing', severity: 'warning', file: 'site_app/urls.py', line: 5 }],
    },
    {
      name: 'upload fields and a storage the evaluation cannot know',
      facts: await checklistFacts({ files: { 'shop/models.py': UPLOAD_MODEL }, settings: "STORAGES = {'default': {'BACKEND': storage_backend()}}\n" }),
      reports: [{ messageId: 'cannot-tell', severity: 'info' }],
    },
  ],
});

test("the premise of static-helper-serves-nothing, from Django itself: with DEBUG False, static() returns no patterns", () => {
  const patterns = execFileSync('/usr/bin/python3', ['-c', "from django.conf import settings; settings.configure(DEBUG=False); from django.conf.urls.static import static; print(len(static('/media/', document_root='/tmp')))"], { encoding: 'utf8' });
  assert.equal(patterns.trim(), '0');
});

const NO_HOST = { env: { EMAIL_HOST: '' } };
const CONTACT_VIEW = { 'shop/views.py': 'from django.core.mail import send_mail\n\ndef contact(request):\n    send_mail("hi", "body", None, ["a@example.org"])\n' };

testRule(emailRule, {
  pass: [
    { name: 'no mail server, and nothing sends mail', facts: await checklistFacts({ ...NO_HOST, settings: 'ADMINS = []\n' }) },
    // A mail add-on's config vars mean there is somewhere to send through.
    { name: 'a mail add-on’s config vars', facts: await checklistFacts({ env: { EMAIL_HOST: '', SENDGRID_API_KEY: 'SG.xxxxxxxxxxxxxxxxxxxxxx' }, settings: "DEFAULT_FROM_EMAIL = 'a@example.org'\n" }) },
    // SERVER_EMAIL only sends the error mails to ADMINS and MANAGERS: with neither, nothing leaves from it.
    { name: 'SERVER_EMAIL left at root@localhost with no ADMINS nor MANAGERS', facts: await checklistFacts({ env: { EMAIL_HOST: 'smtp.example.org' }, settings: "ADMINS = []\ndel SERVER_EMAIL\nINSTALLED_APPS += ['allauth']\n" }) },
  ],
  fail: [
    { name: 'ADMINS to mail and no mail server', facts: await checklistFacts(NO_HOST), reports: [{ messageId: 'no-mail-server', severity: 'warning', file: SETTINGS, line: 12 }] },
    { name: 'a view that sends mail and no mail server, naming the view', facts: await checklistFacts({ ...NO_HOST, settings: 'ADMINS = []\n', files: CONTACT_VIEW }), reports: [{ messageId: 'no-mail-server', mentions: ['shop/views.py:4'] }] },
    { name: 'the console backend in production', facts: await checklistFacts({ settings: "EMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'\n" }), reports: [{ messageId: 'not-delivering', severity: 'warning', file: SETTINGS, line: 15 }] },
    {
      name: 'the localhost sender defaults, each named',
      facts: await checklistFacts({ settings: "DEFAULT_FROM_EMAIL = 'webmaster@localhost'\nSERVER_EMAIL = 'root@localhost'\n" }),
      reports: [{ messageId: 'default-sender', mentions: ['webmaster@localhost'] }, { messageId: 'default-sender', mentions: ['root@localhost'] }],
    },
    {
      name: 'SERVER_EMAIL left at root@localhost with MANAGERS to mail',
      facts: await checklistFacts({ env: { EMAIL_HOST: 'smtp.example.org' }, settings: "ADMINS = []\nMANAGERS = [('Ops', 'ops@example.org')]\ndel SERVER_EMAIL\n" }),
      reports: [{ messageId: 'default-sender', mentions: ['SERVER_EMAIL', 'root@localhost'] }],
    },
    { name: 'mail is sent and the mail server cannot be known', facts: await checklistFacts({ settings: "EMAIL_HOST = mail_host()\n" }), reports: [{ messageId: 'cannot-tell', severity: 'info' }] },
  ],
});

testRule(errorReportingRule, {
  pass: [
    { name: 'ADMINS', facts: await checklistFacts({}) },
    { name: 'a Sentry import', facts: await checklistFacts({ settings: 'ADMINS = []\nimport sentry_sdk\n', requirements: ['sentry-sdk==2.19.0'] }) },
    { name: 'a declared reporter', facts: await checklistFacts({ settings: 'ADMINS = []\n', requirements: ['rollbar==1.1.0'] }) },
    { name: 'an APM agent in the web process', facts: await checklistFacts({ settings: 'ADMINS = []\n', procfile: 'web: newrelic-admin run-program gunicorn site_app.wsgi\n', requirements: [] }) },
  ],
  fail: [{ name: 'no ADMINS and no reporter', facts: await checklistFacts({ settings: 'ADMINS = []\n' }), reports: [{ messageId: 'nobody-hears', severity: 'warning', file: SETTINGS, line: 15 }] }],
});

testRule(logFilesRule, {
  pass: [{ name: 'stream handlers', facts: await checklistFacts({ settings: "LOGGING = {'version': 1, 'handlers': {'console': {'class': 'logging.StreamHandler'}}}\n" }) }],
  fail: [
    {
      name: 'a FileHandler in LOGGING, naming the handler and its file',
      facts: await checklistFacts({ settings: "LOGGING = {'version': 1, 'handlers': {'file': {'class': 'logging.FileHandler', 'filename': '/tmp/debug.log'}, 'console': {'class': 'logging.StreamHandler'}}}\n" }),
      reports: [{ messageId: 'file-handler', severity: 'warning', file: SETTINGS, line: 15, mentions: ["'file'", '/tmp/debug.log'] }],
    },
  ],
});

const LEGACY_TEMPLATES = "TEMPLATES = None\ndel TEMPLATES\nTEMPLATE_DIRS = (os.path.join(str(BASE_DIR), 'old_templates'),)\n";
const NO_TEMPLATES = { 'templates/404.html': '', 'templates/500.html': '' };

testRule(errorPagesRule, {
  pass: [
    { name: 'templates in DIRS', facts: await checklistFacts({}) },
    { name: 'templates in an app folder', facts: await checklistFacts({ files: { ...NO_TEMPLATES, 'shop/templates/404.html': 'x', 'shop/templates/500.html': 'x' } }) },
    { name: 'a custom handler404 and a 500.html', facts: await checklistFacts({ files: { 'templates/404.html': '', 'site_app/urls.py': 'from django.urls import path\nurlpatterns = []\nhandler404 = "shop.views.not_found"\n' } }) },
    // Django before 1.10 reads TEMPLATE_DIRS and the apps.
    { name: 'Django 1.9 with the pages in TEMPLATE_DIRS', facts: await checklistFacts({ django: '1.9.13', settings: LEGACY_TEMPLATES, files: { ...NO_TEMPLATES, 'old_templates/404.html': 'x', 'old_templates/500.html': 'x' } }) },
  ],
  fail: [
    { name: 'neither template', facts: await checklistFacts({ files: NO_TEMPLATES }), reports: [{ messageId: 'missing', severity: 'warning', file: SETTINGS, line: 10, mentions: ['404.html and 500.html'] }] },
    { name: 'only 404.html', facts: await checklistFacts({ files: { 'templates/500.html': '' } }), reports: [{ messageId: 'missing', mentions: ['500.html'], conceals: ['404.html'] }] },
    { name: 'Django 1.9, looking in TEMPLATE_DIRS', facts: await checklistFacts({ django: '1.9.13', settings: LEGACY_TEMPLATES, files: NO_TEMPLATES }), reports: [{ messageId: 'missing', mentions: ['old_templates'] }] },
    { name: 'TEMPLATES the evaluation cannot know', facts: await checklistFacts({ settings: "TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'DIRS': [template_dir()]}]\n" }), reports: [{ messageId: 'cannot-tell', severity: 'info' }] },
  ],
  skip: [{ name: 'no template engine in sight', facts: await checklistFacts({ settings: 'del TEMPLATES\n' }), reason: /no template engine/ }],
});

const CACHE_SESSIONS = "SESSION_ENGINE = 'django.contrib.sessions.backends.cache'\n";

testRule(cachesRule, {
  pass: [
    { name: 'the default cache, nothing relying on it', facts: await checklistFacts({}) },
    { name: 'cache sessions with one process (WEB_CONCURRENCY=1)', facts: await checklistFacts({ settings: CACHE_SESSIONS, env: { WEB_CONCURRENCY: '1' } }) },
    { name: 'cache sessions with one gunicorn worker', facts: await checklistFacts({ settings: CACHE_SESSIONS, procfile: 'web: gunicorn site_app.wsgi --workers 1\n' }) },
    {
      name: 'cache sessions on a shared cache',
      facts: await checklistFacts({ settings: "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.redis.RedisCache', 'LOCATION': os.environ.get('REDIS_URL', '')}}\n" + CACHE_SESSIONS }),
    },
  ],
  fail: [
    { name: 'cache sessions on a per-process cache lose logins', facts: await checklistFacts({ settings: CACHE_SESSIONS }), reports: [{ messageId: 'cache-sessions-lost', severity: 'error', file: SETTINGS, line: 15 }] },
    {
      name: 'an explicit LocMemCache with 3 workers',
      facts: await checklistFacts({ settings: "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}\n", env: { WEB_CONCURRENCY: '3' } }),
      reports: [{ messageId: 'per-process-cache', severity: 'warning', mentions: ['3 worker'] }],
    },
    {
      name: 'the default cache relied on by the cache middleware',
      facts: await checklistFacts({ settings: "MIDDLEWARE = ['django.middleware.cache.UpdateCacheMiddleware'] + MIDDLEWARE + ['django.middleware.cache.FetchFromCacheMiddleware']\n" }),
      reports: ['default-cache-relied'],
    },
  ],
});

const FALLBACKS_FROM_ENV = "SECRET_KEY_FALLBACKS = [k for k in os.environ.get('OLD_SECRET_KEYS', '').split(',') if k]\n";
const LITERAL_FALLBACK = "SECRET_KEY_FALLBACKS = ['django-insecure-0ld-k3y-that-was-committed-long-ago-xyz']\n";
const CURRENT_KEY = 'k'.repeat(20) + 'Q7v!x9#Lm2@pR5$tW8^zB1&cF4*hJ6(nD3)';

testRule(secretKeyFallbacksRule, {
  pass: [
    { name: 'keys from the environment', facts: await checklistFacts({ settings: FALLBACKS_FROM_ENV, env: { OLD_SECRET_KEYS: 'an-older-key-from-the-config-vars-0123456789abcdef' } }) },
    // Django before 4.1 has no such setting: nothing to judge.
    { name: 'Django 4.0', facts: await checklistFacts({ settings: LITERAL_FALLBACK, django: '4.0.10' }) },
  ],
  fail: [
    { name: 'a literal key', facts: await checklistFacts({ settings: LITERAL_FALLBACK }), reports: [{ messageId: 'literal-fallback', severity: 'error', file: SETTINGS, line: 15 }] },
    {
      name: 'the current key repeated, never printed',
      facts: await checklistFacts({ settings: FALLBACKS_FROM_ENV, env: { OLD_SECRET_KEYS: CURRENT_KEY } }),
      reports: [{ messageId: 'repeats-current', severity: 'warning', conceals: [CURRENT_KEY] }],
    },
  ],
});

const KEPT = "import dj_database_url\nDATABASES = {'default': dj_database_url.config(conn_max_age=600, ssl_require=True)}\n";

testRule(databaseConnectionsRule, {
  pass: [
    { name: 'kept connections with health checks', facts: (await projectCheckFacts({ settings: "import dj_database_url\nDATABASES = {'default': dj_database_url.config(conn_max_age=600, conn_health_checks=True, ssl_require=True)}\n" })).project },
    { name: 'CONN_HEALTH_CHECKS set afterwards', facts: (await projectCheckFacts({ settings: KEPT + "DATABASES['default']['CONN_HEALTH_CHECKS'] = True\n" })).project },
    { name: 'Django 4.0 has no health checks to ask for', facts: (await projectCheckFacts({ settings: KEPT, django: '4.0.10' })).project },
  ],
  fail: [
    { name: 'kept connections without CONN_HEALTH_CHECKS on Django 4.1+', facts: (await projectCheckFacts({ settings: KEPT })).project, reports: [{ messageId: 'no-health-checks', severity: 'warning', file: SETTINGS, line: 16 }] },
    {
      name: 'dj_database_url.config() keeps no connection (conn_max_age defaults to 0)',
      facts: (await projectCheckFacts({ settings: "import dj_database_url\nDATABASES = {'default': dj_database_url.config(ssl_require=True)}\n" })).project,
      reports: [{ messageId: 'no-persistent-connections', severity: 'warning', file: SETTINGS, line: 16 }],
    },
    {
      name: 'a connection age the evaluation cannot know',
      facts: (await projectCheckFacts({ settings: "import dj_database_url\nDATABASES = {'default': dj_database_url.config(conn_max_age=connection_age(), ssl_require=True)}\n" })).project,
      reports: [{ messageId: 'cannot-tell', severity: 'info' }],
    },
  ],
});

// End to end: the checklist rules run inside `implanta check` and their findings reach the report.
test('implanta check reports a checklist finding with its rule, message ID and file:line, once', async () => {
  const found = await checkProject({ files: { 'shop/models.py': UPLOAD_MODEL } }, ['codebase.media-files', 'codebase.database-connections']);
  assert.deepEqual(verdicts(found), [{ rule: 'codebase.media-files', id: 'uploads-on-dyno', severity: 'error', at: 'shop/models.py:5' }]);
});

test('implanta check reports kept connections without health checks once, under the connections rule', async () => {
  const found = await checkProject({ settings: KEPT }, ['codebase.database-connections', 'codebase.database-url', 'codebase.database-ssl', 'security.W009']);
  assert.deepEqual(verdicts(found), [{ rule: 'codebase.database-connections', id: 'no-health-checks', severity: 'warning', at: 'site_app/settings.py:16' }]);
});
