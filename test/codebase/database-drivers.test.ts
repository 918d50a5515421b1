import { mysqlDriverRule, postgresDriverRule } from '../../src/codebase/database-drivers.js';
import { Unknown } from '../../src/project/python-value.js';
import { envRead, projectFacts } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

const PG = { default: { ENGINE: 'django.db.backends.postgresql', NAME: 'd' } };
const MYSQL = { default: { ENGINE: 'django.db.backends.mysql', NAME: 'd' } };
const SQLITE = { default: { ENGINE: 'django.db.backends.sqlite3', NAME: 'db.sqlite3' } };

testRule(postgresDriverRule, {
  pass: [
    { name: 'psycopg2-binary', facts: projectFacts({ settings: { DATABASES: PG }, requirements: ['psycopg2-binary==2.9.10'] }) },
    { name: 'psycopg 3 with Django 5', facts: projectFacts({ settings: { DATABASES: PG }, requirements: ['psycopg[binary]==3.2.9'], django: { major: 5, minor: 2, source: 'pin' } }) },
    { name: 'SQLite needs no driver', facts: projectFacts({ settings: { DATABASES: SQLITE }, requirements: [] }) },
    { name: 'django-heroku brings psycopg2', facts: projectFacts({ settings: { DATABASES: PG }, requirements: ['django-heroku==0.3.1'], django: { major: 2, minor: 2, source: 'pin' } }) },
    {
      name: 'a MySQL database is not PostgreSQL',
      facts: projectFacts({ settings: { DATABASES: MYSQL }, envReads: [envRead('DATABASE_URL', 1)], env: { DATABASE_URL: 'mysql://u:p@host/db' }, requirements: ['mysqlclient==2.2.7'] }),
    },
  ],
  fail: [
    {
      name: 'no driver',
      facts: projectFacts({ settings: { DATABASES: PG }, requirements: ['Django==5.2.1'] }),
      reports: [{ messageId: 'no-driver', severity: 'error', file: 'requirements.txt', mentions: ['psycopg, psycopg2, psycopg2-binary'] }],
    },
    {
      name: 'DATABASE_URL means Heroku Postgres, even with a SQLite fallback (Django 4.1: psycopg2 only)',
      facts: projectFacts({ settings: { DATABASES: SQLITE }, envReads: [envRead('DATABASE_URL', 1)], requirements: ['Django==4.1.13'], django: { major: 4, minor: 1, source: 'pin' } }),
      reports: [{ messageId: 'no-driver', severity: 'error', mentions: ['DATABASE_URL', '(psycopg2, psycopg2-binary)'] }],
    },
    {
      name: 'psycopg 3 with Django 3.2',
      facts: projectFacts({ settings: { DATABASES: PG }, requirements: ['psycopg==3.2.9'], django: { major: 3, minor: 2, source: 'pin' } }),
      reports: [{ messageId: 'psycopg3-on-old-django', severity: 'error', file: 'requirements.txt', line: 1 }],
    },
    {
      name: 'an unknown engine',
      facts: projectFacts({ settings: { DATABASES: { default: new Unknown('calls config()', 'proj/settings.py', 9) } }, requirements: [] }),
      reports: [{ messageId: 'cannot-tell', severity: 'info', line: 9, mentions: ['calls config()'] }],
    },
  ],
});

testRule(mysqlDriverRule, {
  pass: [
    { name: 'mysqlclient', facts: projectFacts({ settings: { DATABASES: MYSQL }, requirements: ['mysqlclient==2.2.7'] }) },
    { name: 'PyMySQL', facts: projectFacts({ settings: { DATABASES: MYSQL }, requirements: ['PyMySQL==1.1.1'] }) },
    { name: 'PostgreSQL needs no MySQL driver', facts: projectFacts({ settings: { DATABASES: PG }, requirements: ['psycopg2-binary==2.9.10'] }) },
  ],
  fail: [
    {
      name: 'a MySQL DATABASE_URL with only psycopg2 declared',
      facts: projectFacts({ settings: { DATABASES: MYSQL }, envReads: [envRead('DATABASE_URL', 1)], env: { DATABASE_URL: 'mysql://u:p@host/db' }, requirements: ['psycopg2-binary==2.9.10'] }),
      reports: [{ messageId: 'no-driver', severity: 'error', mentions: ['django.db.backends.mysql', 'mysqlclient, pymysql, mysql-connector-python'] }],
    },
  ],
});
