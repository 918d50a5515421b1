import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staticFilesRule } from '../../src/codebase/static-files.js';
import { Unknown } from '../../src/project/python-value.js';
import { readStaticServing } from '../../src/project/static-serving.js';
import type { ProjectFacts } from '../../src/project/types.js';
import { projectFacts } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

const SECURITY = 'django.middleware.security.SecurityMiddleware';
const WHITENOISE = 'whitenoise.middleware.WhiteNoiseMiddleware';
const SESSIONS = 'django.contrib.sessions.middleware.SessionMiddleware';
const ROOT = '/app/staticfiles';
const DJANGO_5_2 = { major: 5, minor: 2, source: 'pin' } as const;

const facts = (settings: Record<string, unknown>, staticServing?: ProjectFacts['staticServing']) => projectFacts({ settings, ...(staticServing && { staticServing }) });
// What the project's own code does, read by readStaticServing (shapes from test/fixtures/real).
const djangoWhiteNoise = { wsgiWrappers: [{ file: 'proj/wsgi.py', line: 16, wrapper: 'DjangoWhiteNoise' }], whitenoiseSubclasses: [] };
const subclass = { wsgiWrappers: [], whitenoiseSubclasses: ['proj.middleware.Static'] };
// STATICFILES_STORAGE naming the project's own class (ldettorre/Django-e-commerce: custom_storages.StaticStorage(S3BotoStorage)).
const ownStorage = (stores: 'remote' | 'local' | 'unknown') => ({ wsgiWrappers: [], whitenoiseSubclasses: [], projectStorage: { dotted: 'custom_storages.StaticStorage', stores, file: 'custom_storages.py', line: 5 } });

