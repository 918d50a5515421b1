import assert from 'node:assert/strict';
import { py, runCases } from './harness.js';

/** Modelled on Heroku's python-getting-started settings. */
const gettingStarted = py(`
  import os
  import secrets
  from pathlib import Path

  import dj_database_url

  BASE_DIR = Path(__file__).resolve().parent.parent
  IS_HEROKU_APP = "DYNO" in os.environ and "CI" not in os.environ
  SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", default=secrets.token_urlsafe(nbytes=64))
  if not IS_HEROKU_APP:
      DEBUG = True
  if IS_HEROKU_APP:
      ALLOWED_HOSTS = ["*"]
  else:
      ALLOWED_HOSTS = [".localhost", "127.0.0.1", "[::1]", "0.0.0.0"]
  INSTALLED_APPS = [
      "hello",
      "whitenoise.runserver_nostatic",
      "django.contrib.admin",
  ]
  MIDDLEWARE = [
      "django.middleware.security.SecurityMiddleware",
      "whitenoise.middleware.WhiteNoiseMiddleware",
  ]
  if IS_HEROKU_APP:
      DATABASES = {
          "default": dj_database_url.config(
              env="DATABASE_URL",
              conn_max_age=600,
              conn_health_checks=True,
              ssl_require=True,
          ),
      }
  else:
      DATABASES = {
          "default": {
              "ENGINE": "django.db.backends.sqlite3",
              "NAME": BASE_DIR / "db.sqlite3",
          }
      }
  STATIC_ROOT = BASE_DIR / "staticfiles"
  STATIC_URL = "static/"
  STORAGES = {
      "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
      "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
  }
`);

/** Modelled on cookiecutter-django's split settings. */
const cookiecutterBase = py(`
  from pathlib import Path

  import environ

  BASE_DIR = Path(__file__).resolve(strict=True).parent.parent.parent
  APPS_DIR = BASE_DIR / "proj"
  env = environ.Env()

  READ_DOT_ENV_FILE = env.bool("DJANGO_READ_DOT_ENV_FILE", default=False)
  if READ_DOT_ENV_FILE:
      env.read_env(str(BASE_DIR / ".env"))

  DEBUG = env.bool("DJANGO_DEBUG", False)
  TIME_ZONE = "UTC"
  DATABASES = {"default": env.db("DATABASE_URL")}
  DATABASES["default"]["ATOMIC_REQUESTS"] = True
  DJANGO_APPS = ["django.contrib.auth", "django.contrib.admin"]
  THIRD_PARTY_APPS = ["crispy_forms", "allauth"]
  LOCAL_APPS = ["proj.users"]
  INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS
  STATICFILES_DIRS = [str(APPS_DIR / "static")]
  ADMINS = [("""Someone""", "someone@example.com")]
  MANAGERS = ADMINS
`);

const cookiecutterProduction = py(`
  from .base import *  # noqa
  from .base import env

  SECRET_KEY = env("DJANGO_SECRET_KEY")
  ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["example.com"])
  DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
  CACHES = {
      "default": {
          "BACKEND": "django_redis.cache.RedisCache",
          "LOCATION": env("REDIS_URL"),
          "OPTIONS": {"IGNORE_EXCEPTIONS": True},
      }
  }
  SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
  SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
  SECURE_HSTS_SECONDS = 60
  INSTALLED_APPS += ["anymail"]

  import sentry_sdk
  sentry_sdk.init(dsn=env("SENTRY_DSN"), traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0))
`);

const cookiecutterFiles = {
  'config/__init__.py': '',
  'config/settings/__init__.py': '',
  'config/settings/base.py': cookiecutterBase,
  'config/settings/production.py': cookiecutterProduction,
  'proj/users/__init__.py': '',
  '.env': 'DJANGO_SECRET_KEY=from-dotenv\n',
};

