import assert from 'node:assert/strict';
import { toJson } from '../../../src/project/python-value.js';
import { runCases } from './harness.js';

const pg = { NAME: 'd8r8', USER: 'u7k', PASSWORD: 'pw', HOST: 'ec2.compute.amazonaws.com', PORT: 5432, ENGINE: 'django.db.backends.postgresql' };

runCases('dj-database-url', [
  {
    name: 'config() reads DATABASE_URL, with conn_max_age and ssl_require',
    files: { 'proj/settings.py': "import dj_database_url\nDATABASES = {'default': dj_database_url.config(conn_max_age=600, ssl_require=True)}\n" },
    env: { DATABASE_URL: 'postgres://u7k:pw@ec2.compute.amazonaws.com:5432/d8r8' },
    values: { DATABASES: { default: { ...pg, CONN_MAX_AGE: 600, OPTIONS: { sslmode: 'require' } } } },
    check: (result) => assert.deepEqual(result.envReads.map((r) => [r.name, r.via, r.required]), [['DATABASE_URL', 'dj_database_url', false]]),
  },
  {
    name: 'config() falls back to its default URL',
    files: { 'proj/settings.py': "import dj_database_url\nDATABASES = {'default': dj_database_url.config(default='sqlite:////srv/db.sqlite3')}\n" },
    values: { DATABASES: { default: { NAME: '/srv/db.sqlite3', USER: '', PASSWORD: '', HOST: '', PORT: '', CONN_MAX_AGE: 0, ENGINE: 'django.db.backends.sqlite3' } } },
  },
  {
    name: 'config() with no URL and no default gives {}',
    files: { 'proj/settings.py': "import dj_database_url\nDATABASES = {'default': dj_database_url.config()}\n" },
    values: { DATABASES: { default: {} } },
  },
  {
    name: 'config() from another variable, and parse()',
    files: { 'proj/settings.py': "from dj_database_url import config, parse\nA = config('OTHER_URL')\nB = parse('mysql://u:p@h:3306/d?charset=utf8mb4')\nC = parse('postgresql://u:p@h/d', conn_max_age=60)\nD = parse('sqlite://:memory:')\n" },
    env: { OTHER_URL: 'postgis://u@h/g' },
    values: {
      A: { NAME: 'g', USER: 'u', PASSWORD: '', HOST: 'h', PORT: '', CONN_MAX_AGE: 0, ENGINE: 'django.contrib.gis.db.backends.postgis' },
      B: { NAME: 'd', USER: 'u', PASSWORD: 'p', HOST: 'h', PORT: 3306, CONN_MAX_AGE: 0, ENGINE: 'django.db.backends.mysql', OPTIONS: { charset: 'utf8mb4' } },
      C: { NAME: 'd', USER: 'u', PASSWORD: 'p', HOST: 'h', PORT: '', CONN_MAX_AGE: 60, ENGINE: 'django.db.backends.postgresql' },
      D: { ENGINE: 'django.db.backends.sqlite3', NAME: ':memory:' },
    },
  },
  {
    name: 'an unsupported scheme fails without showing the URL',
    files: { 'proj/settings.py': "import dj_database_url\nDB = dj_database_url.parse('weird://user:topsecret@h/d')\n" },
    unknown: { DB: /^dj-database-url cannot parse the URL given to dj_database_url\.parse\(\): its scheme is not a database it knows/ },
    check: (result) => assert.doesNotMatch(JSON.stringify(toJson(result.settings.get('DB')!.value)), /topsecret|weird/),
  },
]);
