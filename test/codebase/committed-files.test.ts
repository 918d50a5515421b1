import { test } from 'node:test';
import { committedDatabaseRule, committedEnvRule } from '../../src/codebase/committed-files.js';
import type { DotenvFileSummary } from '../../src/project/types.js';
import { assertReports, projectFacts, type Expected, type FactsInput } from '../helpers/project-facts.js';

const secretEnv: DotenvFileSummary = { file: '.env', secretKeys: [{ key: 'SECRET_KEY', line: 2 }, { key: 'DATABASE_URL', line: 5 }] };
const harmlessEnv: DotenvFileSummary = { file: '.env', secretKeys: [] };
const example: DotenvFileSummary = { file: '.env.example', secretKeys: [{ key: 'SECRET_KEY', line: 1 }] };

const envCases: Array<[string, FactsInput, Expected[]]> = [
  ['a committed .env with credentials', { files: ['.env', 'manage.py'], tracked: ['.env', 'manage.py'], dotenvFiles: [secretEnv] }, [{ severity: 'error', message: /^\.env is committed and holds credentials: SECRET_KEY \(line 2\), DATABASE_URL \(line 5\)$/, file: '.env', line: 2 }]],
  ['an ignored .env with credentials', { files: ['.env', 'manage.py'], tracked: ['manage.py'], dotenvFiles: [secretEnv] }, []],
  ['outside git, present means deployed', { files: ['.env', 'manage.py'], dotenvFiles: [secretEnv] }, [{ severity: 'error', message: /^\.env is in the project \(and would be deployed\) and holds credentials/ }]],
  ['a harmless .env for heroku local', { files: ['.env'], tracked: ['.env'], settings: {}, dotenvFiles: [harmlessEnv] }, []],
  ['a harmless .env the settings load', { files: ['.env'], tracked: ['.env'], settings: {}, dotenvFilesRead: ['.env'], dotenvFiles: [harmlessEnv] }, [{ severity: 'warning', message: /^the settings load \.env, which is committed: a production dyno would take any value missing/, file: '.env' }]],
  ['an example file documents keys', { files: ['.env.example'], tracked: ['.env.example'], dotenvFiles: [example] }, []],
];

for (const [name, input, expected] of envCases) {
  test(`codebase.committed-env: ${name}`, () => assertReports(committedEnvRule, projectFacts(input), expected));
}

const dbCases: Array<[string, FactsInput, Expected[]]> = [
  ['none', { files: ['manage.py'], tracked: ['manage.py'] }, []],
  ['committed', { files: ['db.sqlite3', 'manage.py', 'data/test.sqlite'], tracked: ['db.sqlite3', 'data/test.sqlite', 'manage.py'] }, [
    { severity: 'error', message: /^data\/test\.sqlite is committed: it holds whatever the development database had/, file: 'data/test.sqlite' },
    { severity: 'error', message: /^db\.sqlite3 is committed/, file: 'db.sqlite3' },
  ]],
  ['present but ignored by git', { files: ['db.sqlite3', 'manage.py'], tracked: ['manage.py'] }, []],
  ['outside git', { files: ['db.sqlite3'] }, [{ severity: 'error', message: /^db\.sqlite3 is in the project \(and would be deployed\)/ }]],
];

for (const [name, input, expected] of dbCases) {
  test(`codebase.committed-database: ${name}`, () => assertReports(committedDatabaseRule, projectFacts(input), expected));
}
