/** The project's own functions, lambdas and classes, run by the evaluator when the settings call them. */
import assert from 'node:assert/strict';
import { py, runCases } from './harness.js';

const GET_ENV_VARIABLE = py(`
  import os
  from django.core.exceptions import ImproperlyConfigured

  def get_env_variable(var_name):
      try:
          return os.environ[var_name]
      except KeyError:
          error_msg = "Set the %s environment variable" % var_name
          raise ImproperlyConfigured(error_msg)

  SECRET_KEY = get_env_variable('SECRET_KEY')
  DEBUG = False
`);

const GET_BOOL = py(`
  import os

  def get_bool_from_env(name, default=False):
      value = os.environ.get(name)
      if value is None:
          return default
      return value.lower() in ('1', 'true', 'yes', 'on')

  DEBUG = get_bool_from_env('DJANGO_DEBUG')
  SSL = get_bool_from_env('SSL', default=True)
  COMPRESS = get_bool_from_env('COMPRESS', True)
`);

runCases('functions', [
  {
    name: 'get_env_variable with the variable set returns it',
    files: { 'proj/settings.py': GET_ENV_VARIABLE },
    env: { SECRET_KEY: 's3cr3t' },
    values: { SECRET_KEY: 's3cr3t', DEBUG: false },
  },
  {
    name: 'get_env_variable with the variable unset raises ImproperlyConfigured: that setting is unknown, the rest stays known',
    files: { 'proj/settings.py': GET_ENV_VARIABLE },
    unknown: { SECRET_KEY: /raise ImproperlyConfigured/ },
    values: { DEBUG: false },
    check: (result) => {
      const read = result.envReads.find((r) => r.name === 'SECRET_KEY');
      assert.ok(read, 'the read inside the helper is recorded');
      // At the line of the settings that called the helper, as the helper's call.
      assert.equal(`${read.file}:${read.line}`, 'proj/settings.py:11');
      assert.equal(read.via, 'get_env_variable');
      // The helper turns the KeyError into ImproperlyConfigured: the process would not boot without it.
      assert.equal(read.required, true);
    },
  },
  {
    name: 'get_bool_from_env(name, default): defaults when unset, parses when set',
    files: { 'proj/settings.py': GET_BOOL },
    env: { DJANGO_DEBUG: 'True' },
    values: { DEBUG: true, SSL: true, COMPRESS: true },
  },
  {
    name: 'get_bool_from_env: a value that is not a true word is False',
    files: { 'proj/settings.py': GET_BOOL },
    env: { DJANGO_DEBUG: 'nope', SSL: '0' },
    values: { DEBUG: false, SSL: false, COMPRESS: true },
  },
  {
    name: 'positional, keyword, default, *args and **kwargs arguments',
    files: { 'proj/settings.py': py(`
      def build(a, b=2, *rest, sep='-', **extra):
          return sep.join([str(a), str(b)] + [str(r) for r in rest] + sorted(extra))
      ONE = build(1)
      TWO = build(1, 3, 4, 5, sep='+')
      THREE = build(b=7, a=8, z=1, y=2)
      def kw_only(*, flag=False):
          return flag
      FOUR = kw_only(flag=True)
      args = (1, 2)
      opts = {'sep': '/'}
      FIVE = build(*args, **opts)
    `) },
    values: { ONE: '1-2', TWO: '1+3+4+5', THREE: '8-7-y-z', FOUR: true, FIVE: '1/2' },
  },
  {
    name: 'a function reads the module globals as they are when it is called',
    files: { 'proj/settings.py': py(`
      def hosts():
          return [DOMAIN, 'www.' + DOMAIN]
      DOMAIN = 'example.com'
      ALLOWED_HOSTS = hosts()
    `) },
    values: { ALLOWED_HOSTS: ['example.com', 'www.example.com'] },
  },
  {
    name: 'closures: a function returned by a function keeps its arguments',
    files: { 'proj/settings.py': py(`
      def prefixed(prefix):
          def add(name):
              return prefix + name
          return add
      app = prefixed('django.contrib.')
      INSTALLED_APPS = [app('admin'), app('auth')]
      double = lambda x: x * 2
      TIMEOUT = double(15)
      sq = lambda v, p=2: v ** p
      CUBE = sq(3, p=3)
    `) },
    values: { INSTALLED_APPS: ['django.contrib.admin', 'django.contrib.auth'], TIMEOUT: 30, CUBE: 27 },
  },
  {
    name: 'a static method changes the lists it is given (DebugToolbarSetup.do_settings)',
    files: { 'proj/settings.py': py(`
      class DebugToolbarSetup:
          ENABLED = False
          APP = 'debug_toolbar'

          @staticmethod
          def do_settings(installed_apps, middleware):
              if not DebugToolbarSetup.ENABLED:
                  return installed_apps, middleware
              installed_apps.append(DebugToolbarSetup.APP)
              middleware.insert(0, 'debug_toolbar.middleware.DebugToolbarMiddleware')
              return installed_apps, middleware

          @classmethod
          def name(cls):
              return cls.APP.upper()

      INSTALLED_APPS = ['django.contrib.admin']
      MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']
      INSTALLED_APPS, MIDDLEWARE = DebugToolbarSetup.do_settings(INSTALLED_APPS, MIDDLEWARE)
      DebugToolbarSetup.ENABLED = True
      APPS2, MW2 = DebugToolbarSetup.do_settings(list(INSTALLED_APPS), [])
      TOOLBAR = DebugToolbarSetup.name()
    `) },
    values: {
      INSTALLED_APPS: ['django.contrib.admin'],
      MIDDLEWARE: ['django.middleware.security.SecurityMiddleware'],
      APPS2: ['django.contrib.admin', 'debug_toolbar'],
      MW2: ['debug_toolbar.middleware.DebugToolbarMiddleware'],
      TOOLBAR: 'DEBUG_TOOLBAR',
    },
  },
  {
    name: 'instances: __init__, methods, properties and class attributes',
    files: { 'proj/settings.py': py(`
      class Env:
          PREFIX = 'APP_'
          def __init__(self, values, strict=False):
              self.values = values
              self.strict = strict
          def get(self, name, default=None):
              return self.values.get(self.PREFIX + name, default)
          @property
          def size(self):
              return len(self.values)
      class Child(Env):
          PREFIX = 'CHILD_'
      env = Env({'APP_NAME': 'shop'})
      NAME = env.get('NAME')
      MISSING = env.get('OTHER', 'none')
      SIZE = env.size
      CHILD = Child({'CHILD_NAME': 'kid'}).get('NAME')
      STRICT = env.strict
    `) },
    values: { NAME: 'shop', MISSING: 'none', SIZE: 1, CHILD: 'kid', STRICT: false },
  },
  {
    name: 'helpers imported from a module of the project run there',
    module: 'proj.settings.production',
    files: {
      'proj/settings/__init__.py': '',
      'proj/utils.py': py(`
        import os
        def env_list(name, default=''):
            return [item.strip() for item in os.environ.get(name, default).split(',') if item.strip()]
        def env_int(name, default):
            return int(os.environ.get(name, default))
      `),
      'proj/settings/production.py': py(`
        from proj.utils import env_list
        from proj import utils
        ALLOWED_HOSTS = env_list('ALLOWED_HOSTS', 'localhost')
        CONN_MAX_AGE = utils.env_int('CONN_MAX_AGE', 60)
      `),
    },
    env: { ALLOWED_HOSTS: 'a.com, b.com' },
    values: { ALLOWED_HOSTS: ['a.com', 'b.com'], CONN_MAX_AGE: 60 },
    check: (result) => {
      const reads = result.envReads.map((r) => `${r.name} ${r.file}:${r.line} ${r.via}`).sort();
      assert.deepEqual(reads, ['ALLOWED_HOSTS proj/settings/production.py:3 env_list', 'CONN_MAX_AGE proj/settings/production.py:4 env_int']);
    },
  },
  {
    name: 'global in a function sets the module name',
    files: { 'proj/settings.py': py(`
      DEBUG = True
      def production():
          global DEBUG
          DEBUG = False
          local_only = 1
      production()
    `) },
    values: { DEBUG: false },
    absent: ['local_only'],
  },
  {
    name: 'recursion is followed; a recursion with no end is cut off, not run forever',
    files: { 'proj/settings.py': py(`
      def fact(n):
          return 1 if n <= 1 else n * fact(n - 1)
      FACT = fact(5)
      def forever(n):
          return forever(n + 1)
      LOOP = forever(0)
      AFTER = 'still evaluated'
    `) },
    values: { FACT: 120, AFTER: 'still evaluated' },
    unknown: { LOOP: /calls deep/ },
  },
  {
    name: 'a return inside an undecidable branch: the call gives either value, or the value both give',
    files: { 'proj/settings.py': py(`
      import socket
      def level():
          if socket.gethostname().startswith('web'):
              return 'production'
          return 'development'
      def same():
          if socket.gethostname().startswith('web'):
              return 'x'
          return 'x'
      LEVEL = level()
      SAME = same()
      OTHER = 1
    `) },
    unknown: { LEVEL: /depends on a branch/ },
    values: { SAME: 'x', OTHER: 1 },
  },
  {
    name: 'a function that changes a global list on an undecidable path leaves it unknown, not stale',
    files: { 'proj/settings.py': py(`
      import socket
      INSTALLED_APPS = ['a']
      def maybe_add(apps):
          if socket.gethostname() == 'dev':
              apps.append('debug_toolbar')
      maybe_add(INSTALLED_APPS)
      KEPT = ['b']
    `) },
    unknown: { INSTALLED_APPS: /socket\.gethostname/ },
    values: { KEPT: ['b'] },
  },
  {
    name: 'a helper that changes a list or dict it was given in a way not followed leaves the setting unknown, not stale',
    files: { 'proj/settings.py': py(`
      import socket
      def add_apps(apps):
          apps.extend(socket.gethostname().split(','))
      def set_option(databases):
          databases['default'][socket.gethostname()] = True
      INSTALLED_APPS = ['a']
      add_apps(INSTALLED_APPS)
      DATABASES = {'default': {'ENGINE': 'x'}}
      set_option(DATABASES)
      OTHER = ['a']
    `) },
    unknown: { INSTALLED_APPS: /socket\.gethostname/, DATABASES: /key that is not known/ },
    values: { OTHER: ['a'] },
  },
  {
    name: 'a helper that fails half-way after changing a list it was given leaves that list unknown',
    files: { 'proj/settings.py': py(`
      import os
      def setup(apps, hosts):
          apps.append('extra')
          hosts.append(os.environ['HOST'])
      INSTALLED_APPS = ['a']
      ALLOWED_HOSTS = []
      NAME = 'n'
      setup(INSTALLED_APPS, ALLOWED_HOSTS)
      print(len(INSTALLED_APPS), NAME)
    `) },
    unknown: { INSTALLED_APPS: /HOST/, ALLOWED_HOSTS: /HOST/ },
    values: { NAME: 'n' },
  },
  {
    name: 'a call with the wrong arguments is a TypeError: the setting is unknown',
    files: { 'proj/settings.py': 'def one(a):\n    return a\nA = one()\nB = one(1, 2)\nC = one(b=1)\nD = one(1)\n' },
    unknown: { A: /missing required argument: 'a'/, B: /takes 1 positional/, C: /unexpected keyword argument 'b'/ },
    values: { D: 1 },
  },
  {
    name: 'what really needs running code stays unknown with the reason',
    files: { 'proj/settings.py': py(`
      import socket
      def host():
          return socket.gethostname()
      def gen():
          yield 1
      async def coro():
          return 1
      HOST = host()
      GEN = gen()
      CORO = coro()
    `) },
    unknown: { HOST: /socket\.gethostname/, GEN: /generator function/, CORO: /coroutine/ },
  },
  {
    name: 'decorators: functools.lru_cache is transparent, a project decorator runs',
    files: { 'proj/settings.py': py(`
      import functools
      def shout(fn):
          def wrapper(*args):
              return fn(*args).upper()
          return wrapper
      @functools.lru_cache(maxsize=None)
      def cached():
          return 'c'
      @shout
      def name(x):
          return 'app-' + x
      CACHED = cached()
      NAME = name('shop')
    `) },
    values: { CACHED: 'c', NAME: 'APP-SHOP' },
  },
  {
    name: 'a class with a base from a library: its own attributes are known, the rest may come from the base',
    files: { 'proj/settings.py': py(`
      from configurations import Configuration
      class Prod(Configuration):
          DEBUG = False
      OWN = Prod.DEBUG
      INHERITED = Prod.DATABASES
      MADE = Prod()
    `) },
    values: { OWN: false },
    unknown: { INHERITED: /may come from configurations\.Configuration/, MADE: /construction comes from code/ },
  },
  {
    name: 'a function that raises on purpose is caught by the settings around the call',
    files: { 'proj/settings.py': py(`
      import os
      def required(name):
          if name not in os.environ:
              raise ValueError(name)
          return os.environ[name]
      try:
          SECRET_KEY = required('SECRET_KEY')
      except ValueError:
          SECRET_KEY = 'dev'
    `) },
    values: { SECRET_KEY: 'dev' },
  },
  {
    name: 'sorted(), list.sort(), map() and filter() with a lambda',
    files: { 'proj/settings.py': py(`
      import socket
      HOSTS = sorted(['bb', 'a', 'ccc', 'dd'], key=lambda h: len(h))
      NAMES = ['b', 'A', 'c']
      NAMES.sort(key=str.lower)
      UPPER = list(map(lambda h: h.upper(), ['a', 'b']))
      SHORT = list(filter(lambda h: len(h) < 3, HOSTS))
      BY_HOST = sorted(['x', 'y'], key=lambda h: socket.gethostname())
    `) },
    values: { HOSTS: ['a', 'bb', 'dd', 'ccc'], UPPER: ['A', 'B'], SHORT: ['a', 'bb', 'dd'] },
    unknown: { NAMES: /str\.lower|calls str/, BY_HOST: /socket\.gethostname/ },
  },
]);
