/**
 * The evaluator against real Python: each settings module is evaluated statically and imported by
 * /usr/bin/python3 (Debian's Django, django-environ, python-decouple, python-dotenv and
 * dj-database-url) under the same environment; every value we claim to know must be Python's.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { toJson } from '../../../src/project/python-value.js';
import { containsUnknown } from '../../../src/project/settings/values.js';
import { evaluateCase, py, type Case } from './harness.js';

const run = promisify(execFile);

const IMPORT_SETTINGS = `
import importlib, json, os, sys
root, module, env = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
os.environ.clear()
os.environ.update(env)
os.chdir(root)
sys.path.insert(0, root)
settings = importlib.import_module(module)
print(json.dumps({name: getattr(settings, name) for name in dir(settings) if name.isupper()}, default=str))
`;

/**
 * Debian ships releases of dj-database-url and django-environ older than Django 3.0, which still
 * name the PostgreSQL backend by its removed alias; the evaluator gives the current name.
 */
function normalise(v: unknown): unknown {
  if (v === 'django.db.backends.postgresql_psycopg2') return 'django.db.backends.postgresql';
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
  return v;
}

interface OracleCase extends Pick<Case, 'name' | 'files' | 'module' | 'env'> {
  /** Settings the evaluator cannot know: Python's value for them is not compared. */
  unknowable?: string[];
}

