import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHerokuYml } from '../../src/project/heroku-yml.js';
import { readBuildFiles } from '../../src/project/build-files.js';

// datamade/openness-project-nmid's manifest, in shape: setup, build, a release list, a one-line web.
const NMID = `setup:
  addons:
    - plan: heroku-postgresql
build:
  docker:
    web: Dockerfile
release:
  command:
    - ./scripts/release.sh
  image: web
run:
  web: gunicorn -t 180 --log-level debug camp_fin.wsgi:application
`;

test('heroku.yml: the run section gives the processes, the release list the release command, with their lines', () => {
  const yml = parseHerokuYml(NMID);
  assert.equal(yml.hasRun, true);
  assert.deepEqual(yml.processes.entries, [
    { name: 'release', command: './scripts/release.sh', line: 9 },
    { name: 'web', command: 'gunicorn -t 180 --log-level debug camp_fin.wsgi:application', line: 12 },
  ]);
  assert.equal(yml.processes.file, 'heroku.yml');
});

test('heroku.yml: nested commands, quotes, comments, several release steps; no run section means the Dockerfile CMD', () => {
  const yml = parseHerokuYml(`# built on Heroku
build:
  docker:
    web: Dockerfile   # the image
release:
  command:
    - python manage.py migrate --noinput
    - "python manage.py check --deploy"
run:
  web:
    command:
      - gunicorn proj.wsgi --bind 0.0.0.0:$PORT
    image: web
  worker: 'celery -A proj worker # not a comment inside quotes'
`);
  assert.deepEqual(yml.processes.entries, [
    { name: 'release', command: 'python manage.py migrate --noinput && python manage.py check --deploy', line: 7 },
    { name: 'web', command: 'gunicorn proj.wsgi --bind 0.0.0.0:$PORT', line: 12 },
    { name: 'worker', command: 'celery -A proj worker # not a comment inside quotes', line: 14 },
  ]);
  const cmdOnly = parseHerokuYml('build:\n  docker:\n    web: Dockerfile\n');
  assert.equal(cmdOnly.hasRun, false);
  assert.deepEqual(cmdOnly.processes.entries, []);
});

test('the build files of a container-stack app: heroku.yml stands for the Procfile, which Heroku ignores there', () => {
  const root = mkdtempSync(join(tmpdir(), 'implanta-heroku-yml-'));
  try {
    writeFileSync(join(root, 'Procfile'), 'web: python manage.py runserver\n');
    writeFileSync(join(root, 'heroku.yml'), NMID);
    const withYml = readBuildFiles(root, root, {}, ['Procfile', 'heroku.yml']);
    assert.deepEqual(withYml.container, { file: 'heroku.yml', line: 1 });
    assert.equal(withYml.procfile?.file, 'heroku.yml');
    assert.deepEqual(withYml.procfile?.entries.map((e) => e.name), ['release', 'web']);

    rmSync(join(root, 'heroku.yml'));
    writeFileSync(join(root, 'app.json'), '{\n  "name": "x",\n  "stack": "container"\n}\n');
    const registry = readBuildFiles(root, root, {}, ['Procfile', 'app.json']);
    assert.deepEqual(registry.container, { file: 'app.json', line: 3 });
    assert.equal(registry.procfile, undefined, 'the container stack runs the image, not the Procfile');

    writeFileSync(join(root, 'app.json'), '{"name": "x", "stack": "heroku-24"}');
    const buildpack = readBuildFiles(root, root, {}, ['Procfile', 'app.json']);
    assert.equal(buildpack.container, undefined);
    assert.equal(buildpack.procfile?.file, 'Procfile');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
