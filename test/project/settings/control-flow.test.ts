import assert from 'node:assert/strict';
import { py, runCases } from './harness.js';

runCases('if', [
  {
    name: 'a decidable condition takes one branch',
    files: { 'proj/settings.py': py(`
      DEBUG = False
      if DEBUG:
          ALLOWED_HOSTS = ['*']
      elif not DEBUG:
          ALLOWED_HOSTS = ['example.com']
      else:
          ALLOWED_HOSTS = []
    `) },
    values: { ALLOWED_HOSTS: ['example.com'] },
    origins: { ALLOWED_HOSTS: 'proj/settings.py:5' },
  },
  {
    name: 'conditions on the environment are decided by it',
    files: { 'proj/settings.py': py(`
      import os
      if 'DYNO' in os.environ:
          ON_HEROKU = True
      else:
          ON_HEROKU = False
      if os.environ.get('STAGE') == 'prod':
          LEVEL = 'prod'
      elif os.getenv('STAGE', '').startswith('stag'):
          LEVEL = 'staging'
      else:
          LEVEL = 'dev'
    `) },
    env: { DYNO: 'web.1', STAGE: 'staging' },
    values: { ON_HEROKU: true, LEVEL: 'staging' },
  },
  {
    name: 'an undecidable condition makes what either branch sets unknown, naming the condition',
    files: { 'proj/settings.py': py(`
      import socket
      DEBUG = False
      if socket.gethostname() == 'prod':
          DEBUG = True
          EXTRA = 1
      SAME = 1
    `) },
    unknown: { DEBUG: /^depends on socket\.gethostname\(\) == 'prod' \(proj\/settings\.py:3\)$/, EXTRA: /depends on/ },
    values: { SAME: 1 },
    origins: { DEBUG: 'proj/settings.py:4' },
  },
  {
    name: 'both branches assigning the same value keep it',
    files: { 'proj/settings.py': py(`
      import socket
      if socket.gethostname():
          STATIC_URL = '/static/'
          MODE = 'a'
      else:
          STATIC_URL = '/static/'
          MODE = 'b'
    `) },
    values: { STATIC_URL: '/static/' },
    unknown: { MODE: /depends on socket\.gethostname\(\)/ },
  },
  {
    name: 'a mutation in an undecidable branch makes the list unknown',
    files: { 'proj/settings.py': py(`
      import sys
      INSTALLED_APPS = ['a']
      if 'test' in sys.argv:
          INSTALLED_APPS.append('tests')
    `) },
    unknown: { INSTALLED_APPS: /depends on 'test' in sys\.argv/ },
  },
  // IntelligentTrading/core: a star import inside `try/except Exception`, whose module adds to a tuple
  // from corsheaders. That value is not known, so the addition is not known to raise: the import, and
  // DATABASES with it, is not certainly dropped ("DATABASES is not set" was wrong), only in doubt, as
  // any operation on an unknown value in a try body is. A builtin function plus a tuple does raise.
  {
    name: "a library's value in an operation is unknown, not a certain TypeError",
    files: {
      'proj/vendor.py': py(`
        DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql'}}
        from corsheaders.defaults import default_headers
        CORS_ALLOW_HEADERS = default_headers + ('api-key',)
      `),
      'proj/settings.py': py(`
        try:
            from proj.vendor import *
        except Exception:
            pass
        try:
            BROKEN = len + (1,)
        except TypeError:
            BROKEN = 'raised'
      `),
    },
    // Declared, so the import itself is not in doubt (see imports.test.ts, optional imports).
    installed: ['corsheaders'],
    values: { BROKEN: 'raised' },
    unknown: { DATABASES: /try block at proj\/settings\.py:1/, CORS_ALLOW_HEADERS: /try block at proj\/settings\.py:1/ },
  },
  {
    name: 'a branch that raises is not a way the app can run',
    files: { 'proj/settings.py': py(`
      import socket
      if socket.gethostname() == 'x':
          raise RuntimeError('unsupported host')
      else:
          MODE = 'normal'
    `) },
    values: { MODE: 'normal' },
  },
]);

runCases('loops', [
  {
    name: 'a loop over a known list is followed',
    files: { 'proj/settings.py': py(`
      APPS = []
      for name in ['a', 'b', 'c']:
          if name == 'b':
              continue
          APPS.append(name.upper())
      else:
          DONE = True
    `) },
    values: { APPS: ['A', 'C'], DONE: true },
  },
  {
    name: 'break skips the else clause',
    files: { 'proj/settings.py': py(`
      FOUND = None
      for n in [1, 2, 3]:
          if n == 2:
              FOUND = n
              break
      else:
          FOUND = 'none'
    `) },
    values: { FOUND: 2 },
  },
  {
    name: 'a loop over something unknown makes what it sets unknown',
    files: { 'proj/settings.py': py(`
      import glob
      PLUGINS = ['core']
      for path in glob.glob('plugins/*'):
          PLUGINS.append(path)
      KEPT = 1
    `) },
    unknown: { PLUGINS: /depends on the loop over glob\.glob\('plugins\/\*'\)/ },
    values: { KEPT: 1 },
  },
  {
    name: 'a while loop is not followed',
    files: { 'proj/settings.py': 'N = 0\nwhile N < 3:\n    N += 1\nOTHER = 1\n' },
    unknown: { N: /while loop/ },
    values: { OTHER: 1 },
  },
]);

