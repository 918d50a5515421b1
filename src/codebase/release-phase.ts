import type { Report, Rule } from '../core/rule.js';
import { procfileEntry } from '../project/procfile.js';
import { analyseCommand } from '../project/process-command.js';
import type { ProjectFacts } from '../project/types.js';
import { devCenter } from './support.js';

const MIGRATION = /(^|\/)migrations\/0[^/]*\.py$/;
const SCRIPT = /(^|\/)(bin\/|\.\/)|\.sh$|^(ba)?sh$/;

/** codebase.release-migrations: migrations run once per release (`release:`), never in `web`. */
export const releaseMigrationsRule: Rule<ProjectFacts> = {
  meta: {
    id: 'codebase.release-migrations',
    area: 'codebase',
    severity: 'warning',
    title: 'Migrations run in the release phase, not in the web process',
    docs: devCenter('release-phase'),
  },
  check(facts) {
    const { procfile } = facts;
    if (!procfile) return { skip: 'no Procfile' };
    const reports: Report[] = [];
    const web = procfileEntry(procfile, 'web');
    const webMigrates = web !== undefined && analyseCommand(web.command).runsMigrations;
    if (webMigrates) {
      reports.push({
        message: 'the web process runs `manage.py migrate` at every dyno start: dynos race each other for the schema, and a failing migration takes the new code live anyway',
        hint: 'Move it to a release process: `release: python manage.py migrate --noinput`, and start only the server in web.',
        file: procfile.file,
        line: web!.line,
      });
    }
    if (!facts.files.some((f) => MIGRATION.test(f))) return reports;
    const release = procfileEntry(procfile, 'release');
    if (!release) {
      if (!webMigrates) {
        reports.push({
          message: 'the project has migrations but no release process runs them: new code would go live against the old schema',
          hint: 'Add `release: python manage.py migrate --noinput` to the Procfile.',
          file: procfile.file,
        });
      }
      return reports;
    }
    const analysis = analyseCommand(release.command);
    if (analysis.runsMigrations) return reports;
    const place = { file: procfile.file, line: release.line };
    if (analysis.programs.some((p) => SCRIPT.test(p))) {
      reports.push({ severity: 'info', message: `cannot tell whether the release process runs the migrations: it runs ${analysis.programs.join(', ')}`, ...place });
    } else {
      reports.push({ message: 'the release process does not run `manage.py migrate`: new code would go live against the old schema', hint: 'Run `python manage.py migrate --noinput` in the release command.', ...place });
    }
    return reports;
  },
};
