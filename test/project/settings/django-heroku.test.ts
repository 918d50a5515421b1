import assert from 'node:assert/strict';
import { toJson } from '../../../src/project/python-value.js';
import { py, runCases } from './harness.js';

const settings = py(`
  import os
  import django_heroku
  from pathlib import Path
  BASE_DIR = Path(__file__).resolve().parent.parent
  SECRET_KEY = 'dev'
  ALLOWED_HOSTS = []
  MIDDLEWARE = ['django.middleware.security.SecurityMiddleware', 'django.contrib.sessions.middleware.SessionMiddleware']
  DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}
  django_heroku.settings(locals())
`);

runCases('django-heroku', [
  {
    name: 'settings(locals()) with DATABASE_URL and SECRET_KEY set',
    files: { 'proj/settings.py': settings },
    env: { DATABASE_URL: 'postgres://u:p@h:5432/d', SECRET_KEY: 'from-env' },
    values: {
      ALLOWED_HOSTS: ['*'],
      DATABASES: { default: { NAME: 'd', USER: 'u', PASSWORD: 'p', HOST: 'h', PORT: 5432, CONN_MAX_AGE: 600, ENGINE: 'django.db.backends.postgresql', OPTIONS: { sslmode: 'require' } } },
      STATIC_ROOT: '<root>/staticfiles',
      STATIC_URL: '/static/',
      MIDDLEWARE: ['whitenoise.middleware.WhiteNoiseMiddleware', 'django.middleware.security.SecurityMiddleware', 'django.contrib.sessions.middleware.SessionMiddleware'],
      STATICFILES_STORAGE: 'whitenoise.storage.CompressedManifestStaticFilesStorage',
      SECRET_KEY: 'from-env',
    },
    origins: { ALLOWED_HOSTS: 'proj/settings.py:9', DATABASES: 'proj/settings.py:9', SECRET_KEY: 'proj/settings.py:9' },
    absent: ['TEST_RUNNER'],
    check: (result) => {
      const logging = toJson(result.settings.get('LOGGING')!.value) as Record<string, unknown>;
      assert.equal(logging.disable_existing_loggers, false);
      assert.deepEqual(Object.keys(logging.handlers as object), ['null', 'console']);
    },
  },
  {
    name: 'without DATABASE_URL the databases stay; CI sets the test runner; CONN_MAX_AGE is honoured',
    files: { 'proj/settings.py': settings.replace('django_heroku.settings', 'CONN_MAX_AGE = 30\ndjango_heroku.settings') },
    env: { CI: 'true' },
    values: {
      DATABASES: { default: { ENGINE: 'django.db.backends.sqlite3', NAME: 'db.sqlite3' } },
      SECRET_KEY: 'dev',
      TEST_RUNNER: 'django_heroku.HerokuDiscoverRunner',
    },
    origins: { SECRET_KEY: 'proj/settings.py:5' },
  },
  {
    name: 'parts turned off by keyword are left alone',
    files: { 'proj/settings.py': settings.replace('settings(locals())', 'settings(locals(), allowed_hosts=False, staticfiles=False, databases=False)') },
    env: { DATABASE_URL: 'postgres://u:p@h:5432/d' },
    values: { ALLOWED_HOSTS: [], MIDDLEWARE: ['django.middleware.security.SecurityMiddleware', 'django.contrib.sessions.middleware.SessionMiddleware'], DATABASES: { default: { ENGINE: 'django.db.backends.sqlite3', NAME: 'db.sqlite3' } } },
    absent: ['STATIC_ROOT', 'STATICFILES_STORAGE'],
  },
]);
