import { test } from 'node:test';
import { webAppModuleRule, webPortRule, webServerRule } from '../../src/codebase/web-process.js';
import { assertReports, projectFacts, type Expected, type FactsInput } from '../helpers/project-facts.js';

const FILES = ['manage.py', 'proj/__init__.py', 'proj/settings.py', 'proj/wsgi.py', 'proj/asgi.py', 'src/site/wsgi.py'];

const serverCases: Array<[string, FactsInput, Expected[] | 'skip']> = [
  ['gunicorn', { procfile: 'web: gunicorn proj.wsgi' }, []],
  ['uvicorn through python -m', { procfile: 'web: python -m uvicorn proj.asgi:application --host 0.0.0.0 --port $PORT' }, []],
  ['runserver', { procfile: 'web: python manage.py runserver 0.0.0.0:$PORT' }, [{ severity: 'error', message: /development server \(manage\.py runserver\)/, file: 'Procfile', line: 1 }]],
  ['an unknown launcher', { procfile: 'web: bin/boot' }, [{ severity: 'info', message: /cannot tell which server.*bin\/boot/, line: 1 }]],
  ['no web process', { procfile: 'worker: celery worker' }, 'skip'],
  ['no Procfile', {}, 'skip'],
];

for (const [name, input, expected] of serverCases) {
  test(`codebase.web-server: ${name}`, () => assertReports(webServerRule, projectFacts({ files: FILES, ...input }), expected));
}

const portCases: Array<[string, string, Expected[] | 'skip']> = [
  ['gunicorn reads PORT by itself', 'gunicorn proj.wsgi', []],
  ['gunicorn bound to $PORT', 'gunicorn --bind 0.0.0.0:$PORT proj.wsgi', []],
  ['gunicorn on a fixed port', 'gunicorn --bind 0.0.0.0:8000 proj.wsgi', [{ severity: 'error', message: /^gunicorn listens on the fixed address 0\.0\.0\.0:8000, not on \$PORT: .*R10/, line: 1 }]],
  ['uvicorn without --port', 'uvicorn proj.asgi:application --host 0.0.0.0', [{ severity: 'error', message: /^uvicorn listens on 8000, the server's default port/ }]],
  ['uvicorn on localhost', 'uvicorn proj.asgi:application --port $PORT', [{ severity: 'error', message: /^uvicorn listens on 127\.0\.0\.1 \(the server's default host\) only/ }]],
  ['daphne on $PORT', 'daphne -b 0.0.0.0 -p $PORT proj.asgi:application', []],
  ['uwsgi with an ini file', 'uwsgi uwsgi.ini', [{ severity: 'info', message: /cannot tell whether uwsgi listens on \$PORT: uwsgi reads where to listen from its config file/ }]],
  ['runserver is left to codebase.web-server', 'python manage.py runserver', 'skip'],
];

for (const [name, command, expected] of portCases) {
  test(`codebase.web-port: ${name}`, () => assertReports(webPortRule, projectFacts({ files: FILES, procfile: `web: ${command}` }), expected));
}

const moduleCases: Array<[string, string, Expected[] | 'skip']> = [
  ['the wsgi module exists', 'gunicorn proj.wsgi:application', []],
  ['the asgi module exists', 'uvicorn proj.asgi:application --host 0.0.0.0 --port $PORT', []],
  ['found through --chdir', 'gunicorn --chdir src site.wsgi', []],
  ['a missing module', 'gunicorn project.wsgi', [{ severity: 'error', message: /loads project\.wsgi, but the project has no project\/wsgi\.py or project\/wsgi\/__init__\.py/, file: 'Procfile', line: 1 }]],
  ['a missing module under --chdir', 'gunicorn --chdir app proj.wsgi', [{ severity: 'error', message: /no app\/proj\/wsgi\.py/ }]],
  ['no application on the command line', 'gunicorn -c gunicorn.conf.py', [{ severity: 'info', message: /cannot tell which application gunicorn loads/ }]],
];

for (const [name, command, expected] of moduleCases) {
  test(`codebase.web-app-module: ${name}`, () => assertReports(webAppModuleRule, projectFacts({ files: FILES, procfile: `web: ${command}` }), expected));
}

// A monorepo checked from its root (Maliaotw/dashboard-django): manage.py in web/, `gunicorn config.wsgi --chdir=./web`.
test('codebase.web-app-module: --chdir is read from the build root when manage.py sits in a subfolder', () =>
  assertReports(webAppModuleRule, projectFacts({ files: ['manage.py', 'config/wsgi.py'], buildPrefix: 'web', procfile: 'web: gunicorn config.wsgi --chdir=./web' }), []));

test('codebase.web-app-module: the build root does not hide a module missing from both places', () =>
  assertReports(webAppModuleRule, projectFacts({ files: ['manage.py', 'config/wsgi.py'], buildPrefix: 'web', procfile: 'web: gunicorn other.wsgi --chdir=./web' }), [
    { severity: 'error', message: /loads other\.wsgi, but the project has no web\/other\/wsgi\.py/ },
  ]));
