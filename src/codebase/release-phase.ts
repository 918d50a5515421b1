import type { Report, Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { procfileEntry } from '../project/procfile.js';
import { analyseCommand } from '../project/process-command.js';
import type { ProjectFacts } from '../project/types.js';
import { devCenter } from './support.js';

const MIGRATION = /(^|\/)migrations\/0[^/]*\.py$/;
/** Django's commands that never migrate; any other manage.py command may be the project's own and call migrate. */
const BUILT_IN_COMMANDS = new Set(['check', 'collectstatic', 'compilemessages', 'createcachetable', 'clearsessions', 'showmigrations', 'sendtestemail', 'shell', 'dbshell']);
const SCRIPT = /(^|\/)(bin\/|\.\/)|\.sh$|^(ba)?sh$/;

/** Where a release command goes: the Procfile's `release:` line, or heroku.yml's release section. */
function addRelease(file: string): string {
  return file.endsWith('heroku.yml') ? 'a release section in heroku.yml (`release:` with `command: [python manage.py migrate --noinput]`)' : 'a release process in the Procfile (`release: python manage.py migrate --noinput`)';
}

/** codebase.release-migrations: migrations run once per release (`release:`), never in `web`. */
export const releaseMigrationsRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.release-migrations',
  area: 'codebase',
  severity: 'warning',
  title: 'Migrations run in the release phase, not in the web process',
  docs: devCenter('release-phase'),
  explain: {
    checks: "Whether migrations run in a release process, and not at web dyno start.",
    why: "Migrating in the web process races dynos against each other and takes new code live even when a migration fails; with no release phase new code meets the old schema.",
    example: "web: python manage.py migrate && gunicorn proj.wsgi",
    fix: "release: python manage.py migrate --noinput, and web: gunicorn proj.wsgi.",
  },
  messages: { 'migrate-in-web': "the web process runs migrate", 'no-release-process': "migrations exist but no release process", 'release-without-migrate': "the release process does not migrate", 'migrates-at-build': 'a build hook (bin/post_compile) runs migrate instead of a release process (info)', 'cannot-tell': 'the value depends on something the static evaluation could not know (info)' },
  check(facts: ProjectFacts) {
    const { procfile } = facts;
    if (!procfile) return { skip: 'no Procfile' };
    const reports: Report[] = [];
    const web = procfileEntry(procfile, 'web');
    // `web: sh startup.sh`: the script is the command (project/process-scripts.ts).
    const webScripts = web ? (facts.processScripts ?? []).filter((s) => s.process === 'web') : [];
    const scriptMigrating = webScripts.find((s) => s.migrateLine !== undefined);
    const webMigrates = web !== undefined && (analyseCommand(web.command).runsMigrations || scriptMigrating !== undefined);
    if (webMigrates) {
      const through = scriptMigrating ? ` (${scriptMigrating.file}:${scriptMigrating.migrateLine}, which \`${web!.command}\` runs)` : '';
      reports.push({
        messageId: 'migrate-in-web', message: `the web process runs \`manage.py migrate\` at every dyno start${through}: dynos race each other for the schema, and a failing migration takes the new code live anyway`,
        hint: `Move it to ${addRelease(procfile.file)}, and start only the server in web.`,
        ...(scriptMigrating ? { file: scriptMigrating.file!, line: scriptMigrating.migrateLine! } : { file: procfile.file, line: web!.line }),
      });
    }
    const unreadWebScript = webScripts.find((s) => s.file === undefined);
    if (!facts.files.some((f) => MIGRATION.test(f))) return reports;
    const release = procfileEntry(procfile, 'release');
    if (!release) {
      const hook = facts.buildHooks?.find((h) => h.migrateLine !== undefined);
      if (hook && !webMigrates) {
        reports.push({
          severity: 'info',
          messageId: 'migrates-at-build',
          message: `the migrations run at build time (${hook.file}:${hook.migrateLine}), before the release: a build that is never released still changes the schema`,
          hint: `Move \`python manage.py migrate --noinput\` to ${addRelease(procfile.file)}.`,
          file: hook.file,
          line: hook.migrateLine!,
        });
        return reports;
      }
      if (!webMigrates && unreadWebScript) {
        reports.push({ severity: 'info', messageId: 'cannot-tell', message: `cannot tell whether the migrations run before new code serves: there is no release process, and the web process runs ${unreadWebScript.named}, which is not a file of the project`, file: procfile.file, line: web!.line });
      } else if (!webMigrates) {
        reports.push({
          messageId: 'no-release-process', message: 'the project has migrations but no release process runs them: new code would go live against the old schema',
          hint: `Add ${addRelease(procfile.file)}.`,
          file: procfile.file,
        });
      }
      return reports;
    }
    const analysis = analyseCommand(release.command);
    if (analysis.runsMigrations) return reports;
    const place = { file: procfile.file, line: release.line };
    // A project's own management command (heroku_release, deploy_tasks…) may call migrate itself.
    const custom = /manage\.py\s+([a-z_][\w-]*)/.exec(release.command)?.[1];
    if (custom && !BUILT_IN_COMMANDS.has(custom)) {
      reports.push({ severity: 'info', messageId: 'cannot-tell', message: `cannot tell whether the release process runs the migrations: it runs the project's own command manage.py ${custom}`, ...place });
    } else if (analysis.programs.some((p) => SCRIPT.test(p))) {
      reports.push({ severity: 'info', messageId: 'cannot-tell', message: `cannot tell whether the release process runs the migrations: it runs ${analysis.programs.join(', ')}`, ...place });
    } else {
      reports.push({ messageId: 'release-without-migrate', message: 'the release process does not run `manage.py migrate`: new code would go live against the old schema', hint: 'Run `python manage.py migrate --noinput` in the release command.', ...place });
    }
    return reports;
  },
});
