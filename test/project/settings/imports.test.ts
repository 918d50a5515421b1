import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../../src/core/errors.js';
import { evaluateSettings } from '../../../src/project/settings/evaluate.js';
import type { SettingsEvaluation } from '../../../src/project/settings/types.js';
import { py, runCases, writeProject } from './harness.js';

runCases('imports', [
  {
    name: 'star imports chain across files, in order, last one wins',
    module: 'config.settings.production',
    files: {
      'config/__init__.py': '',
      'config/settings/__init__.py': '',
      'config/settings/base.py': py(`
        DEBUG = True
        INSTALLED_APPS = ['django.contrib.admin']
        _HIDDEN = 1
        helper = 'h'
      `),
      'config/settings/production.py': py(`
        from .base import *
        DEBUG = False
        INSTALLED_APPS += ['whitenoise.runserver_nostatic']
        HELPER_SEEN = helper
      `),
    },
    values: { DEBUG: false, INSTALLED_APPS: ['django.contrib.admin', 'whitenoise.runserver_nostatic'], HELPER_SEEN: 'h' },
    absent: ['_HIDDEN'],
    origins: { DEBUG: 'config/settings/production.py:2', INSTALLED_APPS: 'config/settings/production.py:3' },
    check: (result) => assert.deepEqual(result.files, ['config/__init__.py', 'config/settings/__init__.py', 'config/settings/production.py', 'config/settings/base.py']),
  },
  {
    name: 'a setting only the base sets keeps the base as its origin',
    files: { 'proj/base.py': 'TIME_ZONE = "UTC"\n\nUSE_TZ = True\n', 'proj/settings.py': 'from proj.base import *\n' },
    values: { TIME_ZONE: 'UTC', USE_TZ: true },
    origins: { USE_TZ: 'proj/base.py:3' },
  },
  {
    name: 'from .base import NAME, with an alias',
    files: { 'proj/base.py': 'SECRET_KEY = "s"\nOTHER = 1\n', 'proj/settings.py': 'from .base import SECRET_KEY, OTHER as RENAMED\n' },
    values: { SECRET_KEY: 's', RENAMED: 1 },
    absent: ['OTHER'],
  },
  {
    name: 'a star import respects __all__',
    files: { 'proj/base.py': "__all__ = ['A']\nA = 1\nB = 2\n", 'proj/settings.py': 'from .base import *\n' },
    values: { A: 1 },
    absent: ['B'],
  },
  {
    name: 'a helper module of the project that builds an environ.Env',
    files: {
      'proj/env.py': 'import environ\nenv = environ.Env(DEBUG=(bool, False))\n',
      'proj/settings.py': "from .env import env\nDEBUG = env('DEBUG')\nNAME = env.str('NAME', default='x')\n",
    },
    env: { DEBUG: 'yes' },
    values: { DEBUG: true, NAME: 'x' },
  },
  {
    name: 'import of a project module and attribute access',
    files: { 'proj/constants.py': 'TIMEOUT = 30\n', 'proj/settings.py': 'import proj.constants\nfrom proj import constants as c\nA = proj.constants.TIMEOUT\nB = c.TIMEOUT * 2\n' },
    values: { A: 30, B: 60 },
  },
  {
    name: 'a relative import two levels up',
    module: 'proj.settings.prod',
    files: { 'proj/shared.py': 'X = 1\n', 'proj/settings/__init__.py': '', 'proj/settings/prod.py': 'from ..shared import X\n' },
    values: { X: 1 },
  },
  {
    name: 'the package __init__ runs before the module',
    module: 'proj.settings.prod',
    files: { 'proj/settings/__init__.py': "import os\nos.environ.setdefault('STAGE', 'from-init')\n", 'proj/settings/prod.py': "import os\nSTAGE = os.environ['STAGE']\n" },
    values: { STAGE: 'from-init' },
  },
  {
    name: 'functions from modules outside the project are opaque',
    files: { 'proj/settings.py': 'from django.core.management.utils import get_random_secret_key\nSECRET_KEY = get_random_secret_key()\n' },
    unknown: { SECRET_KEY: /calls django\.core\.management\.utils\.get_random_secret_key\(\)/ },
  },
  {
    name: 'django.VERSION is the Django the project runs, when given',
    files: { 'proj/settings.py': "import django\nif django.VERSION >= (4, 2):\n    STORAGES = {}\nelse:\n    STATICFILES_STORAGE = 'x'\n" },
    django: { major: 5, minor: 2 },
    values: { STORAGES: {} },
    absent: ['STATICFILES_STORAGE'],
  },
  {
    name: 'django.VERSION not given: both branches are possible',
    files: { 'proj/settings.py': "import django\nif django.VERSION >= (4, 2):\n    STORAGES = {}\nelse:\n    STATICFILES_STORAGE = 'x'\n" },
    unknown: { STORAGES: /^depends on django\.VERSION >= \(4, 2\) \(proj\/settings\.py:2\)$/, STATICFILES_STORAGE: /depends on django\.VERSION/ },
  },
  {
    name: 'a star import from an unread module makes unknown names unknown, not errors',
    files: { 'proj/settings.py': 'from django.conf.global_settings import *\nA = DEFAULT_CHARSET\n' },
    unknown: { A: /may come from `from django\.conf\.global_settings import \*`/ },
  },
  {
    name: 'a missing name in a project module fails that import only',
    files: { 'proj/base.py': 'A = 1\n', 'proj/settings.py': 'from .base import A, MISSING\nB = 2\n' },
    unknown: { MISSING: /cannot import name 'MISSING' from 'proj\.base'/ },
    values: { B: 2 },
  },
]);