testRule(staticFilesRule, {
  pass: [
    { name: 'STATICFILES_STORAGE on Django 4.2 still works', facts: projectFacts({ settings: { STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, WHITENOISE], STATICFILES_STORAGE: 'whitenoise.storage.CompressedManifestStaticFilesStorage' }, django: { major: 4, minor: 2, source: 'pin' } }) },
    { name: "STORAGES['staticfiles'] on 5.2 (a leftover STATICFILES_STORAGE beside it changes nothing)", facts: projectFacts({ settings: { STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, WHITENOISE], STORAGES: { staticfiles: { BACKEND: 'whitenoise.storage.CompressedManifestStaticFilesStorage' } } }, django: DJANGO_5_2 }) },
    { name: 'WhiteNoise right after SecurityMiddleware', facts: facts({ STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, WHITENOISE, SESSIONS] }) },
    { name: 'WhiteNoise first without SecurityMiddleware', facts: facts({ STATIC_ROOT: ROOT, MIDDLEWARE: [WHITENOISE, SESSIONS] }) },
    { name: 'WhiteNoise first, above SecurityMiddleware (as django-heroku inserts it)', facts: facts({ STATIC_ROOT: ROOT, MIDDLEWARE: [WHITENOISE, SECURITY, SESSIONS] }) },
    { name: 'django-storages in STORAGES', facts: facts({ STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY], STORAGES: { staticfiles: { BACKEND: 'storages.backends.s3.S3Storage' } } }) },
    { name: 'django-storages in STATICFILES_STORAGE', facts: facts({ STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY], STATICFILES_STORAGE: 'storages.backends.s3boto3.S3StaticStorage' }) },
    { name: 'a CDN STATIC_URL', facts: facts({ STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY], STATIC_URL: 'https://cdn.example.com/static/' }) },
    { name: 'wsgi.py wraps the app in WhiteNoise', facts: facts({ STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, SESSIONS] }, djangoWhiteNoise) },
    { name: 'a project middleware subclassing WhiteNoiseMiddleware', facts: facts({ STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, 'proj.middleware.Static', SESSIONS] }, subclass) },
    { name: 'no STATIC_ROOT, static files uploaded by django-storages', facts: facts({ MIDDLEWARE: [SECURITY], STATICFILES_STORAGE: 'storages.backends.s3boto3.S3StaticStorage' }) },
    { name: "no STATIC_ROOT, the project's own subclass of a storage service's backend", facts: facts({ MIDDLEWARE: [SECURITY], STATICFILES_STORAGE: 'custom_storages.StaticStorage' }, ownStorage('remote')) },
    { name: 'MIDDLEWARE_CLASSES (Django before 1.10) with WhiteNoise', facts: facts({ STATIC_ROOT: ROOT, MIDDLEWARE_CLASSES: [SECURITY, WHITENOISE, SESSIONS] }) },
  ],
  fail: [
    // django/djangosnippets.org: STATICFILES_STORAGE on Django 5.2, which removed the setting in 5.1.
    {
      name: 'STATICFILES_STORAGE on Django 5.2: ignored, so WhiteNoise compresses nothing',
      facts: projectFacts({ settings: { STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, WHITENOISE], STATICFILES_STORAGE: 'whitenoise.storage.CompressedManifestStaticFilesStorage' }, django: DJANGO_5_2 }),
      reports: [{ messageId: 'ignored-storage', severity: 'warning', line: 3, mentions: ['5.2', "'staticfiles': {'BACKEND': 'whitenoise.storage.CompressedManifestStaticFilesStorage'}"] }],
    },
    {
      name: "an S3 STATICFILES_STORAGE on 5.1 is ignored too: collectstatic then writes locally and needs STATIC_ROOT",
      facts: projectFacts({ settings: { MIDDLEWARE: [SECURITY, WHITENOISE], STATICFILES_STORAGE: 'storages.backends.s3.S3Storage' }, django: { major: 5, minor: 1, source: 'pin' } }),
      reports: ['no-static-root', 'ignored-storage'],
    },
    { name: 'no STATIC_ROOT', facts: facts({ MIDDLEWARE: [SECURITY, WHITENOISE] }), reports: [{ messageId: 'no-static-root', severity: 'error', file: 'proj/settings.py' }] },
    {
      name: "no STATIC_ROOT, the project's own subclass of ManifestStaticFilesStorage",
      facts: facts({ MIDDLEWARE: [SECURITY, WHITENOISE], STATICFILES_STORAGE: 'custom_storages.StaticStorage' }, ownStorage('local')),
      reports: [{ messageId: 'no-static-root', severity: 'error' }],
    },
    {
      name: "no STATIC_ROOT, the project's own storage class with bases from elsewhere",
      facts: facts({ MIDDLEWARE: [SECURITY, WHITENOISE], STATICFILES_STORAGE: 'custom_storages.StaticStorage' }, ownStorage('unknown')),
      reports: [{ messageId: 'cannot-tell', severity: 'info', file: 'custom_storages.py', line: 5, mentions: ['custom_storages.StaticStorage'] }],
    },
    { name: 'STATIC_ROOT None', facts: facts({ STATIC_ROOT: null, MIDDLEWARE: [SECURITY, WHITENOISE] }), reports: [{ messageId: 'no-static-root', severity: 'error', line: 1 }] },
    { name: 'WhiteNoise too low', facts: facts({ STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, SESSIONS, WHITENOISE] }), reports: [{ messageId: 'whitenoise-position', severity: 'warning', line: 2, mentions: ['position 3'] }] },
    { name: 'nothing serves static files', facts: facts({ STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, SESSIONS] }), reports: [{ messageId: 'nothing-serves', severity: 'warning', line: 2 }] },
    { name: 'no MIDDLEWARE at all', facts: facts({ STATIC_ROOT: ROOT }), reports: [{ messageId: 'nothing-serves', severity: 'warning' }] },
    {
      name: 'an unknown STATIC_ROOT',
      facts: facts({ STATIC_ROOT: new Unknown("reads os.environ['STATIC_DIR'] which is not set", 'proj/settings.py', 12), MIDDLEWARE: [SECURITY, WHITENOISE] }),
      reports: [{ messageId: 'cannot-tell', severity: 'info', line: 12, mentions: ["os.environ['STATIC_DIR']"] }],
    },
    {
      name: 'unknown MIDDLEWARE items',
      facts: facts({ STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, new Unknown('calls extra_middleware()')] }),
      reports: [{ messageId: 'cannot-tell', severity: 'info', line: 2, mentions: ['extra_middleware()'] }],
    },
    { name: 'the WhiteNoise subclass too low', facts: facts({ STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, SESSIONS, 'proj.middleware.Static'] }, subclass), reports: [{ messageId: 'whitenoise-position', mentions: ['position 3'] }] },
    {
      name: 'MIDDLEWARE_CLASSES and nothing serving',
      facts: facts({ STATIC_ROOT: ROOT, MIDDLEWARE_CLASSES: [SECURITY, SESSIONS] }, { wsgiWrappers: [], whitenoiseSubclasses: [] }),
      reports: [{ messageId: 'nothing-serves', severity: 'warning' }],
    },
  ],
  skip: [{ name: 'no evaluated settings', facts: projectFacts(), reason: /not evaluated/ }],
});

