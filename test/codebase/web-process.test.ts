import { webAppModuleRule, webPortRule, webServerRule } from '../../src/codebase/web-process.js';
import { projectFacts, type FactsInput } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

const FILES = ['manage.py', 'proj/__init__.py', 'proj/settings.py', 'proj/wsgi.py', 'proj/asgi.py', 'src/site/wsgi.py'];
const web = (command: string, more: FactsInput = {}) => projectFacts({ files: FILES, procfile: `web: ${command}`, ...more });

testRule(webServerRule, {
  pass: [
    { name: 'gunicorn', facts: web('gunicorn proj.wsgi') },
    { name: 'uvicorn through python -m', facts: web('python -m uvicorn proj.asgi:application --host 0.0.0.0 --port $PORT') },
  ],
  fail: [
    { name: 'runserver', facts: web('python manage.py runserver 0.0.0.0:$PORT'), reports: [{ messageId: 'runserver', severity: 'error', file: 'Procfile', line: 1 }] },
    { name: 'an unknown launcher', facts: web('bin/boot'), reports: [{ messageId: 'cannot-tell', severity: 'info', line: 1, mentions: ['bin/boot'] }] },
  ],
  skip: [
    { name: 'no web process', facts: projectFacts({ files: FILES, procfile: 'worker: celery worker' }), reason: /no web process/ },
    { name: 'no Procfile', facts: projectFacts({ files: FILES }), reason: /no web process/ },
  ],
});

testRule(webPortRule, {
  pass: [
    { name: 'gunicorn reads PORT by itself', facts: web('gunicorn proj.wsgi') },
    { name: 'gunicorn bound to $PORT', facts: web('gunicorn --bind 0.0.0.0:$PORT proj.wsgi') },
    { name: 'daphne on $PORT', facts: web('daphne -b 0.0.0.0 -p $PORT proj.asgi:application') },
  ],
  fail: [
    { name: 'gunicorn on a fixed port', facts: web('gunicorn --bind 0.0.0.0:8000 proj.wsgi'), reports: [{ messageId: 'port', severity: 'error', line: 1, mentions: ['0.0.0.0:8000', 'R10'] }] },
    { name: 'uvicorn without --port', facts: web('uvicorn proj.asgi:application --host 0.0.0.0'), reports: [{ messageId: 'port', severity: 'error', mentions: ['8000'] }] },
    { name: 'uvicorn on localhost', facts: web('uvicorn proj.asgi:application --port $PORT'), reports: [{ messageId: 'port', severity: 'error', mentions: ['127.0.0.1'] }] },
    { name: 'uwsgi with an ini file', facts: web('uwsgi uwsgi.ini'), reports: [{ messageId: 'cannot-tell', severity: 'info', mentions: ['uwsgi'] }] },
  ],
  skip: [{ name: 'runserver is left to codebase.web-server', facts: web('python manage.py runserver'), reason: /no production server/ }],
});

testRule(webAppModuleRule, {
  pass: [
    { name: 'the wsgi module exists', facts: web('gunicorn proj.wsgi:application') },
    { name: 'the asgi module exists', facts: web('uvicorn proj.asgi:application --host 0.0.0.0 --port $PORT') },
    { name: 'found through --chdir', facts: web('gunicorn --chdir src site.wsgi') },
    // A monorepo checked from its root (Maliaotw/dashboard-django): manage.py in web/, `gunicorn config.wsgi --chdir=./web`.
    {
      name: '--chdir is read from the build root when manage.py sits in a subfolder',
      facts: projectFacts({ files: ['manage.py', 'config/wsgi.py'], buildPrefix: 'web', procfile: 'web: gunicorn config.wsgi --chdir=./web' }),
    },
    // DrBenton/goodauldbooks: manage.py in src/, and a heroku_wsgi.py beside it at the build root that puts src/ on sys.path.
    {
      name: 'a module at the build root, outside the project root',
      facts: projectFacts({ files: ['manage.py', 'project/wsgi.py'], buildPrefix: 'src', buildRootPython: ['heroku_wsgi.py'], procfile: 'web: gunicorn heroku_wsgi --log-file -' }),
    },
  ],
  fail: [
    { name: 'a missing module', facts: web('gunicorn project.wsgi'), reports: [{ messageId: 'missing-module', severity: 'error', file: 'Procfile', line: 1, mentions: ['project.wsgi', 'project/wsgi.py', 'project/wsgi/__init__.py'] }] },
    { name: 'a missing module under --chdir', facts: web('gunicorn --chdir app proj.wsgi'), reports: [{ messageId: 'missing-module', mentions: ['app/proj/wsgi.py'] }] },
    { name: 'no application on the command line', facts: web('gunicorn -c gunicorn.conf.py'), reports: [{ messageId: 'cannot-tell', severity: 'info' }] },
    {
      name: 'the build root does not hide a module missing from both places',
      facts: projectFacts({ files: ['manage.py', 'config/wsgi.py'], buildPrefix: 'web', procfile: 'web: gunicorn other.wsgi --chdir=./web' }),
      reports: [{ messageId: 'missing-module', mentions: ['other.wsgi', 'web/other/wsgi.py'] }],
    },
    {
      name: 'a module missing from the build root too',
      facts: projectFacts({ files: ['manage.py', 'project/wsgi.py'], buildPrefix: 'src', buildRootPython: ['setup.py'], procfile: 'web: gunicorn heroku_wsgi --log-file -' }),
      reports: [{ messageId: 'missing-module', mentions: ['heroku_wsgi'] }],
    },
  ],
});