runCases('recorded imports', [
  {
    name: 'third-party imports and dotted setting strings are recorded; stdlib and project ones are not',
    files: {
      'proj/apps.py': '',
      'proj/settings.py': py(`
        import os, sys
        import json as j
        from pathlib import Path
        import dj_database_url
        from decouple import config
        from . import apps
        import proj.apps
        INSTALLED_APPS = ['django.contrib.admin', 'rest_framework', 'proj', 'proj.apps.ProjConfig', 'storages.apps.StoragesConfig']
        MIDDLEWARE = ['whitenoise.middleware.WhiteNoiseMiddleware', 'proj.middleware.Thing']
        DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql'}}
        CACHES = {'default': {'BACKEND': 'django_redis.cache.RedisCache'}}
        STORAGES = {'staticfiles': {'BACKEND': 'whitenoise.storage.CompressedManifestStaticFilesStorage'}}
        EMAIL_BACKEND = 'anymail.backends.mailgun.EmailBackend'
        TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates'}]
      `),
    },
    check: (result) => {
      const uses = result.imports.map((u) => `${u.how} ${u.module} ${u.file}:${u.line}`);
      assert.deepEqual(uses, [
        'import dj_database_url proj/settings.py:4',
        'import decouple proj/settings.py:5',
        'setting django.contrib.admin proj/settings.py:8',
        'setting rest_framework proj/settings.py:8',
        'setting storages.apps proj/settings.py:8',
        'setting whitenoise.middleware proj/settings.py:9',
        'setting django.db.backends.postgresql proj/settings.py:10',
        'setting django_redis.cache proj/settings.py:11',
        'setting whitenoise.storage proj/settings.py:12',
        'setting anymail.backends.mailgun proj/settings.py:13',
        'setting django.template.backends.django proj/settings.py:14',
      ]);
    },
  },
]);

test('imports: a settings module not in the tree is an input error naming where it was looked for', async () => {
  const root = writeProject({ 'proj/settings.py': 'A = 1\n' });
  await assert.rejects(evaluateSettings({ root, module: 'proj.nope', env: {} }), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.match(e.message, /^settings module proj\.nope not found: there is no proj\/nope\.py or proj\/nope\/__init__\.py under /);
    return true;
  });
});

test('imports: a relative import of a missing module, outside a try, is an input error with file and line', async () => {
  const root = writeProject({ 'proj/settings.py': 'A = 1\nfrom .base import *\n' });
  await assert.rejects(evaluateSettings({ root, module: 'proj.settings', env: {} }), {
    name: 'InputError',
    message: 'proj/settings.py:2: cannot import proj.base: there is no proj/base.py or proj/base/__init__.py in the project',
  });
});

test('imports: a settings file with a syntax error is an input error with its line, quoting no source', async () => {
  const root = writeProject({ 'proj/settings.py': 'A = 1\nB = [1, 2\nSECRET_KEY = "hunter2"\n' });
  await assert.rejects(evaluateSettings({ root, module: 'proj.settings', env: {} }), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.match(e.message, /^proj\/settings\.py:2: invalid Python syntax \(.+\)$/);
    assert.doesNotMatch(e.message, /hunter2/);
    return true;
  });
});

test('imports: a syntax error in a star-imported file names that file', async () => {
  const root = writeProject({ 'proj/base.py': 'X = 1\n\ndef broken(:\n    pass\n', 'proj/settings.py': 'from .base import *\n' });
  await assert.rejects(evaluateSettings({ root, module: 'proj.settings', env: {} }), { name: 'InputError', message: /^proj\/base\.py:3: invalid Python syntax/ });
});

test('imports: a module name that is not a Python name is an input error', async () => {
  await assert.rejects(evaluateSettings({ root: writeProject({}), module: 'proj/settings.py', env: {} }), { name: 'InputError' });
});

const OPTIONAL_TOOLBAR = py(`
  INSTALLED_APPS = ['django.contrib.admin']
  try:
      import debug_toolbar
      INSTALLED_APPS += ['debug_toolbar']
      TOOLBAR = True
  except ImportError:
      TOOLBAR = False
  try:
      from whitenoise.storage import CompressedManifestStaticFilesStorage
      STORAGE = 'whitenoise'
  except ModuleNotFoundError:
      STORAGE = 'default'
  DEBUG = False
`);

