import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { checkProject, verdicts } from './project.js';

const UPLOAD_MODEL = 'from django.db import models\n\nclass Product(models.Model):\n    name = models.CharField(max_length=100)\n    photo = models.ImageField(upload_to="products/")\n';

test('media: upload fields with the local filesystem storage are an error at the field, named in the message', async () => {
  const found = await checkProject({ files: { 'shop/models.py': UPLOAD_MODEL } }, ['codebase.media-files']);
  assert.deepEqual(verdicts(found), [{ rule: 'codebase.media-files', id: 'uploads-on-dyno', severity: 'error', at: 'shop/models.py:5' }]);
  assert.match(found[0]!.message, /Product\.ImageField/);
  assert.match(found[0]!.hint!, /django-storages/);
});

test('media: uploads to S3 (STORAGES on 4.2+, DEFAULT_FILE_STORAGE before) pass; DEFAULT_FILE_STORAGE alone on 5.2 is ignored by Django, so it fails', async () => {
  const s3 = "\nSTORAGES = {'default': {'BACKEND': 'storages.backends.s3.S3Storage'}, 'staticfiles': {'BACKEND': 'whitenoise.storage.CompressedManifestStaticFilesStorage'}}\n";
  assert.deepEqual(await checkProject({ files: { 'shop/models.py': UPLOAD_MODEL }, settings: s3 }, ['codebase.media-files']), []);
  const legacy = "\nDEFAULT_FILE_STORAGE = 'storages.backends.s3boto3.S3Boto3Storage'\n";
  assert.deepEqual(await checkProject({ files: { 'shop/models.py': UPLOAD_MODEL }, settings: legacy, django: '3.2.25' }, ['codebase.media-files']), []);
  const removed = await checkProject({ files: { 'shop/models.py': UPLOAD_MODEL }, settings: legacy, django: '5.2' }, ['codebase.media-files']);
  assert.deepEqual(verdicts(removed).map((v) => v.id), ['uploads-on-dyno']);
});

test('media: MEDIA_ROOT with no upload field is a warning; neither is nothing; a FileField only in a migration is not a model field', async () => {
  const mediaRoot = await checkProject({ settings: "MEDIA_ROOT = BASE_DIR / 'media'\nMEDIA_URL = '/media/'\n" }, ['codebase.media-files']);
  assert.deepEqual(verdicts(mediaRoot), [{ rule: 'codebase.media-files', id: 'media-root-on-dyno', severity: 'warning', at: 'site_app/settings.py:15' }]);
  const migrationOnly = { 'shop/migrations/__init__.py': '', 'shop/migrations/0002_old.py': 'from django.db import migrations, models\nclass Migration(migrations.Migration):\n    operations = [migrations.AddField("product", "doc", models.FileField())]\n' };
  assert.deepEqual(await checkProject({ files: migrationOnly }, ['codebase.media-files']), []);
});

test("media: static(settings.MEDIA_URL) in the URLconf serves nothing with DEBUG off, and real Django agrees", async () => {
  const urls = 'from django.conf import settings\nfrom django.conf.urls.static import static\nfrom django.urls import path\n\nurlpatterns = [] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)\n';
  const off = await checkProject({ files: { 'site_app/urls.py': urls } }, ['codebase.media-files']);
  assert.deepEqual(verdicts(off), [{ rule: 'codebase.media-files', id: 'static-helper-serves-nothing', severity: 'warning', at: 'site_app/urls.py:5' }]);
  const on = await checkProject({ files: { 'site_app/urls.py': urls }, settings: 'DEBUG = True\n' }, ['codebase.media-files']);
  assert.deepEqual(on, []);
  // Meant for the development server only, or media served from object storage: nothing is lost.
  const devOnly = 'from django.conf import settings\nfrom django.conf.urls.static import static\nurlpatterns = []\nif settings.DEBUG:\n    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)\n';
  assert.deepEqual(await checkProject({ files: { 'site_app/urls.py': devOnly } }, ['codebase.media-files']), []);
  const s3 = "\nSTORAGES = {'default': {'BACKEND': 'storages.backends.s3.S3Storage'}, 'staticfiles': {'BACKEND': 'whitenoise.storage.CompressedManifestStaticFilesStorage'}}\n";
  assert.deepEqual(await checkProject({ files: { 'site_app/urls.py': urls }, settings: s3 }, ['codebase.media-files']), []);
  // The premise, from Django itself: with DEBUG False the helper returns no patterns.
  const patterns = execFileSync('/usr/bin/python3', ['-c', "from django.conf import settings; settings.configure(DEBUG=False); from django.conf.urls.static import static; print(len(static('/media/', document_root='/tmp')))"], { encoding: 'utf8' });
  assert.equal(patterns.trim(), '0');
});

