import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseCommand, appReference, moduleFileCandidates } from '../../src/project/process-command.js';
import { portBinding } from '../../src/project/port-binding.js';
import { shellCommands } from '../../src/project/shell-words.js';

test('shell words: quotes, operators, redirections and comments', () => {
  assert.deepEqual(shellCommands(`python manage.py migrate && gunicorn "a b" --x='*' 2>&1 | tee log # note`), [
    ['python', 'manage.py', 'migrate'],
    ['gunicorn', 'a b', '--x=*'],
    ['tee', 'log'],
  ]);
  assert.deepEqual(shellCommands('uwsgi --http :$(PORT) > /dev/null; echo "\\"q\\""'), [['uwsgi', '--http', ':$(PORT)'], ['echo', '"q"']]);
});

interface Case {
  command: string;
  server?: string;
  app?: string;
  files?: string[];
  port: true | false | 'unknown';
  migrates?: boolean;
  settings?: string;
}

const cases: Case[] = [
  { command: 'gunicorn hollow.wsgi', server: 'gunicorn', app: 'hollow.wsgi', files: ['hollow/wsgi.py', 'hollow/wsgi/__init__.py'], port: true },
  { command: 'gunicorn hollow.wsgi:application --log-file - --workers 3', server: 'gunicorn', app: 'hollow.wsgi:application', port: true },
  { command: 'gunicorn --chdir src hollow.wsgi', server: 'gunicorn', app: 'hollow.wsgi', files: ['src/hollow/wsgi.py', 'src/hollow/wsgi/__init__.py'], port: true },
  { command: 'gunicorn --chdir /app/src hollow.wsgi', server: 'gunicorn', files: ['src/hollow/wsgi.py', 'src/hollow/wsgi/__init__.py'], port: true },
  { command: 'gunicorn -b 0.0.0.0:$PORT -w 2 hollow.wsgi', server: 'gunicorn', app: 'hollow.wsgi', port: true },
  { command: 'gunicorn --bind=[::]:${PORT:-5000} hollow.wsgi', server: 'gunicorn', port: true },
  { command: 'gunicorn -b0.0.0.0:8000 hollow.wsgi', server: 'gunicorn', app: 'hollow.wsgi', port: false },
  { command: 'gunicorn --bind 127.0.0.1:$PORT hollow.wsgi', server: 'gunicorn', port: false },
  { command: 'gunicorn --bind unix:/tmp/g.sock hollow.wsgi', server: 'gunicorn', port: false },
  { command: 'bin/start-nginx gunicorn -c config/gunicorn.py --bind unix:/tmp/nginx.socket hollow.wsgi', server: 'gunicorn', app: 'hollow.wsgi', port: true },
  { command: 'gunicorn --preload --env DJANGO_SETTINGS_MODULE=hollow.settings.prod hollow.wsgi', server: 'gunicorn', app: 'hollow.wsgi', port: true, settings: 'hollow.settings.prod' },
  { command: 'DJANGO_SETTINGS_MODULE=a.prod newrelic-admin run-program gunicorn a.wsgi', server: 'gunicorn', app: 'a.wsgi', port: true, settings: 'a.prod' },
  { command: 'python manage.py migrate --noinput && exec python -m gunicorn hollow.wsgi', server: 'gunicorn', app: 'hollow.wsgi', port: true, migrates: true },
  { command: "sh -c 'python manage.py migrate && gunicorn hollow.wsgi'", server: 'gunicorn', port: true, migrates: true },
  { command: 'uvicorn hollow.asgi:application --host 0.0.0.0 --port $PORT', server: 'uvicorn', app: 'hollow.asgi:application', files: ['hollow/asgi.py', 'hollow/asgi/__init__.py'], port: true },
  { command: 'uvicorn hollow.asgi:application --port $PORT', server: 'uvicorn', port: false },
  { command: 'uvicorn hollow.asgi:application --host 0.0.0.0', server: 'uvicorn', port: false },
  { command: 'daphne -b 0.0.0.0 -p $PORT hollow.asgi:application', server: 'daphne', app: 'hollow.asgi:application', port: true },
  { command: 'daphne -e tcp:port=$PORT:interface=0.0.0.0 hollow.asgi:application', server: 'daphne', port: true },
  { command: 'daphne -p $PORT hollow.asgi:application', server: 'daphne', port: false },
  { command: 'uwsgi --http :$PORT --master --module hollow.wsgi:application', server: 'uwsgi', app: 'hollow.wsgi:application', port: true },
  { command: 'uwsgi --socket :$PORT --module hollow.wsgi', server: 'uwsgi', port: false },
  { command: 'uwsgi uwsgi.ini', server: 'uwsgi', port: 'unknown' },
  { command: 'uwsgi --http-socket :$(PORT) --wsgi-file hollow/wsgi.py', server: 'uwsgi', files: ['hollow/wsgi.py'], port: true },
  { command: 'waitress-serve --port=$PORT hollow.wsgi:application', server: 'waitress-serve', app: 'hollow.wsgi:application', port: true },
  { command: 'waitress-serve hollow.wsgi:application', server: 'waitress-serve', port: false },
  { command: 'python manage.py runserver 0.0.0.0:$PORT', server: 'runserver', port: true },
  { command: 'python manage.py runserver', server: 'runserver', port: false },
  { command: './manage.py runserver $PORT --settings=hollow.dev', server: 'runserver', port: false, settings: 'hollow.dev' },
  { command: 'bin/web', port: 'unknown' },
];

for (const c of cases) {
  test(`command: ${c.command}`, () => {
    const analysis = analyseCommand(c.command);
    assert.equal(analysis.server?.name, c.server);
    assert.equal(analysis.runsMigrations, c.migrates ?? false);
    assert.equal(analysis.settingsModule, c.settings);
    if (!analysis.server) return;
    const ref = appReference(analysis.server);
    if (c.app !== undefined) assert.equal(ref?.spec, c.app);
    if (c.files !== undefined) assert.deepEqual(moduleFileCandidates(ref!), c.files);
    assert.equal(portBinding(analysis.server, analysis.wrappers).ok, c.port);
  });
}

test('command: a port problem says what the server does instead', () => {
  const server = analyseCommand('uvicorn a.asgi:app --port $PORT').server!;
  assert.deepEqual(portBinding(server), { ok: false, problem: "listens on 127.0.0.1 (the server's default host) only, which Heroku's router cannot reach" });
  const fixed = analyseCommand('gunicorn -b :8000 a.wsgi').server!;
  assert.deepEqual(portBinding(fixed), { ok: false, problem: 'listens on the fixed address :8000, not on $PORT' });
});

test('command: gunicorn with no application named has no app reference', () => {
  assert.equal(appReference(analyseCommand('gunicorn -c gunicorn.conf.py').server!), undefined);
});
