import { py, runCases } from './harness.js';

runCases('assignments', [
  {
    name: 'the last assignment wins, and is the origin',
    files: { 'proj/settings.py': py(`
      DEBUG = True
      DEBUG = False
    `) },
    values: { DEBUG: false },
    origins: { DEBUG: 'proj/settings.py:2' },
  },
  {
    name: 'chained assignment binds every target',
    files: { 'proj/settings.py': 'A = B = [1, 2]\nB.append(3)\n' },
    values: { A: [1, 2, 3], B: [1, 2, 3] },
    origins: { A: 'proj/settings.py:1', B: 'proj/settings.py:2' },
  },
  {
    name: 'tuple unpacking, nested and starred',
    files: { 'proj/settings.py': 'A, (B, C) = 1, [2, 3]\nFIRST, *REST = "x y z".split()\n' },
    values: { A: 1, B: 2, C: 3, FIRST: 'x', REST: ['y', 'z'] },
  },
  {
    name: 'unpacking the wrong number of values is unknown, not a guess',
    files: { 'proj/settings.py': 'A, B = 1, 2, 3\n' },
    unknown: { A: /too many values/, B: /too many values/ },
  },
  {
    name: 'augmented assignment on lists changes them in place',
    files: { 'proj/settings.py': py(`
      APPS = ['a']
      ALIAS = APPS
      APPS += ['b']
      COUNT = 1
      COUNT += 2
      FLAGS = {'x': 1}
      FLAGS |= {'y': 2}
      NAME = 'ab'
      NAME *= 2
    `) },
    values: { APPS: ['a', 'b'], ALIAS: ['a', 'b'], COUNT: 3, FLAGS: { x: 1, y: 2 }, NAME: 'abab' },
    origins: { APPS: 'proj/settings.py:3', FLAGS: 'proj/settings.py:7' },
  },
  {
    name: 'list and dict methods change the value and become its origin',
    files: { 'proj/settings.py': py(`
      MIDDLEWARE = ['a', 'c']
      MIDDLEWARE.insert(1, 'b')
      MIDDLEWARE.append('d')
      MIDDLEWARE.extend(['e', 'f'])
      MIDDLEWARE.remove('f')
      CACHES = {}
      CACHES.update({'default': {'BACKEND': 'x'}}, extra=1)
      CACHES.setdefault('default', {})
      CACHES.setdefault('other', {'BACKEND': 'y'})
    `) },
    values: { MIDDLEWARE: ['a', 'b', 'c', 'd', 'e'], CACHES: { default: { BACKEND: 'x' }, extra: 1, other: { BACKEND: 'y' } } },
    origins: { MIDDLEWARE: 'proj/settings.py:5', CACHES: 'proj/settings.py:9' },
  },
  {
    name: 'item assignment into nested dicts and lists',
    files: { 'proj/settings.py': py(`
      DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3'}}
      DATABASES['default']['CONN_MAX_AGE'] = 600
      HOSTS = ['a', 'b']
      HOSTS[-1] = 'c'
    `) },
    values: { DATABASES: { default: { ENGINE: 'django.db.backends.sqlite3', CONN_MAX_AGE: 600 } }, HOSTS: ['a', 'c'] },
    origins: { DATABASES: 'proj/settings.py:2', HOSTS: 'proj/settings.py:4' },
  },
  {
    name: 'an item of a missing key fails like Python, and only that statement',
    files: { 'proj/settings.py': "DATABASES = {}\nDATABASES['default']['NAME'] = 'x'\nDEBUG = False\n" },
    unknown: { DATABASES: /KeyError/ },
    values: { DEBUG: false },
  },
  {
    name: 'del removes a name',
    files: { 'proj/settings.py': 'TMP = 1\nKEEP = 2\ndel TMP\n' },
    values: { KEEP: 2 },
    absent: ['TMP'],
  },
  {
    name: 'names set through globals() and locals()',
    files: { 'proj/settings.py': py(`
      globals()['DYNAMIC'] = 1
      globals().update({'FROM_UPDATE': 2})
      for name in ['A_X', 'B_X']:
          locals()[name] = name.lower()
      SEEN = globals().get('DYNAMIC')
    `) },
    values: { DYNAMIC: 1, FROM_UPDATE: 2, A_X: 'a_x', B_X: 'b_x', SEEN: 1 },
    origins: { FROM_UPDATE: 'proj/settings.py:2', B_X: 'proj/settings.py:4' },
  },
  {
    name: 'lower-case names are not settings',
    files: { 'proj/settings.py': 'helper = 1\n_PRIVATE_UPPER = 2\nX1 = helper + 1\n' },
    values: { X1: 2, _PRIVATE_UPPER: 2 },
    absent: ['helper'],
  },
]);

