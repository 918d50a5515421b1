import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staticFilesRule } from '../../src/codebase/static-files.js';
import { Unknown } from '../../src/project/python-value.js';
import { readStaticServing } from '../../src/project/static-serving.js';
import type { ProjectFacts } from '../../src/project/types.js';
import { assertReports, projectFacts, type Expected } from '../helpers/project-facts.js';

const SECURITY = 'django.middleware.security.SecurityMiddleware';
const WHITENOISE = 'whitenoise.middleware.WhiteNoiseMiddleware';
const SESSIONS = 'django.contrib.sessions.middleware.SessionMiddleware';
const ROOT = '/app/staticfiles';

const cases: Array<[string, Record<string, unknown>, Expected[]]> = [
  ['WhiteNoise right after SecurityMiddleware', { STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, WHITENOISE, SESSIONS] }, []],
  ['WhiteNoise first without SecurityMiddleware', { STATIC_ROOT: ROOT, MIDDLEWARE: [WHITENOISE, SESSIONS] }, []],
  ['WhiteNoise first, above SecurityMiddleware (as django-heroku inserts it)', { STATIC_ROOT: ROOT, MIDDLEWARE: [WHITENOISE, SECURITY, SESSIONS] }, []],
  ['no STATIC_ROOT', { MIDDLEWARE: [SECURITY, WHITENOISE] }, [{ severity: 'error', message: /^STATIC_ROOT is not set: the buildpack's collectstatic fails/, file: 'proj/settings.py' }]],
  ['STATIC_ROOT None', { STATIC_ROOT: null, MIDDLEWARE: [SECURITY, WHITENOISE] }, [{ severity: 'error', message: /^STATIC_ROOT is not set/, line: 1 }]],
  ['WhiteNoise too low', { STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, SESSIONS, WHITENOISE] }, [{ severity: 'warning', message: /^WhiteNoiseMiddleware is at position 3 of MIDDLEWARE: it must come directly after SecurityMiddleware/, line: 2 }]],
  ['nothing serves static files', { STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, SESSIONS] }, [{ severity: 'warning', message: /^nothing serves the static files/, line: 2 }]],
  ['no MIDDLEWARE at all', { STATIC_ROOT: ROOT }, [{ severity: 'warning', message: /^nothing serves the static files/ }]],
  ['django-storages in STORAGES', { STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY], STORAGES: { staticfiles: { BACKEND: 'storages.backends.s3.S3Storage' } } }, []],
  ['django-storages in STATICFILES_STORAGE', { STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY], STATICFILES_STORAGE: 'storages.backends.s3boto3.S3StaticStorage' }, []],
  ['a CDN STATIC_URL', { STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY], STATIC_URL: 'https://cdn.example.com/static/' }, []],
  ['an unknown STATIC_ROOT', { STATIC_ROOT: new Unknown("reads os.environ['STATIC_DIR'] which is not set", 'proj/settings.py', 12), MIDDLEWARE: [SECURITY, WHITENOISE] }, [{ severity: 'info', message: /^cannot tell whether STATIC_ROOT is set: reads os\.environ\['STATIC_DIR'\]/, line: 12 }]],
  ['unknown MIDDLEWARE items', { STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, new Unknown('calls extra_middleware()')] }, [{ severity: 'info', message: /^cannot tell whether WhiteNoise serves static files: calls extra_middleware\(\)/, line: 2 }]],
];

for (const [name, settings, expected] of cases) {
  test(`codebase.static-files: ${name}`, () => assertReports(staticFilesRule, projectFacts({ settings }), expected));
}

test('codebase.static-files: no evaluated settings', () => assertReports(staticFilesRule, projectFacts(), 'skip'));

// What the project's own code does, read by readStaticServing (shapes from test/fixtures/real).
const djangoWhiteNoise = { wsgiWrappers: [{ file: 'proj/wsgi.py', line: 16, wrapper: 'DjangoWhiteNoise' }], whitenoiseSubclasses: [] };
const servingCases: Array<[string, Record<string, unknown>, ProjectFacts['staticServing'], Expected[]]> = [
  ['wsgi.py wraps the app in WhiteNoise', { STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, SESSIONS] }, djangoWhiteNoise, []],
  ['a project middleware subclassing WhiteNoiseMiddleware', { STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, 'proj.middleware.Static', SESSIONS] }, { wsgiWrappers: [], whitenoiseSubclasses: ['proj.middleware.Static'] }, []],
  ['the subclass too low', { STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, SESSIONS, 'proj.middleware.Static'] }, { wsgiWrappers: [], whitenoiseSubclasses: ['proj.middleware.Static'] }, [{ severity: 'warning', message: /^WhiteNoiseMiddleware is at position 3/ }]],
  ['MIDDLEWARE_CLASSES (Django before 1.10) with WhiteNoise', { STATIC_ROOT: ROOT, MIDDLEWARE_CLASSES: [SECURITY, WHITENOISE, SESSIONS] }, undefined, []],
  ['MIDDLEWARE_CLASSES and nothing serving', { STATIC_ROOT: ROOT, MIDDLEWARE_CLASSES: [SECURITY, SESSIONS] }, { wsgiWrappers: [], whitenoiseSubclasses: [] }, [{ severity: 'warning', message: /^nothing serves the static files/ }]],
];
for (const [name, settings, staticServing, expected] of servingCases) {
  test(`codebase.static-files: ${name}`, () => assertReports(staticFilesRule, projectFacts({ settings, ...(staticServing && { staticServing }) }), expected));
}

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