test('email: a project that sends mail with no mail server is warned; one that sends none is not', async () => {
  const noHost = { env: { EMAIL_HOST: '' } };
  assert.deepEqual(verdicts(await checkProject(noHost, ['codebase.email'])), [{ rule: 'codebase.email', id: 'no-mail-server', severity: 'warning', at: 'site_app/settings.py:12' }]);
  const quiet = await checkProject({ ...noHost, settings: 'ADMINS = []\n' }, ['codebase.email']);
  assert.deepEqual(quiet, []);
  const view = await checkProject({ ...noHost, settings: 'ADMINS = []\n', files: { 'shop/views.py': 'from django.core.mail import send_mail\n\ndef contact(request):\n    send_mail("hi", "body", None, ["a@example.org"])\n' } }, ['codebase.email']);
  assert.deepEqual(verdicts(view).map((v) => v.id), ['no-mail-server']);
  assert.match(view[0]!.message, /shop\/views\.py:4/);
  // A mail add-on's config vars mean there is somewhere to send through.
  assert.deepEqual(await checkProject({ env: { EMAIL_HOST: '', SENDGRID_API_KEY: 'SG.xxxxxxxxxxxxxxxxxxxxxx' }, settings: "DEFAULT_FROM_EMAIL = 'a@example.org'\n" }, ['codebase.email']).then(verdicts).then((v) => v.map((x) => x.id)), []);
});

test('email: console backend in production, and the localhost sender defaults', async () => {
  const console = await checkProject({ settings: "EMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'\n" }, ['codebase.email']);
  assert.deepEqual(verdicts(console), [{ rule: 'codebase.email', id: 'not-delivering', severity: 'warning', at: 'site_app/settings.py:15' }]);
  const senders = await checkProject({ settings: "DEFAULT_FROM_EMAIL = 'webmaster@localhost'\nSERVER_EMAIL = 'root@localhost'\n" }, ['codebase.email']);
  assert.deepEqual(verdicts(senders).map((v) => v.id), ['default-sender', 'default-sender']);
  assert.match(senders.map((f) => f.message).join('\n'), /webmaster@localhost[\s\S]*root@localhost/);
});

test('error reporting: no ADMINS and no reporter is a warning; ADMINS, a Sentry import or a declared reporter each pass', async () => {
  const none = await checkProject({ settings: 'ADMINS = []\n' }, ['codebase.error-reporting']);
  assert.deepEqual(verdicts(none), [{ rule: 'codebase.error-reporting', id: 'nobody-hears', severity: 'warning', at: 'site_app/settings.py:15' }]);
  assert.deepEqual(await checkProject({}, ['codebase.error-reporting']), []);
  assert.deepEqual(await checkProject({ settings: 'ADMINS = []\nimport sentry_sdk\n', requirements: ['sentry-sdk==2.19.0'] }, ['codebase.error-reporting']), []);
  assert.deepEqual(await checkProject({ settings: 'ADMINS = []\n', requirements: ['rollbar==1.1.0'] }, ['codebase.error-reporting']), []);
  assert.deepEqual(await checkProject({ settings: 'ADMINS = []\n', procfile: 'web: newrelic-admin run-program gunicorn site_app.wsgi\n', requirements: [] }, ['codebase.error-reporting']), []);
});