runCases('expressions', [
  {
    name: 'list, tuple and dict displays with splats',
    files: { 'proj/settings.py': py(`
      A = ['a']
      B = ('b',)
      BOTH = [*A, *B, 'c']
      BASE = {'x': 1, 'y': 2}
      MERGED = {**BASE, 'y': 3, **{'z': 4}}
      JOINED = A + ['d']
      T = B + ('e',)
      CALLED = [*range(3), *'ab'.split('b')]
    `) },
    values: { BOTH: ['a', 'b', 'c'], MERGED: { x: 1, y: 3, z: 4 }, JOINED: ['a', 'd'], T: ['b', 'e'], CALLED: [0, 1, 2, 'a', ''] },
  },
  {
    name: 'arithmetic follows Python',
    files: { 'proj/settings.py': 'A = 7 // 2\nB = -7 // 2\nC = -7 % 3\nD = 2 ** 10\nE = 60 * 60 * 24 * 365\nF = 1_000 + 0x10\nG = True + True\n' },
    values: { A: 3, B: -4, C: 2, D: 1024, E: 31536000, F: 1016, G: 2 },
  },
  {
    name: 'division by zero is unknown',
    files: { 'proj/settings.py': 'A = 1 / 0\n' },
    unknown: { A: /division by zero/ },
  },
  {
    name: 'f-strings, % and format when the parts are known',
    files: { 'proj/settings.py': py(`
      HOST = 'example.com'
      PORT = 8000
      URL = f"https://{HOST}:{PORT}/"
      PADDED = f"{PORT:>6}|{HOST!r}|{3.14159:.2f}|{{literal}}"
      OLD = 'postgres://%s:%d/%s' % (HOST, PORT, 'db')
      NAMED = '%(host)s' % {'host': HOST}
      NEW = '{}:{port}/{0}'.format(HOST, port=PORT)
      MULTI = ('a'
               'b' "c")
      RAW = r'\\d+\\n'
      ESCAPED = 'tab\\there'
    `) },
    values: {
      URL: 'https://example.com:8000/',
      PADDED: "  8000|'example.com'|3.14|{literal}",
      OLD: 'postgres://example.com:8000/db',
      NAMED: 'example.com',
      NEW: 'example.com:8000/example.com',
      MULTI: 'abc',
      RAW: '\\d+\\n',
      ESCAPED: 'tab\there',
    },
  },
  {
    name: 'an f-string with an unknown part is unknown',
    files: { 'proj/settings.py': 'from somewhere import thing\nURL = f"https://{thing()}/"\n' },
    unknown: { URL: /calls somewhere\.thing\(\)/ },
  },
  {
    name: 'string methods',
    files: { 'proj/settings.py': py(`
      RAW = ' A.example.com, b.example.com ,, '
      HOSTS = [h.strip() for h in RAW.split(',') if h.strip()]
      LOWER = 'ABC'.lower()
      UPPER = 'abc'.upper()
      PARTS = 'a:b:c'.split(':', 1)
      RPARTS = 'a:b:c'.rsplit(':', 1)
      WORDS = '  one  two '.split()
      STARTS = 'https://x'.startswith(('http://', 'https://'))
      ENDS = 'x.py'.endswith('.js')
      REPLACED = 'a-b-c'.replace('-', '_')
      JOINED = ', '.join(['x', 'y'])
      STRIPPED = '/static/'.strip('/')
      TITLE = 'hello world'.title()
    `) },
    values: {
      HOSTS: ['A.example.com', 'b.example.com'],
      LOWER: 'abc',
      UPPER: 'ABC',
      PARTS: ['a', 'b:c'],
      RPARTS: ['a:b', 'c'],
      WORDS: ['one', 'two'],
      STARTS: true,
      ENDS: false,
      REPLACED: 'a_b_c',
      JOINED: 'x, y',
      STRIPPED: 'static',
      TITLE: 'Hello World',
    },
  },
  {
    name: 'comparisons, boolean operators and conditional expressions',
    files: { 'proj/settings.py': py(`
      A = 1 < 2 <= 2
      B = 'a' in ['a', 'b']
      C = 'z' not in 'abc'
      D = None is None
      E = [] or 'fallback'
      F = 'x' and 'y'
      G = not ''
      H = 'yes' if 1 > 2 else 'no'
      I = (1, 2) < (1, 3)
      J = 'k' in {'k': 1}
    `) },
    values: { A: true, B: true, C: true, D: true, E: 'fallback', F: 'y', G: true, H: 'no', I: true, J: true },
  },
  {
    name: 'builtin conversions',
    files: { 'proj/settings.py': py(`
      A = bool('')
      B = bool('0')
      C = int(' 42 ')
      D = str(5)
      E = float('1.5')
      F = list('ab')
      G = tuple([1, 2])
      H = int('nope')
      I = len([1, 2, 3])
      J = sorted(['b', 'a'])
      K = dict(a=1)
      L = str(None)
      M = max(3, 7)
      N = any([False, 'x'])
    `) },
    values: { A: false, B: true, C: 42, D: '5', E: 1.5, F: ['a', 'b'], G: [1, 2], I: 3, J: ['a', 'b'], K: { a: 1 }, L: 'None', M: 7, N: true },
    unknown: { H: /invalid literal for int/ },
  },
  {
    name: 'comprehensions over known lists',
    files: { 'proj/settings.py': py(`
      APPS = ['a', 'b', 'c']
      UPPERED = [a.upper() for a in APPS if a != 'b']
      PAIRS = [(x, y) for x in [1, 2] for y in 'ab']
      MAPPING = {a: i for i, a in enumerate(APPS)}
      CSV = ','.join(a for a in APPS)
    `) },
    values: { UPPERED: ['A', 'C'], PAIRS: [[1, 'a'], [1, 'b'], [2, 'a'], [2, 'b']], MAPPING: { a: 0, b: 1, c: 2 }, CSV: 'a,b,c' },
  },
  {
    name: 'a comprehension over something unknown is unknown',
    files: { 'proj/settings.py': 'import socket\nIPS = [ip for ip in socket.gethostbyname_ex(socket.gethostname())[2]]\n' },
    unknown: { IPS: /calls socket\.gethostbyname_ex\(\)/ },
  },
  {
    name: 'def, class and lambda are defined and run when called',
    files: { 'proj/settings.py': py(`
      def helper():
          return 1
      class Config:
          X = 1
      VALUE = helper()
      FUNC = lambda x: x
      X = 2
    `) },
    values: { X: 2, VALUE: 1 },
  },
  {
    name: 'a name never defined is unknown, not a crash',
    files: { 'proj/settings.py': 'A = UNDEFINED_THING\nB = 1\n' },
    unknown: { A: /name 'UNDEFINED_THING' is not defined/ },
    values: { B: 1 },
  },
]);
