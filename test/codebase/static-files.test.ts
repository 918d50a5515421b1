import { test } from 'node:test';
import { staticFilesRule } from '../../src/codebase/static-files.js';
import { Unknown } from '../../src/project/python-value.js';
import { assertReports, projectFacts, type Expected } from '../helpers/project-facts.js';

const SECURITY = 'django.middleware.security.SecurityMiddleware';
const WHITENOISE = 'whitenoise.middleware.WhiteNoiseMiddleware';
const SESSIONS = 'django.contrib.sessions.middleware.SessionMiddleware';
const ROOT = '/app/staticfiles';

const cases: Array<[string, Record<string, unknown>, Expected[]]> = [
  ['WhiteNoise right after SecurityMiddleware', { STATIC_ROOT: ROOT, MIDDLEWARE: [SECURITY, WHITENOISE, SESSIONS] }, []],
  ['WhiteNoise first without SecurityMiddleware', { STATIC_ROOT: ROOT, MIDDLEWARE: [WHITENOISE, SESSIONS] }, []],
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