const cases: OracleCase[] = [
  {
    name: 'literals, arithmetic and formatting',
    files: { 'proj/settings.py': py(`
      DEBUG = False
      SITE_ID = 1
      SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
      HOST = 'example.com'
      URL = f"https://{HOST}:{8000 + 443}/"
      OLD = '%s-%05d' % ('id', 42)
      NEW = '{0}/{name}'.format('a', name='b')
      ADMINS = [('Admin', 'admin@' + HOST)]
      LANGUAGES = (('en', 'English'), ('pt', 'Portuguese'))
      CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache', 'TIMEOUT': 300 // 7}}
      FLAGS = {**CACHES['default'], 'KEY_PREFIX': 'x'}
    `) },
  },
  {
    name: 'string methods and comprehensions',
    files: { 'proj/settings.py': py(`
      RAW = ' a.com, B.com ,,c.com '
      ALLOWED_HOSTS = [h.strip().lower() for h in RAW.split(',') if h.strip()]
      FIRST, *REST = ALLOWED_HOSTS
      PARTS = 'x:y:z'.rsplit(':', 1)
      JOINED = '|'.join(sorted(ALLOWED_HOSTS, reverse=True))
      STARTS = [h for h in ALLOWED_HOSTS if h.startswith(('a', 'c'))]
      TITLE = 'hello django'.title().replace(' ', '_')
      MAPPING = {h: len(h) for h in ALLOWED_HOSTS}
      ENUM = list(enumerate(['p', 'q'], start=1))
    `) },
  },
  {
    name: "whitespace as Python knows it: split(), strip() and isspace() on \\x85, \\xa0, \\u3000, and not on \\ufeff",
    env: { HOSTS: '\xa0a.example.com\x85b.example.com\u3000 ', NAME: '\x1c app\ufeff \x1f' },
    files: { 'proj/settings.py': py(`
      import os
      ALLOWED_HOSTS = os.environ['HOSTS'].split()
      LAST = os.environ['HOSTS'].rsplit(None, 1)
      FIRST = os.environ['HOSTS'].split(None, 1)
      APP_NAME = os.environ['NAME'].strip()
      LEFT = os.environ['NAME'].lstrip()
      SPACE = ['\\x85\\u2028'.isspace(), '\\ufeff'.isspace(), ''.isspace()]
    `) },
  },
  {
    name: 'os.environ get, getenv and defaults',
    env: { DJANGO_DEBUG: 'True', SECRET_KEY: 'k', WEB_CONCURRENCY: '3' },
    files: { 'proj/settings.py': py(`
      import os
      DEBUG = os.environ.get('DJANGO_DEBUG', 'False') == 'True'
      SECRET_KEY = os.environ['SECRET_KEY']
      WORKERS = int(os.getenv('WEB_CONCURRENCY', '2'))
      TIMEOUT = int(os.getenv('TIMEOUT', 30))
      MISSING = os.environ.get('NOT_SET')
      HOSTS = os.environ.get('HOSTS', 'localhost,127.0.0.1').split(',')
    `) },
  },
  {
    name: 'conditions on the environment',
    env: { DYNO: 'web.1', STAGE: 'staging' },
    files: { 'proj/settings.py': py(`
      import os
      ON_HEROKU = 'DYNO' in os.environ
      if os.environ.get('STAGE') == 'production':
          LEVEL = 'production'
      elif os.environ.get('STAGE', '').startswith('stag'):
          LEVEL = 'staging'
      else:
          LEVEL = 'development'
      SECURE_SSL_REDIRECT = ON_HEROKU and LEVEL != 'development'
      LOG_LEVEL = 'INFO' if ON_HEROKU else 'DEBUG'
      if not os.environ.get('CI'):
          NOT_CI = True
    `) },
  },
  {
    name: 'os.environ.setdefault, assignment and pop',
    env: { KEPT: 'env' },
    files: { 'proj/settings.py': py(`
      import os
      os.environ.setdefault('MODE', 'default')
      os.environ.setdefault('KEPT', 'ignored')
      os.environ['EXTRA'] = 'added'
      MODE = os.environ['MODE']
      KEPT = os.environ['KEPT']
      EXTRA = os.environ.pop('EXTRA')
      AFTER_POP = os.environ.get('EXTRA', 'gone')
    `) },
  },
  {
    name: 'a KeyError caught by its handler',
    files: { 'proj/settings.py': py(`
      import os
      try:
          SECRET_KEY = os.environ['SECRET_KEY']
      except KeyError:
          SECRET_KEY = 'insecure-dev-key'
      try:
          PORT = int('not a number')
      except ValueError:
          PORT = 8000
    `) },
  },
  {
    name: 'star imports across a settings package',
    module: 'config.settings.production',
    env: { SECRET_KEY: 'prod-key' },
    files: {
      'config/__init__.py': '',
      'config/settings/__init__.py': '',
      'config/settings/base.py': py(`
        import os
        DEBUG = True
        SECRET_KEY = os.environ.get('SECRET_KEY', 'dev')
        INSTALLED_APPS = ['django.contrib.admin', 'django.contrib.auth']
        MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']
        DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}
      `),
      'config/settings/production.py': py(`
        from .base import *
        DEBUG = False
        INSTALLED_APPS += ['whitenoise.runserver_nostatic']
        MIDDLEWARE.insert(1, 'whitenoise.middleware.WhiteNoiseMiddleware')
        DATABASES['default']['CONN_MAX_AGE'] = 600
        ALLOWED_HOSTS = ['.herokuapp.com']
      `),
    },
  },
  {
    name: 'from .base import names',
    files: { 'proj/base.py': 'A = 1\nB = [1]\n_C = 3\n', 'proj/settings.py': 'from .base import A, B as BB\nfrom . import base\nD = base.A + len(BB)\n' },
  },
  {
    name: 'try import of a local settings file that exists',
    files: {
      'proj/settings.py': 'DEBUG = False\nALLOWED_HOSTS = []\ntry:\n    from .local import *\nexcept ImportError:\n    LOCAL = False\nelse:\n    LOCAL = True\n',
      'proj/local.py': "DEBUG = True\nALLOWED_HOSTS = ['*']\n",
    },
  },
  {
    name: 'try import of a local settings file that does not exist',
    files: { 'proj/settings.py': 'DEBUG = False\ntry:\n    from .local_settings import *\nexcept ImportError:\n    LOCAL = False\n' },
  },
  {
    name: 'the package __init__ runs before the settings module',
    module: 'proj.settings.prod',
    files: { 'proj/settings/__init__.py': "import os\nos.environ.setdefault('STAGE', 'init')\n", 'proj/settings/prod.py': "import os\nSTAGE = os.environ['STAGE']\n" },
  },
  {
    name: 'pathlib paths from __file__',
    files: { 'proj/settings.py': py(`
      from pathlib import Path
      BASE_DIR = Path(__file__).resolve().parent.parent
      DB_PATH = BASE_DIR / 'db.sqlite3'
      STATIC_ROOT = BASE_DIR / 'static' / 'collected'
      TEMPLATES_DIR = str(BASE_DIR.joinpath('templates'))
      PARENT = Path(__file__).resolve().parents[1]
      FILE_NAME = Path(__file__).name
    `) },
  },
  {
    name: 'os.path paths from __file__',
    files: { 'proj/settings.py': py(`
      import os
      BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
      STATIC_ROOT = os.path.join(BASE_DIR, 'staticfiles')
      MEDIA_ROOT = os.path.normpath(os.path.join(BASE_DIR, 'proj', '..', 'media'))
      SETTINGS_EXISTS = os.path.exists(os.path.join(BASE_DIR, 'proj', 'settings.py'))
      BASENAME = os.path.basename(STATIC_ROOT)
    `) },
  },
  {
    name: 'django-environ scheme casts',
    env: { DEBUG: 'on', ALLOWED_HOSTS: 'a.com,b.com', WORKERS: '4', FLAG: 'ok' },
    files: { 'proj/settings.py': py(`
      import environ
      env = environ.Env(DEBUG=(bool, False), ALLOWED_HOSTS=(list, []), WORKERS=int, MISSING=(str, 'fallback'))
      DEBUG = env('DEBUG')
      ALLOWED_HOSTS = env('ALLOWED_HOSTS')
      WORKERS = env('WORKERS')
      MISSING = env('MISSING')
      FLAG = env.bool('FLAG')
      OFF = env.bool('UNSET_FLAG', default=False)
    `) },
  },
  {
    name: 'django-environ typed getters',
    env: { RATIO: '0.75', HOSTS: 'x,y', PAIR: '(a,b)', OPTS: 'k=v,m=n', DATA: '{"a": [1, 2]}', PORTS: '80,443' },
    files: { 'proj/settings.py': py(`
      import environ
      env = environ.Env()
      PORT = env.int('PORT', default=8000)
      RATIO = env.float('RATIO')
      NAME = env.str('NAME', default='app')
      HOSTS = env.list('HOSTS')
      PAIR = env.tuple('PAIR')
      OPTS = env.dict('OPTS')
      DATA = env.json('DATA')
      PORTS = env.list('PORTS', cast=int)
    `) },
  },
  {
    name: 'django-environ read_env keeps variables already set',
    env: { SECRET_KEY: 'from-env' },
    files: {
      'proj/settings.py': "import environ\nenv = environ.Env()\nenviron.Env.read_env('.env')\nSECRET_KEY = env('SECRET_KEY')\nDEBUG = env.bool('DEBUG')\nNAME = env('NAME')\n",
      '.env': "SECRET_KEY=from-file\nDEBUG=yes\nNAME='quoted name'\n",
    },
  },
  {
    name: 'django-environ db URLs',
    env: { DATABASE_URL: 'postgres://user:p%40ss@db.example.com:5433/name', MYSQL_URL: 'mysql://u:p@h:3306/d' },
    files: { 'proj/settings.py': "import environ\nenv = environ.Env()\nDATABASES = {'default': env.db(), 'mysql': env.db('MYSQL_URL')}\nLOCAL = env.db_url('LOCAL_URL', default='sqlite:////srv/app/db.sqlite3')\n" },
  },
  {
    name: 'django-environ Path arithmetic',
    files: { 'proj/settings.py': "import environ\nROOT = environ.Path(__file__) - 2\nSTATIC_ROOT = ROOT('static')\nMEDIA_ROOT = str(ROOT.path('media'))\n" },
  },
  {
    name: 'decouple defaults and casts',
    env: { DEBUG: 'off', ALLOWED_HOSTS: 'a.com, b.com', PORT: '8080' },
    files: { 'proj/settings.py': py(`
      from decouple import config, Csv
      DEBUG = config('DEBUG', default=True, cast=bool)
      ALLOWED_HOSTS = config('ALLOWED_HOSTS', cast=Csv())
      PORT = config('PORT', cast=int)
      TIMEOUT = config('TIMEOUT', default=30, cast=int)
      NAME = config('NAME', default='app')
      SSL = config('SSL', default='yes', cast=bool)
    `) },
  },
  {
    name: 'decouple reads the .env found walking up',
    module: 'proj.settings.prod',
    files: {
      'proj/settings/__init__.py': '',
      'proj/settings/prod.py': "from decouple import config\nSECRET_KEY = config('SECRET_KEY')\nDEBUG = config('DEBUG', cast=bool)\nQUOTED = config('QUOTED')\n",
      '.env': "SECRET_KEY=file-key\nDEBUG=True\nQUOTED = 'spaced value'\n",
    },
  },
  {
    name: 'decouple: the environment wins over the .env',
    env: { SECRET_KEY: 'env-key' },
    files: { 'proj/settings.py': "from decouple import config\nSECRET_KEY = config('SECRET_KEY')\nOTHER = config('OTHER', default='d')\n", '.env': 'SECRET_KEY=file-key\nOTHER=file-other\n' },
  },
  {
    name: 'python-dotenv load_dotenv() finds the .env walking up',
    module: 'proj.settings.base',
    files: {
      'proj/settings/__init__.py': '',
      'proj/settings/base.py': "import os\nfrom dotenv import load_dotenv\nload_dotenv()\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = os.getenv('DEBUG') == '1'\nURL = os.environ['URL']\n",
      '.env': 'export SECRET_KEY="quoted # kept"\nDEBUG=1 # comment\nHOST=db\nURL=postgres://${HOST}/app\n',
    },
  },
  {
    name: 'python-dotenv does not override unless told to',
    env: { A: 'env', B: 'env' },
    files: {
      'proj/settings.py': "import os\nfrom dotenv import load_dotenv\nload_dotenv('.env')\nA = os.environ['A']\nC = os.environ['C']\nload_dotenv('override.env', override=True)\nB = os.environ['B']\n",
      '.env': 'A=file\nC=only-in-file\n',
      'override.env': 'B=file\n',
    },
  },
  {
    name: 'python-dotenv dotenv_values',
    files: { 'proj/settings.py': "import os\nfrom dotenv import dotenv_values\nVALUES = dotenv_values('.env')\nSEEN = os.getenv('A', 'not loaded')\n", '.env': "A=1\nB='two'\n" },
  },
  {
    name: 'dj-database-url config with DATABASE_URL',
    env: { DATABASE_URL: 'postgres://u7k:pw@ec2.compute.amazonaws.com:5432/d8r8' },
    files: { 'proj/settings.py': "import dj_database_url\nDATABASES = {'default': dj_database_url.config(conn_max_age=600, ssl_require=True)}\n" },
  },
  {
    name: 'dj-database-url defaults and parse',
    files: { 'proj/settings.py': "import dj_database_url\nEMPTY = dj_database_url.config()\nLOCAL = dj_database_url.config(default='sqlite:////srv/db.sqlite3')\nPARSED = dj_database_url.parse('mysql://u:p@h:3306/d', conn_max_age=60)\n" },
  },
  {
    name: 'loops, unpacking and conditional expressions',
    files: { 'proj/settings.py': py(`
      APPS = []
      for name in ['admin', 'auth', 'skip', 'sessions']:
          if name == 'skip':
              continue
          APPS.append('django.contrib.' + name)
      else:
          LOOP_DONE = True
      INSTALLED_APPS = APPS
      A, (B, C) = 1, ('x', 'y')
      X = Y = 'same'
      SIZE = 'big' if len(APPS) > 2 else 'small'
      ANY_AUTH = any(a.endswith('auth') for a in APPS)
    `) },
  },
  {
    name: 'project functions: get_env_variable, get_bool_from_env, defaults, *args and **kwargs',
    env: { SECRET_KEY: 'k', DJANGO_DEBUG: 'yes' },
    files: { 'proj/settings.py': py(`
      import os
      from django.core.exceptions import ImproperlyConfigured
      def get_env_variable(var_name):
          try:
              return os.environ[var_name]
          except KeyError:
              raise ImproperlyConfigured('Set the %s environment variable' % var_name)
      def get_bool_from_env(name, default=False):
          value = os.environ.get(name)
          if value is None:
              return default
          return value.lower() in ('1', 'true', 'yes')
      def build(a, b=2, *rest, sep='-', **extra):
          return sep.join([str(a), str(b)] + [str(r) for r in rest] + sorted(extra))
      SECRET_KEY = get_env_variable('SECRET_KEY')
      DEBUG = get_bool_from_env('DJANGO_DEBUG')
      SSL = get_bool_from_env('SSL', default=True)
      JOINED = [build(1), build(1, 3, 4, sep='+'), build(b=7, a=8, z=1)]
    `) },
  },
  {
    name: 'project classes: static and class methods, instances, properties, closures and lambdas',
    files: { 'proj/settings.py': py(`
      class DebugToolbarSetup:
          ENABLED = True
          @staticmethod
          def do_settings(installed_apps, middleware):
              if not DebugToolbarSetup.ENABLED:
                  return installed_apps, middleware
              installed_apps.append('debug_toolbar')
              middleware.insert(0, 'debug_toolbar.middleware.DebugToolbarMiddleware')
              return installed_apps, middleware
          @classmethod
          def label(cls):
              return cls.__name__.lower()
      class Env:
          PREFIX = 'APP_'
          def __init__(self, values):
              self.values = values
          def get(self, name, default=None):
              return self.values.get(self.PREFIX + name, default)
          @property
          def size(self):
              return len(self.values)
      def prefixed(prefix):
          return lambda name: prefix + name
      INSTALLED_APPS = ['django.contrib.admin']
      MIDDLEWARE = ['django.middleware.common.CommonMiddleware']
      INSTALLED_APPS, MIDDLEWARE = DebugToolbarSetup.do_settings(INSTALLED_APPS, MIDDLEWARE)
      LABEL = DebugToolbarSetup.label()
      env = Env({'APP_NAME': 'shop'})
      NAME = env.get('NAME')
      SIZE = env.size
      contrib = prefixed('django.contrib.')
      APPS = [contrib('auth'), contrib('sessions')]
      HOSTS = sorted(['bb', 'a', 'ccc'], key=lambda h: len(h))
      UPPER = list(map(lambda h: h.upper(), HOSTS))
    `) },
  },
  {
    name: 'helpers in a module of the project, and decouple reading the .env above the helper',
    module: 'proj.settings.production',
    env: { ALLOWED_HOSTS: 'a.com, b.com' },
    files: {
      'proj/settings/__init__.py': '',
      'proj/helpers/__init__.py': '',
      'proj/helpers/env.py': py(`
        import os
        from decouple import config
        def env_list(name, default=''):
            return [item.strip() for item in os.environ.get(name, default).split(',') if item.strip()]
        def secret(name):
            return config(name)
      `),
      'proj/settings/production.py': py(`
        from proj.helpers.env import env_list, secret
        ALLOWED_HOSTS = env_list('ALLOWED_HOSTS', 'localhost')
        SECRET_KEY = secret('SECRET_KEY')
      `),
      'proj/helpers/.env': 'SECRET_KEY=from-helpers-env\n',
      '.env': 'SECRET_KEY=from-root-env\n',
    },
  },
  {
    name: 'an undecidable condition leaves unrelated settings and the other DATABASES keys known',
    files: { 'proj/settings.py': py(`
      import socket
      DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'app', 'CONN_MAX_AGE': 60}}
      if socket.gethostname() == 'no-such-host-here':
          DATABASES['default']['OPTIONS'] = {'sslmode': 'require'}
          DATABASES['default']['CONN_MAX_AGE'] = 0
          DEBUG = True
      else:
          DEBUG = False
      ALLOWED_HOSTS = ['example.com']
    `) },
    unknowable: ['DATABASES', 'DEBUG'],
  },
  {
    name: 'values that need running code stay unknown, the rest agree',
    files: { 'proj/settings.py': "import socket\nfrom django.core.management.utils import get_random_secret_key\nSECRET_KEY = get_random_secret_key()\nHOSTNAME = socket.gethostname()\nDEBUG = False\n" },
    unknowable: ['SECRET_KEY', 'HOSTNAME'],
  },
];

