import { test } from 'node:test';
import { mysqlDriverRule, postgresDriverRule } from '../../src/codebase/database-drivers.js';
import { Unknown } from '../../src/project/python-value.js';
import { assertReports, envRead, projectFacts, type Expected, type FactsInput } from '../helpers/project-facts.js';

const PG = { default: { ENGINE: 'django.db.backends.postgresql', NAME: 'd' } };
const MYSQL = { default: { ENGINE: 'django.db.backends.mysql', NAME: 'd' } };
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
  ['django-heroku brings psycopg2', { settings: { DATABASES: PG }, requirements: ['django-heroku==0.3.1'], django: { major: 2, minor: 2, source: 'pin' } }, []],
  ['a MySQL database is not PostgreSQL', { settings: { DATABASES: MYSQL }, envReads: [envRead('DATABASE_URL', 1)], env: { DATABASE_URL: 'mysql://u:p@host/db' }, requirements: ['mysqlclient==2.2.7'] }, []],
  ['an unknown engine', { settings: { DATABASES: { default: new Unknown("calls config()", 'proj/settings.py', 9) } }, requirements: [] }, [{ severity: 'info', message: /cannot tell which database engine the settings use: calls config\(\)/, line: 9 }]],
];

for (const [name, input, expected] of driverCases) {
  test(`codebase.postgres-driver: ${name}`, () => assertReports(postgresDriverRule, projectFacts(input), expected));
}

const mysqlCases: Array<[string, FactsInput, Expected[] | 'skip']> = [
  ['mysqlclient', { settings: { DATABASES: MYSQL }, requirements: ['mysqlclient==2.2.7'] }, []],
  ['PyMySQL', { settings: { DATABASES: MYSQL }, requirements: ['PyMySQL==1.1.1'] }, []],
  [
    'a MySQL DATABASE_URL with only psycopg2 declared',
    { settings: { DATABASES: MYSQL }, envReads: [envRead('DATABASE_URL', 1)], env: { DATABASE_URL: 'mysql://u:p@host/db' }, requirements: ['psycopg2-binary==2.9.10'] },
    [{ severity: 'error', message: /^DATABASES uses MySQL \(django\.db\.backends\.mysql\), but requirements\.txt declares no MySQL driver \(mysqlclient, pymysql, mysql-connector-python\)/ }],
  ],
  ['PostgreSQL needs no MySQL driver', { settings: { DATABASES: PG }, requirements: ['psycopg2-binary==2.9.10'] }, []],
];

for (const [name, input, expected] of mysqlCases) {
  test(`codebase.mysql-driver: ${name}`, () => assertReports(mysqlDriverRule, projectFacts(input), expected));
}
