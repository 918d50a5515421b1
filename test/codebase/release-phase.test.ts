import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBuildHooks } from '../../src/project/build-hooks.js';
import { releaseMigrationsRule } from '../../src/codebase/release-phase.js';
import { assertReports, projectFacts, type Expected } from '../helpers/project-facts.js';

const WITH_MIGRATIONS = ['manage.py', 'proj/settings.py', 'pages/migrations/__init__.py', 'pages/migrations/0001_initial.py'];
const WITHOUT = ['manage.py', 'proj/settings.py', 'pages/migrations/__init__.py'];

const cases: Array<[string, string[], string | undefined, Expected[] | 'skip']> = [
  ['migrations in release', WITH_MIGRATIONS, 'web: gunicorn proj.wsgi\nrelease: python manage.py migrate --noinput\n', []],
  ['no migrations, no release', WITHOUT, 'web: gunicorn proj.wsgi\n', []],
  ['migrations but no release', WITH_MIGRATIONS, 'web: gunicorn proj.wsgi\n', [{ severity: 'warning', message: /has migrations but no release process runs them/, file: 'Procfile' }]],
  ['migrations inside web', WITH_MIGRATIONS, 'web: python manage.py migrate && gunicorn proj.wsgi\n', [{ severity: 'warning', message: /web process runs `manage\.py migrate` at every dyno start/, file: 'Procfile', line: 1 }]],
  [
    'inside web even with a release',
    WITH_MIGRATIONS,
    'release: python manage.py migrate\nweb: python manage.py migrate; gunicorn proj.wsgi\n',
    [{ severity: 'warning', message: /web process runs `manage\.py migrate`/, line: 2 }],
  ],
  ['a release that does not migrate', WITH_MIGRATIONS, 'web: gunicorn proj.wsgi\nrelease: python manage.py collectstatic --noinput\n', [{ severity: 'warning', message: /release process does not run `manage\.py migrate`/, line: 2 }]],
  ['a release that runs the project\'s own command (which may migrate)', WITH_MIGRATIONS, 'web: gunicorn proj.wsgi\nrelease: python manage.py heroku_release\n', [{ severity: 'info', message: /cannot tell whether the release process runs the migrations: it runs the project's own command manage\.py heroku_release/, line: 2 }]],
  ['a release script', WITH_MIGRATIONS, 'web: gunicorn proj.wsgi\nrelease: ./release.sh\n', [{ severity: 'info', message: /cannot tell whether the release process runs the migrations: it runs \.\/release\.sh/, line: 2 }]],
  ['no Procfile', WITH_MIGRATIONS, undefined, 'skip'],
];

for (const [name, files, procfile, expected] of cases) {
  test(`codebase.release-migrations: ${name}`, () => assertReports(releaseMigrationsRule, projectFacts({ files, ...(procfile !== undefined && { procfile }) }), expected));
}

// The classic buildpack's build hooks (mitodl/micromasters, OpenHumans: bin/post_compile runs migrate).
test('codebase.release-migrations: migrations run by bin/post_compile are reported as build-time, as info', () =>
  assertReports(
    releaseMigrationsRule,
    projectFacts({ files: [...WITH_MIGRATIONS, 'bin/post_compile'], procfile: 'web: gunicorn proj.wsgi\n', buildHooks: [{ file: 'bin/post_compile', migrateLine: 5 }] }),
    [{ severity: 'info', message: /^the migrations run at build time \(bin\/post_compile:5\), before the release/, file: 'bin/post_compile', line: 5 }],
  ));

test('codebase.release-migrations: a build hook that does not migrate changes nothing', () =>
  assertReports(releaseMigrationsRule, projectFacts({ files: WITH_MIGRATIONS, procfile: 'web: gunicorn proj.wsgi\n', buildHooks: [{ file: 'bin/post_compile' }] }), [
    { severity: 'warning', message: /has migrations but no release process runs them/ },
  ]));

test('readBuildHooks finds the migrate line, skipping comments', () => {
  const root = mkdtempSync(join(tmpdir(), 'implanta-hooks-'));
  try {
    mkdirSync(join(root, 'bin'));
    writeFileSync(join(root, 'bin', 'post_compile'), '#!/usr/bin/env bash\n# ./manage.py migrate would go here\nset -e\npython $MANAGE_FILE migrate --noinput 2>&1 | indent\n');
    writeFileSync(join(root, 'bin', 'pre_compile'), '#!/bin/sh\nnpm run build\n');
    assert.deepEqual(readBuildHooks(root, ['bin/post_compile', 'bin/pre_compile', 'manage.py']), [{ file: 'bin/pre_compile' }, { file: 'bin/post_compile', migrateLine: 4 }]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