/** Python's value with the evaluator's Unknowns put where the evaluator has them: the rest must match. */
function knownParts(ours: unknown, python: unknown): unknown {
  if (ours && typeof ours === 'object' && !Array.isArray(ours) && 'unknown' in ours && Object.keys(ours).length === 1) return ours;
  if (Array.isArray(ours) && Array.isArray(python) && ours.length === python.length) return python.map((x, i) => knownParts(ours[i], x));
  if (ours && python && typeof ours === 'object' && typeof python === 'object' && !Array.isArray(ours) && !Array.isArray(python)) {
    const known = Object.fromEntries(Object.entries(python).map(([k, x]) => [k, knownParts((ours as Record<string, unknown>)[k], x)]));
    // A key only some paths set is unknown in ours: Python, on its one path, may not have it.
    for (const [k, x] of Object.entries(ours)) if (!(k in known) && x && typeof x === 'object' && 'unknown' in x) known[k] = x;
    return known;
  }
  return python;
}

for (const c of cases) {
  test(`oracle: ${c.name}`, async () => {
    const { result, root } = await evaluateCase(c);
    const { stdout } = await run('/usr/bin/python3', ['-B', '-c', IMPORT_SETTINGS, root, c.module ?? 'proj.settings', JSON.stringify(c.env ?? {})], { env: {} });
    const python = normalise(JSON.parse(stdout)) as Record<string, unknown>;
    assert.deepEqual(result.settings.names().sort(), Object.keys(python).sort(), 'the same settings are defined');
    for (const [name, expected] of Object.entries(python)) {
      const value = result.settings.get(name)!.value;
      if (c.unknowable?.includes(name)) {
        assert.ok(containsUnknown(value), `${name} is expected to be unknown`);
        // What the evaluator does know of it (the other keys of a dict) must still be Python's.
        assert.deepEqual(toJson(value), knownParts(toJson(value), expected), `the known parts of ${name}`);
        continue;
      }
      assert.ok(!containsUnknown(value), `${name} should be known: ${JSON.stringify(toJson(value))}`);
      assert.deepEqual(toJson(value), expected, name);
    }
  });
}

test('oracle: at least 25 settings modules are compared', () => assert.ok(cases.length >= 25));