test('log files: a FileHandler in LOGGING is a warning; stream handlers pass', async () => {
  const file = "LOGGING = {'version': 1, 'handlers': {'file': {'class': 'logging.FileHandler', 'filename': '/tmp/debug.log'}, 'console': {'class': 'logging.StreamHandler'}}}\n";
  const found = await checkProject({ settings: file }, ['codebase.log-files']);
  assert.deepEqual(verdicts(found), [{ rule: 'codebase.log-files', id: 'file-handler', severity: 'warning', at: 'site_app/settings.py:15' }]);
  assert.match(found[0]!.message, /'file'.*\/tmp\/debug\.log/);
  assert.deepEqual(await checkProject({ settings: "LOGGING = {'version': 1, 'handlers': {'console': {'class': 'logging.StreamHandler'}}}\n" }, ['codebase.log-files']), []);
});

test('error pages: missing templates are a warning; templates in DIRS or an app folder, or custom handlers, pass', async () => {
  const missing = await checkProject({ files: { 'templates/404.html': '', 'templates/500.html': '' } }, ['codebase.error-pages']);
  assert.deepEqual(verdicts(missing), [{ rule: 'codebase.error-pages', id: 'missing', severity: 'warning', at: 'site_app/settings.py:10' }]);
  assert.match(missing[0]!.message, /404\.html and 500\.html/);
  const inApp = await checkProject({ files: { 'templates/404.html': '', 'templates/500.html': '', 'shop/templates/404.html': 'x', 'shop/templates/500.html': 'x' } }, ['codebase.error-pages']);
  assert.deepEqual(inApp, []);
  const handlers = 'from django.urls import path\nurlpatterns = []\nhandler404 = "shop.views.not_found"\n';
  const only500 = await checkProject({ files: { 'templates/404.html': '', 'site_app/urls.py': handlers } }, ['codebase.error-pages']);
  assert.deepEqual(only500, []);
  const only404 = await checkProject({ files: { 'templates/500.html': '' } }, ['codebase.error-pages']);
  assert.match(only404[0]!.message, /no 500\.html template/);
});

test('caches: cache sessions on a per-process cache lose logins; one process, or a shared cache, does not', async () => {
  const sessions = await checkProject({ settings: "SESSION_ENGINE = 'django.contrib.sessions.backends.cache'\n" }, ['codebase.caches']);
  assert.deepEqual(verdicts(sessions), [{ rule: 'codebase.caches', id: 'cache-sessions-lost', severity: 'error', at: 'site_app/settings.py:15' }]);
  assert.deepEqual(await checkProject({ settings: "SESSION_ENGINE = 'django.contrib.sessions.backends.cache'\n", env: { WEB_CONCURRENCY: '1' } }, ['codebase.caches']), []);
  assert.deepEqual(await checkProject({ settings: "SESSION_ENGINE = 'django.contrib.sessions.backends.cache'\n", procfile: 'web: gunicorn site_app.wsgi --workers 1\n' }, ['codebase.caches']), []);
  const redis = "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.redis.RedisCache', 'LOCATION': os.environ.get('REDIS_URL', '')}}\nSESSION_ENGINE = 'django.contrib.sessions.backends.cache'\n";
  assert.deepEqual(await checkProject({ settings: redis }, ['codebase.caches']), []);
});

test('caches: an explicit LocMemCache warns, the default one only when something relies on it', async () => {
  const explicit = await checkProject({ settings: "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}\n", env: { WEB_CONCURRENCY: '3' } }, ['codebase.caches']);
  assert.deepEqual(verdicts(explicit).map((v) => [v.id, v.severity]), [['per-process-cache', 'warning']]);
  assert.match(explicit[0]!.message, /3 worker/);
  assert.deepEqual(await checkProject({}, ['codebase.caches']), []);
  const middleware = await checkProject({ settings: "MIDDLEWARE = ['django.middleware.cache.UpdateCacheMiddleware'] + MIDDLEWARE + ['django.middleware.cache.FetchFromCacheMiddleware']\n" }, ['codebase.caches']);
  assert.deepEqual(verdicts(middleware).map((v) => v.id), ['default-cache-relied']);
});