runCases('try', [
  {
    name: 'try/except ImportError around a local settings file that exists',
    files: {
      'proj/settings.py': py(`
        DEBUG = False
        try:
            from .local import *
        except ImportError:
            LOCAL = False
      `),
      'proj/local.py': 'DEBUG = True\nLOCAL = True\n',
    },
    values: { DEBUG: true, LOCAL: true },
    origins: { DEBUG: 'proj/local.py:1' },
  },
  {
    name: 'try/except ImportError around a local settings file that does not exist',
    files: { 'proj/settings.py': 'DEBUG = False\ntry:\n    from .local import *\nexcept ImportError:\n    LOCAL = False\nelse:\n    LOCAL = True\n' },
    values: { DEBUG: false, LOCAL: false },
  },
  {
    name: 'code we do not run in a try-imported file is not taken for an ImportError',
    files: {
      'proj/settings.py': 'DEBUG = False\ntry:\n    from .local import *\nexcept ImportError:\n    pass\n',
      'proj/local.py': 'from django.core.management.utils import get_random_secret_key\nDEBUG = True\nKEY = get_random_secret_key()\n',
    },
    values: { DEBUG: true },
    unknown: { KEY: /calls django\.core\.management\.utils\.get_random_secret_key\(\)/ },
  },
  {
    name: 'a package that may be missing, imported by a try-imported file, makes its settings depend on it',
    files: {
      'proj/settings.py': 'DEBUG = False\ntry:\n    from .local import *\nexcept ImportError:\n    pass\n',
      'proj/local.py': 'import debug_toolbar\nDEBUG = True\n',
    },
    unknown: { DEBUG: /depends on whether the try block at proj\/settings\.py:2 raises/ },
  },
  {
    name: 'a KeyError from os.environ is caught by its handler',
    files: { 'proj/settings.py': py(`
      import os
      try:
          SECRET_KEY = os.environ['SECRET_KEY']
      except KeyError:
          SECRET_KEY = 'dev-only'
    `) },
    values: { SECRET_KEY: 'dev-only' },
    // The handler recovers: the variable is not required.
    check: (result) => assert.equal(result.envReads.find((r) => r.name === 'SECRET_KEY')?.required, false),
  },
  {
    name: 'a KeyError turned into ImproperlyConfigured by the handler: the variable is required',
    files: { 'proj/settings.py': py(`
      import os
      from django.core.exceptions import ImproperlyConfigured
      try:
          SECRET_KEY = os.environ['SECRET_KEY']
      except KeyError:
          raise ImproperlyConfigured('SECRET_KEY')
      DEBUG = False
    `) },
    values: { DEBUG: false },
    check: (result) => assert.equal(result.envReads.find((r) => r.name === 'SECRET_KEY')?.required, true),
  },
  {
    name: 'a try body that may fail makes what it and its handler set unknown',
    files: { 'proj/settings.py': py(`
      try:
          import sentry_sdk
          sentry_sdk.init(dsn='x')
          SENTRY = True
      except ImportError:
          SENTRY = False
      finally:
          AFTER = 1
    `) },
    unknown: { SENTRY: /depends on whether the try block at proj\/settings\.py:1 raises/ },
    values: { AFTER: 1 },
  },
  {
    name: 'a handler for another exception does not run',
    files: { 'proj/settings.py': 'try:\n    X = int("5")\nexcept ValueError:\n    X = 0\n' },
    values: { X: 5 },
  },
  {
    name: 'an exception no handler catches leaves the statement unknown',
    files: { 'proj/settings.py': "import os\ntry:\n    X = os.environ['MISSING']\nexcept ImportError:\n    X = 'never'\nY = 2\n" },
    unknown: { X: /os\.environ\['MISSING'\] is not set/ },
    values: { Y: 2 },
  },
]);

runCases('with', [
  {
    name: 'a with body runs; what open() gives is unknown',
    files: { 'proj/settings.py': "with open('secret.txt') as f:\n    SECRET_KEY = f.read().strip()\n    OTHER = 1\n" },
    unknown: { SECRET_KEY: /reads a file with open\(\)/ },
    values: { OTHER: 1 },
  },
]);