test('readStaticServing finds WSGI wrappers and WhiteNoise subclasses in the project', () => {
  const root = mkdtempSync(join(tmpdir(), 'implanta-static-'));
  try {
    mkdirSync(join(root, 'proj'));
    const files: Record<string, string> = {
      'proj/wsgi.py': 'from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n# application = Cling(application)\napplication = DjangoWhiteNoise(application)\n',
      'proj/heroku_wsgi.py': 'from dj_static import Cling\napplication = Cling(get_wsgi_application())\n',
      'proj/middleware.py': 'from whitenoise.middleware import WhiteNoiseMiddleware\n\nclass Static(WhiteNoiseMiddleware):\n    pass\n\nclass Other(object):\n    pass\n',
    };
    for (const [file, text] of Object.entries(files)) writeFileSync(join(root, file), text);
    const serving = readStaticServing(root, Object.keys(files), [SECURITY, 'proj.middleware.Static', 'proj.middleware.Other', 'proj.missing.X']);
    assert.deepEqual(serving.wsgiWrappers, [
      { file: 'proj/wsgi.py', line: 4, wrapper: 'DjangoWhiteNoise' },
      { file: 'proj/heroku_wsgi.py', line: 2, wrapper: 'Cling' },
    ]);
    assert.deepEqual(serving.whitenoiseSubclasses, ['proj.middleware.Static']);
    assert.deepEqual(readStaticServing(root, ['proj/middleware.py'], [WHITENOISE]), { wsgiWrappers: [], whitenoiseSubclasses: [] });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("readStaticServing tells where the project's own staticfiles storage class stores, by its bases", () => {
  const root = mkdtempSync(join(tmpdir(), 'implanta-static-'));
  try {
    const files: Record<string, string> = {
      'custom_storages.py': [
        'from django.conf import settings',
        'from storages.backends.s3boto import S3BotoStorage',
        'from django.contrib.staticfiles.storage import (',
        '    ManifestStaticFilesStorage as Manifest,  # hashed names',
        ')',
        'import cloudinary_storage.storage',
        '',
        'class StaticStorage(S3BotoStorage):',
        '    location = settings.STATICFILES_LOCATION',
        '',
        'class Hashed(Manifest):',
        '    pass',
        '',
        'class Cloud(cloudinary_storage.storage.StaticHashedCloudinaryStorage):',
        '    pass',
        '',
        'class Mixed(SomeMixin, S3BotoStorage):',
        '    pass',
        '',
        'class Elsewhere(SomeMixin):',
        '    pass',
      ].join('\n'),
    };
    for (const [file, text] of Object.entries(files)) writeFileSync(join(root, file), text);
    const where = (storage: string) => readStaticServing(root, Object.keys(files), [], storage).projectStorage;
    assert.deepEqual(where('custom_storages.StaticStorage'), { dotted: 'custom_storages.StaticStorage', stores: 'remote', file: 'custom_storages.py', line: 8 });
    assert.equal(where('custom_storages.Hashed')?.stores, 'local');
    assert.equal(where('custom_storages.Cloud')?.stores, 'remote');
    assert.equal(where('custom_storages.Mixed')?.stores, 'remote');
    assert.equal(where('custom_storages.Elsewhere')?.stores, 'unknown');
    assert.deepEqual(where('custom_storages.Missing'), { dotted: 'custom_storages.Missing', stores: 'unknown' });
    // Installed packages' storages are not the project's: the rule knows those by name.
    assert.equal(where('storages.backends.s3boto3.S3StaticStorage'), undefined);
    assert.equal(where('whitenoise.storage.CompressedManifestStaticFilesStorage'), undefined);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