test('secret key fallbacks: literal keys are an error, the current key repeated a warning; keys from the environment pass', async () => {
  const literal = await checkProject({ settings: "SECRET_KEY_FALLBACKS = ['django-insecure-0ld-k3y-that-was-committed-long-ago-xyz']\n" }, ['codebase.secret-key-fallbacks']);
  assert.deepEqual(verdicts(literal), [{ rule: 'codebase.secret-key-fallbacks', id: 'literal-fallback', severity: 'error', at: 'site_app/settings.py:15' }]);
  const fromEnv = "SECRET_KEY_FALLBACKS = [k for k in os.environ.get('OLD_SECRET_KEYS', '').split(',') if k]\n";
  assert.deepEqual(await checkProject({ settings: fromEnv, env: { OLD_SECRET_KEYS: 'an-older-key-from-the-config-vars-0123456789abcdef' } }, ['codebase.secret-key-fallbacks']), []);
  const same = 'k'.repeat(20) + 'Q7v!x9#Lm2@pR5$tW8^zB1&cF4*hJ6(nD3)';
  const repeated = await checkProject({ settings: fromEnv, env: { OLD_SECRET_KEYS: same } }, ['codebase.secret-key-fallbacks']);
  assert.deepEqual(verdicts(repeated).map((v) => [v.id, v.severity]), [['repeats-current', 'warning']]);
  assert.ok(!repeated[0]!.message.includes(same), 'the key itself is never printed');
  // Django before 4.1 has no such setting: nothing to judge.
  assert.deepEqual(await checkProject({ settings: "SECRET_KEY_FALLBACKS = ['django-insecure-0ld-k3y-that-was-committed-long-ago-xyz']\n", django: '4.0.10' }, ['codebase.secret-key-fallbacks']), []);
});

test('databases: kept connections without CONN_HEALTH_CHECKS on Django 4.1+ warn, once, under the connections rule', async () => {
  const kept = "import dj_database_url\nDATABASES = {'default': dj_database_url.config(conn_max_age=600, ssl_require=True)}\n";
  const rules = ['codebase.database-connections'];
  assert.deepEqual(verdicts(await checkProject({ settings: kept }, rules)), [{ rule: 'codebase.database-connections', id: 'no-health-checks', severity: 'warning', at: 'site_app/settings.py:16' }]);
  const checked = "import dj_database_url\nDATABASES = {'default': dj_database_url.config(conn_max_age=600, conn_health_checks=True, ssl_require=True)}\n";
  assert.deepEqual(await checkProject({ settings: checked }, rules), []);
  assert.deepEqual(await checkProject({ settings: kept, django: '4.0.10' }, rules), []);
  const set = kept + "DATABASES['default']['CONN_HEALTH_CHECKS'] = True\n";
  assert.deepEqual(await checkProject({ settings: set }, rules), []);
});

test('error pages: Django before 1.10 reads TEMPLATE_DIRS and the apps; with no template engine in sight nothing is judged', async () => {
  const legacy = "TEMPLATES = None\ndel TEMPLATES\nTEMPLATE_DIRS = (os.path.join(str(BASE_DIR), 'old_templates'),)\n";
  const oldDjango = { django: '1.9.13', files: { 'templates/404.html': '', 'templates/500.html': '' } };
  const missing = await checkProject({ ...oldDjango, settings: legacy }, ['codebase.error-pages']);
  assert.deepEqual(verdicts(missing).map((v) => v.id), ['missing']);
  assert.match(missing[0]!.message, /old_templates/);
  const found = await checkProject({ ...oldDjango, settings: legacy, files: { ...oldDjango.files, 'old_templates/404.html': 'x', 'old_templates/500.html': 'x' } }, ['codebase.error-pages']);
  assert.deepEqual(found, []);
  assert.deepEqual(await checkProject({ settings: 'del TEMPLATES\n' }, ['codebase.error-pages']), []);
});
