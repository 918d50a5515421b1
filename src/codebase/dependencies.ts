import type { Report, Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { procfileEntry } from '../project/procfile.js';
import { analyseCommand, type ServerName } from '../project/process-command.js';
import type { ProjectFacts } from '../project/types.js';
import { declareHint, findRequirement } from './dependency-names.js';
import { devCenter } from './support.js';

/** codebase.dependencies: a dependency file Heroku's Python buildpack installs from, and that pip accepts. */
export const dependenciesRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.dependencies',
  area: 'codebase',
  severity: 'error',
  title: 'A dependency file Heroku installs from',
  docs: devCenter('python-pip'),
  explain: {
    checks: "Whether the root has a dependency file Heroku installs from (requirements.txt, Pipfile.lock, poetry.lock, uv.lock) that pip can read.",
    why: "Without one Heroku does not detect a Python app and the build fails.",
    example: "only setup.py at the root",
    fix: "pip freeze > requirements.txt, and commit it.",
  },
  messages: { 'no-dependency-file': "no dependency file Heroku reads", 'dependency-file-problem': "a line of the dependency file pip would refuse" },
  check(facts: ProjectFacts) {
    const deps = facts.dependencies;
    if (!deps) {
      return [
        {
          messageId: 'no-dependency-file', message: `no requirements.txt, Pipfile.lock, poetry.lock or uv.lock at ${facts.buildPrefix ? `the top of the folder checked, which Heroku builds (manage.py is in ${facts.buildPrefix}/), nor next to manage.py` : 'the project root'}: Heroku would not detect a Python app, and the build fails`,
          hint: 'Add requirements.txt listing Django and gunicorn with exact versions (pip freeze shows them).',
        },
      ];
    }
    return deps.problems.map((p) => ({ messageId: 'dependency-file-problem', message: `${p.file}:${p.line}: ${p.message}`, file: p.file, line: p.line }));
  },
});

const SERVER_DISTRIBUTIONS: Record<Exclude<ServerName, 'runserver'>, string[]> = {
  gunicorn: ['gunicorn'],
  uvicorn: ['uvicorn'],
  daphne: ['daphne'],
  uwsgi: ['uwsgi', 'pyuwsgi'],
  'waitress-serve': ['waitress'],
};

/**
 * codebase.pinned-dependencies: Django and the web server are declared. Whether they are pinned is
 * versions.unpinned's, which judges every requirement (the ID stays, so silencing lists keep working).
 */
export const pinnedDependenciesRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.pinned-dependencies',
  area: 'codebase',
  severity: 'error',
  title: 'Django and the web server are declared',
  docs: devCenter('python-pip'),
  explain: {
    checks: "Whether Django and the web server the Procfile starts are declared at all (whether they are pinned is versions.unpinned's).",
    why: "An undeclared server crashes the dyno with \"command not found\"; an undeclared Django is not installed.",
    example: "web: gunicorn proj.wsgi with no gunicorn in requirements.txt",
    fix: "Add gunicorn==VERSION (pip freeze shows the version you test with).",
  },
  messages: { 'not-declared': "Django or the web server is not declared" },
  check(facts: ProjectFacts) {
    const deps = facts.dependencies;
    if (!deps) return { skip: 'no dependency file' };
    const web = procfileEntry(facts.procfile, 'web');
    const server = web && analyseCommand(web.command).server?.name;
    const wanted: Array<{ label: string; names: string[]; why: string }> = [{ label: 'Django', names: ['django'], why: 'the build would not install it' }];
    if (server && server !== 'runserver') wanted.push({ label: server === 'waitress-serve' ? 'waitress' : server, names: SERVER_DISTRIBUTIONS[server], why: `the web process starts ${server} and would crash with "command not found"` });
    const reports: Report[] = [];
    for (const { label, names, why } of wanted) {
      const req = findRequirement(deps, names);
      if (!req) reports.push({ messageId: 'not-declared', message: `${label} is not declared in ${deps.file}: ${why}`, hint: declareHint(deps, label), file: deps.file });
    }
    return reports;
  },
});
