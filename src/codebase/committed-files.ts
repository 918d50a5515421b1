import type { Report, Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import type { ProjectFacts } from '../project/types.js';
import { devCenter } from './support.js';

/** What a deploy ships: git's tracked files when in git, else everything in the folder. */
function deployed(facts: ProjectFacts): { files: Set<string>; verb: string } {
  return facts.tracked ? { files: new Set(facts.tracked), verb: 'is committed' } : { files: new Set(facts.files), verb: 'is in the project (and would be deployed)' };
}

const TEMPLATE = /(example|sample|template|dist)/i;

/**
 * codebase.committed-env: a committed .env holding credentials, or one the settings load. A .env
 * that only `heroku local` reads, with harmless values, is fine: that is what it is for.
 */
export const committedEnvRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.committed-env',
  area: 'codebase',
  severity: 'error',
  title: 'No committed .env with secrets, or read by the settings',
  docs: devCenter('heroku-local#set-up-your-local-environment-variables'),
  explain: {
    checks: "Whether a committed .env-style file holds credentials, or is loaded by the settings.",
    why: "Committed credentials are readable by anyone with the repository; a loaded .env file silently fills in values production did not set.",
    example: ".env committed with SECRET_KEY=\u2026",
    fix: "git rm --cached .env, add it to .gitignore, set config vars, rotate the values.",
  },
  messages: { 'committed-credentials': "a committed .env file holds credentials", 'committed-env-loaded': "the settings load a committed .env file (warning)" },
  check(facts: ProjectFacts) {
    const { files, verb } = deployed(facts);
    const read = new Set(facts.evaluation?.dotenvFilesRead ?? []);
    const reports: Report[] = [];
    for (const summary of facts.dotenvFiles ?? []) {
      if (!files.has(summary.file)) continue;
      const secrets = TEMPLATE.test(summary.file) ? [] : summary.secretKeys;
      if (secrets.length > 0) {
        const keys = secrets.map((s) => `${s.key} (line ${s.line})`).join(', ');
        reports.push({
          messageId: 'committed-credentials', message: `${summary.file} ${verb} and holds credentials: ${keys}`,
          hint: `Remove it from git (git rm --cached ${summary.file}), add it to .gitignore, set the values as config vars, and rotate the ones that were committed.`,
          file: summary.file,
          line: secrets[0]!.line,
        });
      } else if (read.has(summary.file)) {
        reports.push({
          severity: 'warning',
          messageId: 'committed-env-loaded', message: `the settings load ${summary.file}, which ${verb}: a production dyno would take any value missing from its config vars from this file`,
          hint: 'Load .env files only outside production, or stop committing it; production configuration belongs in config vars.',
          file: summary.file,
        });
      }
    }
    return reports;
  },
});

const DATABASE_FILE = /(^|\/)[^/]+\.sqlite3?$/;

/** codebase.committed-database: a committed SQLite database file. */
export const committedDatabaseRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.committed-database',
  area: 'codebase',
  severity: 'error',
  title: 'No committed SQLite database',
  docs: devCenter('sqlite3'),
  explain: {
    checks: "Whether an SQLite database file is committed.",
    why: "It ships the development data (users, password hashes, sessions) with every deploy.",
    example: "db.sqlite3 tracked by git",
    fix: "git rm --cached db.sqlite3 and add it to .gitignore.",
  },
  messages: { 'committed-sqlite': "an SQLite database file is committed" },
  check(facts: ProjectFacts) {
    const { files, verb } = deployed(facts);
    return [...files]
      .filter((f) => DATABASE_FILE.test(f))
      .sort()
      .map((file) => ({
        messageId: 'committed-sqlite', message: `${file} ${verb}: it holds whatever the development database had (users, password hashes, sessions), and it is shipped with every deploy`,
        hint: `Remove it from git (git rm --cached ${file}) and add *.sqlite3 to .gitignore.`,
        file,
      }));
  },
});