runCases('realistic', [
  {
    name: 'getting-started settings on a Heroku dyno',
    files: { 'gettingstarted/settings.py': gettingStarted, 'hello/__init__.py': '' },
    module: 'gettingstarted.settings',
    env: { DYNO: 'web.1', DATABASE_URL: 'postgres://u:p@host:5432/db', DJANGO_SECRET_KEY: 'k' },
    values: {
      SECRET_KEY: 'k',
      ALLOWED_HOSTS: ['*'],
      DATABASES: { default: { NAME: 'db', USER: 'u', PASSWORD: 'p', HOST: 'host', PORT: 5432, CONN_MAX_AGE: 600, CONN_HEALTH_CHECKS: true, ENGINE: 'django.db.backends.postgresql', OPTIONS: { sslmode: 'require' } } },
      STATIC_ROOT: '<root>/staticfiles',
    },
    absent: ['DEBUG'],
    check: (result) => {
      assert.deepEqual(result.imports.map((u) => u.module), [
        'dj_database_url',
        'whitenoise.runserver_nostatic',
        'django.contrib.admin',
        'django.middleware.security',
        'whitenoise.middleware',
        'django.db.backends.postgresql',
        'django.core.files.storage',
        'whitenoise.storage',
      ]);
    },
  },
  {
    name: 'getting-started settings on a laptop',
    files: { 'gettingstarted/settings.py': gettingStarted },
    module: 'gettingstarted.settings',
    values: { DEBUG: true, ALLOWED_HOSTS: ['.localhost', '127.0.0.1', '[::1]', '0.0.0.0'], DATABASES: { default: { ENGINE: 'django.db.backends.sqlite3', NAME: '<root>/db.sqlite3' } } },
    unknown: { SECRET_KEY: /calls secrets\.token_urlsafe\(\)/ },
  },
  {
    name: 'cookiecutter production settings with every variable set',
    files: cookiecutterFiles,
    module: 'config.settings.production',
    env: { DJANGO_SECRET_KEY: 's', DATABASE_URL: 'postgres://u:p@h:5432/d', REDIS_URL: 'redis://r:6379/0', DJANGO_ALLOWED_HOSTS: 'a.example.com', SENTRY_DSN: 'https://x@sentry.io/1' },
    values: {
      SECRET_KEY: 's',
      DEBUG: false,
      ALLOWED_HOSTS: ['a.example.com'],
      DATABASES: { default: { NAME: 'd', USER: 'u', PASSWORD: 'p', HOST: 'h', PORT: 5432, ENGINE: 'django.db.backends.postgresql', ATOMIC_REQUESTS: true, CONN_MAX_AGE: 60 } },
      INSTALLED_APPS: ['django.contrib.auth', 'django.contrib.admin', 'crispy_forms', 'allauth', 'proj.users', 'anymail'],
      SECURE_SSL_REDIRECT: true,
      STATICFILES_DIRS: ['<root>/proj/static'],
      MANAGERS: [['Someone', 'someone@example.com']],
    },
    origins: { DATABASES: 'config/settings/production.py:6', INSTALLED_APPS: 'config/settings/production.py:17', DEBUG: 'config/settings/base.py:13' },
    check: (result) => {
      assert.deepEqual(result.dotenvFilesRead, [], 'the .env is read only when DJANGO_READ_DOT_ENV_FILE is set');
      assert.deepEqual(result.envReads.filter((r) => r.required).map((r) => r.name), ['DATABASE_URL', 'DJANGO_SECRET_KEY', 'REDIS_URL', 'SENTRY_DSN']);
    },
  },
  {
    name: 'cookiecutter production settings reading the .env, with DATABASE_URL missing',
    files: cookiecutterFiles,
    module: 'config.settings.production',
    env: { DJANGO_READ_DOT_ENV_FILE: 'True', REDIS_URL: 'redis://r:6379/0', SENTRY_DSN: 'x' },
    values: { SECRET_KEY: 'from-dotenv', ALLOWED_HOSTS: ['example.com'] },
    unknown: { DATABASES: /env\('DATABASE_URL'\): DATABASE_URL is not set and has no default: the app would not boot/ },
    check: (result) => assert.deepEqual(result.dotenvFilesRead, ['.env']),
  },
]);
