import type { Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { procfileEntry } from '../project/procfile.js';
import { analyseCommand, appReference, moduleFileCandidates, type CommandAnalysis } from '../project/process-command.js';
import { portBinding } from '../project/port-binding.js';
import type { ProcfileEntry, ProjectFacts } from '../project/types.js';
import { devCenter } from './support.js';

interface WebProcess {
  entry: ProcfileEntry;
  file: string;
  analysis: CommandAnalysis;
}

function webProcess(facts: ProjectFacts): WebProcess | undefined {
  const entry = procfileEntry(facts.procfile, 'web');
  return entry && { entry, file: facts.procfile!.file, analysis: analyseCommand(entry.command) };
}

const NO_WEB = { skip: 'the Procfile declares no web process' };

/** codebase.web-server: the web process runs a production server, not Django's runserver. */
export const webServerRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.web-server',
  area: 'codebase',
  severity: 'error',
  title: 'The web process runs a production server',
  docs: devCenter('python-gunicorn'),
  explain: {
    checks: "Which server the web process starts: Django's runserver is reported.",
    why: "runserver is single-threaded, unhardened and serves no static files with DEBUG off; Django says never to use it in production.",
    example: "web: python manage.py runserver 0.0.0.0:$PORT",
    fix: "web: gunicorn PROJECT.wsgi (with gunicorn in requirements.txt).",
  },
  messages: { 'runserver': "the web process runs Django's development server", 'cannot-tell': 'the value depends on something the static evaluation could not know (info)' },
  check(facts: ProjectFacts) {
    const web = webProcess(facts);
    if (!web) return NO_WEB;
    const place = { file: web.file, line: web.entry.line };
    const { server, programs } = web.analysis;
    if (!server) {
      return [{ severity: 'info', messageId: 'cannot-tell', message: `cannot tell which server the web process starts (it runs ${programs.join(', ') || 'nothing implanta recognises'})`, hint: 'implanta recognises gunicorn, uvicorn, daphne, uwsgi and waitress-serve.', ...place }];
    }
    if (server.name !== 'runserver') return [];
    return [
      {
        messageId: 'runserver', message: "the web process runs Django's development server (manage.py runserver): it is single-process, serves no static files with DEBUG off, and Django says it must never face the internet",
        hint: 'Use gunicorn: `web: gunicorn PROJECT.wsgi`, with gunicorn in requirements.txt.',
        ...place,
      },
    ];
  },
});

/** codebase.web-port: the web process listens on $PORT on every interface. */
export const webPortRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.web-port',
  area: 'codebase',
  severity: 'error',
  title: 'The web process listens on $PORT',
  docs: devCenter('dyno-startup-behavior#port-binding-of-web-dynos'),
  explain: {
    checks: "Whether the web server listens on 0.0.0.0:$PORT.",
    why: "Heroku assigns the port in $PORT and kills a web dyno that does not bind to it within 60 seconds (error R10).",
    example: "web: gunicorn proj.wsgi --bind 127.0.0.1:8000",
    fix: "Drop --bind (gunicorn reads $PORT), or --bind 0.0.0.0:$PORT.",
  },
  messages: { 'port': "the server does not listen on 0.0.0.0:$PORT", 'cannot-tell': 'the value depends on something the static evaluation could not know (info)' },
  check(facts: ProjectFacts) {
    const web = webProcess(facts);
    if (!web) return NO_WEB;
    const { server, wrappers } = web.analysis;
    // runserver is reported by codebase.web-server; fixing that replaces the command anyway.
    if (!server || server.name === 'runserver') return { skip: 'no production server recognised in the web process' };
    const place = { file: web.file, line: web.entry.line };
    const binding = portBinding(server, wrappers);
    if (binding.ok === true) return [];
    if (binding.ok === 'unknown') return [{ severity: 'info', messageId: 'cannot-tell', message: `cannot tell whether ${server.name} listens on $PORT: ${binding.why}`, ...place }];
    return [
      {
        messageId: 'port', message: `${server.name} ${binding.problem}: Heroku gives each web dyno a port in $PORT and stops the dyno when nothing listens on it within 60 seconds (error R10)`,
        hint: PORT_HINTS[server.name] ?? 'Listen on 0.0.0.0:$PORT.',
        ...place,
      },
    ];
  },
});

const PORT_HINTS: Record<string, string> = {
  gunicorn: 'Drop --bind (gunicorn binds 0.0.0.0:$PORT by itself) or use --bind 0.0.0.0:$PORT.',
  uvicorn: 'Add --host 0.0.0.0 --port $PORT.',
  daphne: 'Add -b 0.0.0.0 -p $PORT.',
  uwsgi: 'Use --http :$PORT.',
  'waitress-serve': 'Add --port=$PORT.',
};

/** codebase.web-app-module: the WSGI/ASGI module the web process names exists in the tree. */
export const webAppModuleRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.web-app-module',
  area: 'codebase',
  severity: 'error',
  title: 'The application module the web process loads exists',
  docs: devCenter('procfile'),
  explain: {
    checks: "Whether the WSGI/ASGI module the web command names exists in the tree.",
    why: "A wrong module name crashes every web dyno at boot.",
    example: "web: gunicorn project.wsgi   (but the package is called mysite)",
    fix: "Name your project's wsgi module: web: gunicorn mysite.wsgi.",
  },
  messages: { 'missing-module': "the WSGI/ASGI module named does not exist", 'cannot-tell': 'the value depends on something the static evaluation could not know (info)' },
  check(facts: ProjectFacts) {
    const web = webProcess(facts);
    if (!web) return NO_WEB;
    const { server } = web.analysis;
    if (!server || server.name === 'runserver') return { skip: 'no production server recognised in the web process' };
    const place = { file: web.file, line: web.entry.line };
    const ref = appReference(server);
    if (!ref) {
      return [{ severity: 'info', messageId: 'cannot-tell', message: `cannot tell which application ${server.name} loads: the command names none implanta can resolve (a config file may)`, ...place }];
    }
    const candidates = moduleFileCandidates(ref);
    const files = new Set(facts.files);
    // In a monorepo the command runs from the repository root: `--chdir web` names the project root itself.
    const prefix = facts.buildPrefix && `${facts.buildPrefix}/`;
    const fromBuildRoot = prefix ? candidates.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length)) : [];
    if ([...candidates, ...fromBuildRoot].some((f) => files.has(f))) return [];
    // A module beside the project's folder: `gunicorn heroku_wsgi` with heroku_wsgi.py at the build root.
    const outside = new Set(prefix ? facts.buildRootPython : []);
    if (candidates.some((f) => outside.has(f))) return [];
    return [
      {
        messageId: 'missing-module', message: `the web process loads ${ref.spec}, but the project has no ${candidates.slice(0, 2).join(' or ')}: the dyno would crash at boot`,
        hint: `Name the module of your project's wsgi.py, relative to the project root${ref.searchDirs[0] ? ` and --chdir ${ref.searchDirs[0]}` : ''} (e.g. \`gunicorn PROJECT.wsgi\`).`,
        ...place,
      },
    ];
  },
});
