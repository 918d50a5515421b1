import { test } from 'node:test';
import { postgresDriverRule, undeclaredModuleRule } from '../../src/codebase/undeclared-modules.js';
import { Unknown } from '../../src/project/python-value.js';
import type { DependencySet } from '../../src/project/types.js';
import { assertReports, envRead, moduleUse, projectFacts, requirementsTxt, type Expected, type FactsInput } from '../helpers/project-facts.js';

const FILES = ['manage.py', 'proj/settings.py', 'pages/__init__.py', 'pages/apps.py', 'helpers.py'];
const lock = (lines: string[]): DependencySet => ({ ...requirementsTxt(lines), kind: 'uv.lock', file: 'uv.lock' });

const moduleCases: Array<[string, FactsInput, Expected[] | 'skip']> = [
  [
    'declared under their distribution names',
    {
      imports: [moduleUse('environ', 1), moduleUse('dj_database_url', 2), moduleUse('whitenoise.middleware.WhiteNoiseMiddleware', 30, 'setting'), moduleUse('corsheaders', 31, 'setting'), moduleUse('psycopg2', 3)],
      requirements: ['django-environ==0.12.0', 'dj-database-url==2.3.0', 'whitenoise==6.9.0', 'django-cors-headers==4.7.0', 'psycopg2-binary==2.9.10'],
    },
    [],
  ],
  ['the standard library, Django and the project itself need nothing', { imports: [moduleUse('os', 1), moduleUse('pathlib', 2), moduleUse('django.contrib.admin', 20, 'setting'), moduleUse('pages.apps.PagesConfig', 21, 'setting'), moduleUse('helpers', 3)], requirements: [] }, []],
  [
    'an undeclared import in requirements.txt warns (a dependency may pull it in)',
    { imports: [moduleUse('decouple', 2)], requirements: ['Django==5.2.1'] },
    [{ severity: 'warning', message: /^the settings import decouple \(proj\/settings\.py:2\), but requirements\.txt does not declare python-decouple, so it is installed only if another requirement pulls it in/, file: 'proj/settings.py', line: 2 }],
  ],
  [
    'undeclared with a lock file is an error, reported once per module',
    { imports: [moduleUse('debug_toolbar', 40, 'setting'), moduleUse('debug_toolbar.middleware.DebugToolbarMiddleware', 50, 'setting')], requirements: lock(['django==5.2.1']) },
    [{ severity: 'error', message: /^the settings name debug_toolbar \(proj\/settings\.py:40\), but uv\.lock does not declare django-debug-toolbar: otherwise/, line: 40 }],
  ],
  ['unknown modules map by convention', { imports: [moduleUse('django_rq', 5, 'setting')], requirements: ['django-rq==3.0'] }, []],
  ['no dependency file', { imports: [moduleUse('environ', 1)] }, 'skip'],
];

for (const [name, input, expected] of moduleCases) {
  test(`codebase.undeclared-module: ${name}`, () => assertReports(undeclaredModuleRule, projectFacts({ files: FILES, settings: {}, ...input }), expected));
}

const PG = { default: { ENGINE: 'django.db.backends.postgresql', NAME: 'd' } };
const SQLITE = { default: { ENGINE: 'django.db.backends.sqlite3', NAME: 'db.sqlite3' } };

const driverCases: Array<[string, FactsInput, Expected[] | 'skip']> = [
  ['psycopg2-binary', { settings: { DATABASES: PG }, requirements: ['psycopg2-binary==2.9.10'] }, []],
  ['psycopg 3 with Django 5', { settings: { DATABASES: PG }, requirements: ['psycopg[binary]==3.2.9'], django: { major: 5, minor: 2, source: 'pin' } }, []],
  ['no driver', { settings: { DATABASES: PG }, requirements: ['Django==5.2.1'] }, [{ severity: 'error', message: /^DATABASES uses PostgreSQL, but requirements\.txt declares no PostgreSQL driver \(psycopg, psycopg2, psycopg2-binary\)/, file: 'requirements.txt' }]],
  [
    'DATABASE_URL means Heroku Postgres, even with a SQLite fallback',
    { settings: { DATABASES: SQLITE }, envReads: [envRead('DATABASE_URL', 1)], requirements: ['Django==4.1.13'], django: { major: 4, minor: 1, source: 'pin' } },
    [{ severity: 'error', message: /^the settings read DATABASE_URL, which Heroku Postgres sets, but .* \(psycopg2, psycopg2-binary\)/ }],
  ],
  ['psycopg 3 with Django 3.2', { settings: { DATABASES: PG }, requirements: ['psycopg==3.2.9'], django: { major: 3, minor: 2, source: 'pin' } }, [{ severity: 'error', message: /^Django 3\.2 does not support psycopg 3 \(declared at requirements\.txt:1\), and no psycopg2 is declared/, file: 'requirements.txt', line: 1 }]],
  ['SQLite needs no driver', { settings: { DATABASES: SQLITE }, requirements: [] }, []],
  ['an unknown engine', { settings: { DATABASES: { default: new Unknown("calls config()", 'proj/settings.py', 9) } }, requirements: [] }, [{ severity: 'info', message: /cannot tell which database engine the settings use: calls config\(\)/, line: 9 }]],
];

for (const [name, input, expected] of driverCases) {
  test(`codebase.postgres-driver: ${name}`, () => assertReports(postgresDriverRule, projectFacts(input), expected));
}
