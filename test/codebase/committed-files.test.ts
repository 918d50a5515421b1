import { committedDatabaseRule, committedEnvRule } from '../../src/codebase/committed-files.js';
import type { DotenvFileSummary } from '../../src/project/types.js';
import { projectFacts } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

const secretEnv: DotenvFileSummary = { file: '.env', secretKeys: [{ key: 'SECRET_KEY', line: 2 }, { key: 'DATABASE_URL', line: 5 }] };
const harmlessEnv: DotenvFileSummary = { file: '.env', secretKeys: [] };
const example: DotenvFileSummary = { file: '.env.example', secretKeys: [{ key: 'SECRET_KEY', line: 1 }] };

testRule(committedEnvRule, {
  pass: [
    { name: 'an ignored .env with credentials', facts: projectFacts({ files: ['.env', 'manage.py'], tracked: ['manage.py'], dotenvFiles: [secretEnv] }) },
    { name: 'a harmless .env for heroku local', facts: projectFacts({ files: ['.env'], tracked: ['.env'], settings: {}, dotenvFiles: [harmlessEnv] }) },
    { name: 'an example file documents keys', facts: projectFacts({ files: ['.env.example'], tracked: ['.env.example'], dotenvFiles: [example] }) },
  ],
  fail: [
    {
      name: 'a committed .env with credentials',
      facts: projectFacts({ files: ['.env', 'manage.py'], tracked: ['.env', 'manage.py'], dotenvFiles: [secretEnv] }),
      reports: [{ messageId: 'committed-credentials', severity: 'error', file: '.env', line: 2, mentions: ['SECRET_KEY (line 2)', 'DATABASE_URL (line 5)', 'committed'] }],
    },
    {
      name: 'outside git, present means deployed',
      facts: projectFacts({ files: ['.env', 'manage.py'], dotenvFiles: [secretEnv] }),
      reports: [{ messageId: 'committed-credentials', severity: 'error', mentions: ['would be deployed'] }],
    },
    {
      name: 'a harmless .env the settings load',
      facts: projectFacts({ files: ['.env'], tracked: ['.env'], settings: {}, dotenvFilesRead: ['.env'], dotenvFiles: [harmlessEnv] }),
      reports: [{ messageId: 'committed-env-loaded', severity: 'warning', file: '.env' }],
    },
  ],
});

testRule(committedDatabaseRule, {
  pass: [
    { name: 'none', facts: projectFacts({ files: ['manage.py'], tracked: ['manage.py'] }) },
    { name: 'present but ignored by git', facts: projectFacts({ files: ['db.sqlite3', 'manage.py'], tracked: ['manage.py'] }) },
  ],
  fail: [
    {
      name: 'committed',
      facts: projectFacts({ files: ['db.sqlite3', 'manage.py', 'data/test.sqlite'], tracked: ['db.sqlite3', 'data/test.sqlite', 'manage.py'] }),
      reports: [
        { messageId: 'committed-sqlite', severity: 'error', file: 'data/test.sqlite' },
        { messageId: 'committed-sqlite', severity: 'error', file: 'db.sqlite3' },
      ],
    },
    { name: 'outside git', facts: projectFacts({ files: ['db.sqlite3'] }), reports: [{ messageId: 'committed-sqlite', severity: 'error', file: 'db.sqlite3', mentions: ['would be deployed'] }] },
  ],
});
