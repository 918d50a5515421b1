/**
 * What the evaluator knows of modules it does not read: functions by their dotted name (builtins,
 * pathlib, os.path, and the environment libraries), and a few constants. Anything else from a
 * module outside the project is opaque: calling it gives Unknown.
 */
import { PyOpaque, PyTuple, type PyValue } from '../python-value.js';
import { builtinHandlers } from './builtins.js';
import type { CallHandler, Frame } from './context.js';
import { decoupleHandlers } from './env-helpers/decouple.js';
import { djDatabaseUrlHandlers } from './env-helpers/dj-database-url.js';
import { djangoEnvironHandlers } from './env-helpers/django-environ.js';
import { djangoHerokuHandlers } from './env-helpers/django-heroku.js';
import { dotenvHandlers } from './env-helpers/dotenv.js';
import { osEnvironHandlers, osEnvironValues } from './env-helpers/os-environ.js';
import { pathHandlers } from './paths.js';
import { splitSettingsHandlers } from './split-settings.js';

const HANDLERS = new Map<string, CallHandler>(
  Object.entries({
    ...builtinHandlers,
    ...pathHandlers,
    ...osEnvironHandlers,
    ...djangoEnvironHandlers,
    ...decoupleHandlers,
    ...dotenvHandlers,
    ...djDatabaseUrlHandlers,
    ...djangoHerokuHandlers,
    ...splitSettingsHandlers,
  }),
);

const CONSTANTS: Record<string, PyValue> = {
  ...osEnvironValues,
  'os.sep': '/',
  'os.path.sep': '/',
  'os.pathsep': ':',
  'os.linesep': '\n',
  'os.curdir': '.',
  'os.pardir': '..',
  'os.name': 'posix',
  // Heroku dynos run Linux; settings that branch on the platform should see the deployed one.
  'sys.platform': 'linux',
  'string.whitespace': ' \t\n\r\x0b\x0c',
};

/** Values that depend on how the process was started, not on the code. */
const RUNTIME_DEPENDENT: Record<string, string> = {
  'sys.argv': 'sys.argv, the command line the process was started with',
  'sys.version_info': 'the Python version the app runs on',
  'sys.version': 'the Python version the app runs on',
  'sys.executable': 'the path of the Python interpreter',
  'sys.path': 'the module search path',
  'sys.modules': 'the modules already imported',
  'django.__version__': 'the version of the installed Django',
};

/** Modules known under two names. */
function canonical(name: string): string {
  if (name.startsWith('posixpath.')) return `os.path.${name.slice('posixpath.'.length)}`;
  if (name.startsWith('environ.environ.')) return `environ.${name.slice('environ.environ.'.length)}`;
  if (name.startsWith('dotenv.main.')) return `dotenv.${name.slice('dotenv.main.'.length)}`;
  return name;
}

/** The value of `a.b.c` taken from a module the evaluator does not read. */
export function resolveQualified(frame: Frame, dotted: string): PyValue {
  const name = canonical(dotted);
  if (name in CONSTANTS) return CONSTANTS[name]!;
  if (name === 'django.VERSION') {
    const django = frame.ev.django;
    // Settings that branch on the version follow the Django of the project, when it is known.
    return django ? new PyTuple([django.major, django.minor, 0, 'final', 0]) : frame.unknown('django.VERSION, the version of the installed Django');
  }
  if (name in RUNTIME_DEPENDENT) return frame.unknown(RUNTIME_DEPENDENT[name]!);
  return new PyOpaque(name);
}

export function handlerFor(name: string): CallHandler | undefined {
  return HANDLERS.get(canonical(name));
}