runCases('optional imports decided by the requirements', [
  {
    name: 'a package the requirements do not declare is not there: the except branch runs',
    files: { 'proj/settings.py': OPTIONAL_TOOLBAR },
    installed: ['whitenoise'],
    values: { INSTALLED_APPS: ['django.contrib.admin'], TOOLBAR: false, STORAGE: 'whitenoise', DEBUG: false },
  },
  {
    name: 'a declared package is there: the try body runs',
    files: { 'proj/settings.py': OPTIONAL_TOOLBAR },
    installed: ['debug_toolbar', 'whitenoise'],
    values: { INSTALLED_APPS: ['django.contrib.admin', 'debug_toolbar'], TOOLBAR: true, STORAGE: 'whitenoise' },
  },
  {
    name: 'with no requirements known, both ways are followed and only what differs is unknown',
    files: { 'proj/settings.py': OPTIONAL_TOOLBAR },
    unknown: { INSTALLED_APPS: /try block/, TOOLBAR: /try block/, STORAGE: /try block/ },
    values: { DEBUG: false },
  },
  {
    name: 'an undeclared import outside a try is still followed (the missing package is a finding, not a guess)',
    files: { 'proj/settings.py': 'import dj_database_url\nDATABASES = {"default": dj_database_url.config(default="sqlite:////tmp/db")}\n' },
    installed: [],
    values: { DATABASES: { default: { ENGINE: 'django.db.backends.sqlite3', NAME: '/tmp/db', USER: '', PASSWORD: '', HOST: '', PORT: '', CONN_MAX_AGE: 0 } } },
  },
]);

// Django-Styleguide-Example's config/settings/debug_toolbar/setup.py: the guarded import sits in a helper
// the settings call through a static method; it is as optional as the module-level one.
const GUARDED_IN_A_FUNCTION = {
  'proj/__init__.py': '',
  'proj/toolbar.py': py(`
    def show_toolbar():
        try:
            import debug_toolbar  # noqa
        except ImportError:
            return False
        return True

    class Setup:
        @staticmethod
        def do_settings(apps):
            if not show_toolbar():
                return apps
            return apps + ['debug_toolbar']
  `),
  'proj/settings.py': py(`
    from proj.toolbar import Setup
    try:
        import silk
    except ImportError:
        silk = None
    try:
        import sentry_sdk
    except ImportError:
        raise RuntimeError('pip install sentry-sdk')
    try:
        import redis
    except KeyError:
        pass
    INSTALLED_APPS = Setup.do_settings(['django.contrib.admin'])
  `),
};

const importsOf = (result: SettingsEvaluation) =>
  Object.fromEntries(result.imports.filter((u) => u.how === 'import').map((u) => [`${u.module}@${u.file}:${u.line}`, u.optional ?? false]));

runCases('imports guarded by except ImportError are optional', [
  {
    name: 'in a function and at module level; not when the handler raises again or catches something else',
    files: GUARDED_IN_A_FUNCTION,
    installed: ['sentry_sdk', 'redis'],
    values: { INSTALLED_APPS: ['django.contrib.admin'] },
    check: (result) =>
      assert.deepEqual(importsOf(result), {
        'debug_toolbar@proj/toolbar.py:3': true,
        'silk@proj/settings.py:3': true,
        'sentry_sdk@proj/settings.py:7': false,
        'redis@proj/settings.py:11': false,
      }),
  },
  {
    name: 'a declared package is still imported, and the try body runs',
    files: GUARDED_IN_A_FUNCTION,
    installed: ['debug_toolbar', 'silk', 'sentry_sdk', 'redis'],
    values: { INSTALLED_APPS: ['django.contrib.admin', 'debug_toolbar'] },
    check: (result) => assert.equal(importsOf(result)['debug_toolbar@proj/toolbar.py:3'], true),
  },
]);

test('imports: a line run both guarded and unguarded is not optional', async () => {
  const root = writeProject({
    'proj/__init__.py': '',
    'proj/settings.py': py(`
      def load():
          import markdown
          return True
      try:
          OK = load()
      except ImportError:
          OK = False
      AGAIN = load()
    `),
  });
  const result = await evaluateSettings({ root, module: 'proj.settings', env: {} });
  assert.deepEqual(result.imports.filter((u) => u.module === 'markdown').map((u) => u.optional ?? false), [false]);
});

// python/pythondotorg: apps listed in base.py, one added in heroku.py. Each app is placed where it is
// written, not at the child file's `INSTALLED_APPS +=` line (that reported `colorfield` at heroku.py:65).
test('imports: an app a settings list names is placed at the line that writes it', async () => {
  const root = writeProject({
    'proj/__init__.py': '',
    'proj/base.py': py(`
      INSTALLED_APPS = [
          'django.contrib.admin',
          'colorfield',
          'proj.pages',
      ]
    `),
    'proj/pages/__init__.py': '',
    'proj/settings.py': py(`
      from .base import *
      DEBUG = False
      INSTALLED_APPS += ['raven.contrib.django']
    `),
  });
  const result = await evaluateSettings({ root, module: 'proj.settings', env: {} });
  const settingUses = result.imports.filter((u) => u.how === 'setting').map((u) => `${u.module} ${u.file}:${u.line}`);
  assert.deepEqual(settingUses, ['django.contrib.admin proj/base.py:2', 'colorfield proj/base.py:3', 'raven.contrib.django proj/settings.py:3']);
});
