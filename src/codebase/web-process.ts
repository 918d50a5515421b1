import type { Rule } from '../core/rule.js';
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
export const webServerRule: Rule<ProjectFacts> = {
  meta: {
    id: 'codebase.web-server',
    area: 'codebase',
    severity: 'error',
    title: 'The web process runs a production server',
    docs: devCenter('python-gunicorn'),
  },
  check(facts) {
    const web = webProcess(facts);
    if (!web) return NO_WEB;
    const place = { file: web.file, line: web.entry.line };
    const { server, programs } = web.analysis;
    if (!server) {
      return [{ severity: 'info', message: `cannot tell which server the web process starts (it runs ${programs.join(', ') || 'nothing implanta recognises'})`, hint: 'implanta recognises gunicorn, uvicorn, daphne, uwsgi and waitress-serve.', ...place }];
    }
    if (server.name !== 'runserver') return [];
    return [
      {
        message: "the web process runs Django's development server (manage.py runserver): it is single-process, serves no static files with DEBUG off, and Django says it must never face the internet",
        hint: 'Use gunicorn: `web: gunicorn PROJECT.wsgi`, with gunicorn in requirements.txt.',
        ...place,
      },
    ];
  },
};

/** codebase.web-port: the web process listens on $PORT on every interface. */
export const webPortRule: Rule<ProjectFacts> = {
  meta: {
    id: 'codebase.web-port',
    area: 'codebase',
    severity: 'error',
    title: 'The web process listens on $PORT',
    docs: devCenter('dyno-startup-behavior#port-binding-of-web-dynos'),
  },
  check(facts) {
    const web = webProcess(facts);
    if (!web) return NO_WEB;
    const { server, wrappers } = web.analysis;
    // runserver is reported by codebase.web-server; fixing that replaces the command anyway.
    if (!server || server.name === 'runserver') return { skip: 'no production server recognised in the web process' };
    const place = { file: web.file, line: web.entry.line };
    const binding = portBinding(server, wrappers);
    if (binding.ok === true) return [];
    if (binding.ok === 'unknown') return [{ severity: 'info', message: `cannot tell whether ${server.name} listens on $PORT: ${binding.why}`, ...place }];
    return [
      {
        message: `${server.name} ${binding.problem}: Heroku gives each web dyno a port in $PORT and stops the dyno when nothing listens on it within 60 seconds (error R10)`,
        hint: PORT_HINTS[server.name] ?? 'Listen on 0.0.0.0:$PORT.',
        ...place,
      },
    ];
  },
};

const PORT_HINTS: Record<string, string> = {
  gunicorn: 'Drop --bind (gunicorn binds 0.0.0.0:$PORT by itself) or use --bind 0.0.0.0:$PORT.',
  uvicorn: 'Add --host 0.0.0.0 --port $PORT.',
  daphne: 'Add -b 0.0.0.0 -p $PORT.',
  uwsgi: 'Use --http :$PORT.',
  'waitress-serve': 'Add --port=$PORT.',
};

/** codebase.web-app-module: the WSGI/ASGI module the web process names exists in the tree. */
export const webAppModuleRule: Rule<ProjectFacts> = {
  meta: {
    id: 'codebase.web-app-module',
    area: 'codebase',
    severity: 'error',
    title: 'The application module the web process loads exists',
    docs: devCenter('procfile'),
  },
  check(facts) {
    const web = webProcess(facts);
    if (!web) return NO_WEB;
    const { server } = web.analysis;
    if (!server || server.name === 'runserver') return { skip: 'no production server recognised in the web process' };
    const place = { file: web.file, line: web.entry.line };
    const ref = appReference(server);
    if (!ref) {
      return [{ severity: 'info', message: `cannot tell which application ${server.name} loads: the command names none implanta can resolve (a config file may)`, ...place }];
    }
    const candidates = moduleFileCandidates(ref);
    const files = new Set(facts.files);
    if (candidates.some((f) => files.has(f))) return [];
    return [
      {
        message: `the web process loads ${ref.spec}, but the project has no ${candidates.slice(0, 2).join(' or ')}: the dyno would crash at boot`,
        hint: `Name the module of your project's wsgi.py, relative to the project root${ref.searchDirs[0] ? ` and --chdir ${ref.searchDirs[0]}` : ''} (e.g. \`gunicorn PROJECT.wsgi\`).`,
        ...place,
      },
    ];
  },
};
