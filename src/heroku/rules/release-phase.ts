import type { Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import type { HerokuFacts } from '../facts.js';

/**
 * A project with migrations declares a `release:` process, so Heroku migrates before the new release
 * takes traffic, and a failed migration stops the release instead of breaking the live site.
 */
export const releasePhaseRule: Rule<HerokuFacts> = defineRule({
  id: 'heroku.release-phase',
  area: 'heroku',
  severity: 'warning',
  title: 'Migrations run in the release phase',
  docs: 'https://devcenter.heroku.com/articles/release-phase',
  explain: {
    checks: "Whether the app, which has migrations, runs them in a release phase \u2014 judged only when the project has no Procfile to read (otherwise codebase.release-migrations owns it).",
    why: "Without it deploys put new code live against the old schema.",
    example: "migrations/0002_\u2026 and no release process",
    fix: "release: python manage.py migrate --noinput in the Procfile.",
  },
  messages: { 'no-procfile': "migrations and no Procfile", 'no-release-process': "migrations and no release process", 'release-without-migrate': "the release process does not call migrate" },
  check(facts: HerokuFacts) {
    if (facts.projectHasMigrations === undefined) return { skip: 'no project was read alongside the app' };
    if (!facts.projectHasMigrations) return [];
    const procfile = facts.procfile;
    if (!procfile) {
      return [{ messageId: 'no-procfile', message: 'The project has migrations but no Procfile, so no release phase runs them.', hint: 'Add a Procfile with `release: python manage.py migrate --noinput`.' }];
    }
    const release = procfile.entries.find((e) => e.name === 'release');
    if (!release) {
      return [{
        messageId: 'no-release-process', message: 'The project has migrations but the Procfile declares no release process: deploys do not migrate.',
        hint: 'Add `release: python manage.py migrate --noinput` to the Procfile.',
        file: procfile.file,
      }];
    }
    if (!/\bmigrate\b/.test(release.command)) {
      // A script may migrate inside; say what was seen rather than claim it does not.
      return [{
        severity: 'info',
        messageId: 'release-without-migrate', message: 'The release process does not call `migrate` directly; make sure the command it runs applies migrations.',
        file: procfile.file,
        line: release.line,
      }];
    }
    return [];
  },
});
