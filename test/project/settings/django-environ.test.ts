import assert from 'node:assert/strict';
import { py, runCases } from './harness.js';

const header = 'import environ\nenv = environ.Env(DEBUG=(bool, False), ALLOWED_HOSTS=(list, []), WORKERS=int)\n';

runCases('django-environ', [
  {
    name: 'scheme casts and defaults',
    files: { 'proj/settings.py': header + "DEBUG = env('DEBUG')\nALLOWED_HOSTS = env('ALLOWED_HOSTS')\nWORKERS = env('WORKERS')\n" },
    env: { ALLOWED_HOSTS: 'a.com,b.com', WORKERS: '3' },
    values: { DEBUG: false, ALLOWED_HOSTS: ['a.com', 'b.com'], WORKERS: 3 },
  },
  {
    name: "bool parsing: true words are 'true','on','ok','y','yes','1', any case",
    files: { 'proj/settings.py': header + "A = env.bool('A')\nB = env.bool('B')\nC = env.bool('C')\nD = env.bool('D')\nE = env.bool('E')\nF = env.bool('F', default=True)\n" },
    env: { A: 'On', B: 'OK', C: 'y', D: 'nope', E: '0' },
    values: { A: true, B: true, C: true, D: false, E: false, F: true },
  },
  {
    name: 'typed getters',
    files: { 'proj/settings.py': header + py(`
      PORT = env.int('PORT', default=8000)
      RATIO = env.float('RATIO')
      NAME = env.str('NAME', default='app')
      HOSTS = env.list('HOSTS', default=['localhost'])
      PAIR = env.tuple('PAIR')
      OPTS = env.dict('OPTS')
      DATA = env.json('DATA')
      NUMS = env.list('NUMS', cast=int)
      PLAIN = env('PLAIN', default='x')
    `) },
    env: { RATIO: '0.5', PAIR: '(a,b)', OPTS: 'k=v,n=1', DATA: '{"a": [1, true]}', NUMS: '1,2', PLAIN: 'given' },
    values: { PORT: 8000, RATIO: 0.5, NAME: 'app', HOSTS: ['localhost'], PAIR: ['a', 'b'], OPTS: { k: 'v', n: '1' }, DATA: { a: [1, true] }, NUMS: [1, 2], PLAIN: 'given' },
  },
  {
    name: 'smart cast: a default gives its type to the value',
    files: { 'proj/settings.py': "import environ\nenv = environ.Env()\nDEBUG = env('DEBUG', default=False)\nPORT = env('PORT', default=0)\n" },
    env: { DEBUG: 'true', PORT: '5432' },
    values: { DEBUG: true, PORT: 5432 },
  },
  // SFDO-Tooling/Metecho: env("DJANGO_SECRET_KEY", default=safe_key()), with the variable set.
  {
    name: 'a set variable is its value, whatever a default not known would have been',
    files: { 'proj/settings.py': "import environ\nfrom proj.keys import safe_key\nenv = environ.Env()\nSECRET_KEY = env('SECRET_KEY', default=safe_key())\nUNSET = env('UNSET', default=safe_key())\nFLAG = env.bool('FLAG', default=safe_key())\n", 'proj/keys.py': 'import secrets\ndef safe_key():\n    return secrets.token_urlsafe(50)\n' },
    env: { SECRET_KEY: 'k-from-the-environment', FLAG: 'yes' },
    values: { SECRET_KEY: 'k-from-the-environment' },
    unknown: { UNSET: /./, FLAG: /./ },
  },
  {
    name: 'a variable with no default that is not set is required and unknown',
    files: { 'proj/settings.py': header + "SECRET_KEY = env('SECRET_KEY')\nOTHER = env.str('OTHER', default='o')\n" },
    unknown: { SECRET_KEY: /^env\('SECRET_KEY'\): SECRET_KEY is not set and has no default: the app would not boot$/ },
    values: { OTHER: 'o' },
    check: (result) => assert.deepEqual(result.envReads.map((r) => [r.name, r.required, r.via]), [['SECRET_KEY', true, 'environ.Env'], ['OTHER', false, 'environ.Env']]),
  },
  {
    name: 'env.db() parses DATABASE_URL into a DATABASES entry',
    files: { 'proj/settings.py': header + "DATABASES = {'default': env.db()}\nOTHER_DB = env.db_url('OTHER_URL', default='sqlite:///tmp/db.sqlite3')\nMYSQL = env.db('MYSQL_URL')\n" },
    env: { DATABASE_URL: 'postgres://user:p%40ss@db.example.com:5433/name?sslmode=require&CONN_MAX_AGE=60', MYSQL_URL: 'mysql://u:p@h/d' },
    values: {
      DATABASES: { default: { NAME: 'name', USER: 'user', PASSWORD: 'p@ss', HOST: 'db.example.com', PORT: 5433, ENGINE: 'django.db.backends.postgresql', CONN_MAX_AGE: 60, OPTIONS: { sslmode: 'require' } } },
      OTHER_DB: { NAME: 'tmp/db.sqlite3', USER: '', PASSWORD: '', HOST: '', PORT: '', ENGINE: 'django.db.backends.sqlite3' },
      MYSQL: { NAME: 'd', USER: 'u', PASSWORD: 'p', HOST: 'h', PORT: '', ENGINE: 'django.db.backends.mysql' },
    },
  },
  {
    name: 'postgis and pgsql schemes',
    files: { 'proj/settings.py': header + "A = env.db('A')\nB = env.db('B')\n" },
    env: { A: 'postgis://u@h/g', B: 'pgsql://u@h/p' },
    values: {
      A: { NAME: 'g', USER: 'u', PASSWORD: '', HOST: 'h', PORT: '', ENGINE: 'django.contrib.gis.db.backends.postgis' },
      B: { NAME: 'p', USER: 'u', PASSWORD: '', HOST: 'h', PORT: '', ENGINE: 'django.db.backends.postgresql' },
    },
  },
  {
    name: 'cache and email URLs',
    files: { 'proj/settings.py': header + "CACHES = {'default': env.cache('REDIS_URL')}\nEMAIL = env.email('EMAIL_URL')\nLOCAL = env.cache_url(default='locmemcache://')\n" },
    env: { REDIS_URL: 'redis://h:6379/1', EMAIL_URL: 'smtp+tls://user:pw@smtp.example.com:587' },
    values: {
      CACHES: { default: { BACKEND: 'django_redis.cache.RedisCache', LOCATION: 'redis://h:6379/1' } },
      EMAIL: { EMAIL_FILE_PATH: '', EMAIL_HOST_USER: 'user', EMAIL_HOST_PASSWORD: 'pw', EMAIL_HOST: 'smtp.example.com', EMAIL_PORT: 587, EMAIL_BACKEND: 'django.core.mail.backends.smtp.EmailBackend', EMAIL_USE_TLS: true },
      LOCAL: { BACKEND: 'django.core.cache.backends.locmem.LocMemCache', LOCATION: '' },
    },
  },
  {
    name: 'read_env loads the .env into the environment without overriding what is set',
    files: {
      'proj/settings.py': "import environ\nenv = environ.Env()\nenviron.Env.read_env('.env')\nSECRET_KEY = env('SECRET_KEY')\nDEBUG = env.bool('DEBUG')\nQUOTED = env('QUOTED')\n",
      '.env': "SECRET_KEY=from-file\nDEBUG=on\nQUOTED='a b'\nexport EXPORTED=1\nnot a line\n",
    },
    env: { SECRET_KEY: 'from-env' },
    values: { SECRET_KEY: 'from-env', DEBUG: true, QUOTED: 'a b' },
    check: (result) => assert.deepEqual(result.dotenvFilesRead, ['.env']),
  },
  {
    name: 'read_env() without a path reads the .env beside the calling file',
    files: { 'proj/settings.py': "import environ\nenv = environ.Env()\nenv.read_env()\nNAME = env('NAME')\n", 'proj/.env': 'NAME=beside\n', '.env': 'NAME=root\n' },
    values: { NAME: 'beside' },
    check: (result) => assert.deepEqual(result.dotenvFilesRead, ['proj/.env']),
  },
  {
    name: 'read_env of a file that does not exist changes nothing',
    files: { 'proj/settings.py': "import environ\nenv = environ.Env()\nenviron.Env.read_env('missing.env')\nNAME = env('NAME', default='none')\n" },
    values: { NAME: 'none' },
    check: (result) => assert.deepEqual(result.dotenvFilesRead, []),
  },
  {
    name: 'a $VAR value is a proxy for another variable',
    files: { 'proj/settings.py': "import environ\nenv = environ.Env()\nURL = env('URL')\n" },
    env: { URL: '$REAL_URL', REAL_URL: 'https://x' },
    values: { URL: 'https://x' },
  },
  {
    name: 'environ.Path arithmetic',
    files: { 'proj/settings.py': "import environ\nROOT = environ.Path(__file__) - 2\nSTATIC = ROOT('static')\nMEDIA = str(ROOT.path('media'))\n" },
    values: { ROOT: '<root>', STATIC: '<root>/static', MEDIA: '<root>/media' },
  },
]);
