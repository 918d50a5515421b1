import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBuildHooks } from '../../src/project/build-hooks.js';
import { parseProcfile } from '../../src/project/procfile.js';
import { readProcessScripts } from '../../src/project/process-scripts.js';
import { releaseMigrationsRule } from '../../src/codebase/release-phase.js';
import { projectFacts, type FactsInput } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

const WITH_MIGRATIONS = ['manage.py', 'proj/settings.py', 'pages/migrations/__init__.py', 'pages/migrations/0001_initial.py'];
const WITHOUT = ['manage.py', 'proj/settings.py', 'pages/migrations/__init__.py'];

const facts = (files: string[], procfile?: string, more: FactsInput = {}) => projectFacts({ files, ...(procfile !== undefined && { procfile }), ...more });

testRule(releaseMigrationsRule, {
  pass: [
    { name: 'migrations in release', facts: facts(WITH_MIGRATIONS, 'web: gunicorn proj.wsgi\nrelease: python manage.py migrate --noinput\n') },
    { name: 'no migrations, no release', facts: facts(WITHOUT, 'web: gunicorn proj.wsgi\n') },
  ],
  fail: [
    { name: 'migrations but no release', facts: facts(WITH_MIGRATIONS, 'web: gunicorn proj.wsgi\n'), reports: [{ messageId: 'no-release-process', severity: 'warning', file: 'Procfile' }] },
    { name: 'migrations inside web', facts: facts(WITH_MIGRATIONS, 'web: python manage.py migrate && gunicorn proj.wsgi\n'), reports: [{ messageId: 'migrate-in-web', severity: 'warning', file: 'Procfile', line: 1 }] },
    { name: 'inside web even with a release', facts: facts(WITH_MIGRATIONS, 'release: python manage.py migrate\nweb: python manage.py migrate; gunicorn proj.wsgi\n'), reports: [{ messageId: 'migrate-in-web', severity: 'warning', line: 2 }] },
    { name: 'a release that does not migrate', facts: facts(WITH_MIGRATIONS, 'web: gunicorn proj.wsgi\nrelease: python manage.py collectstatic --noinput\n'), reports: [{ messageId: 'release-without-migrate', severity: 'warning', line: 2 }] },
    {
      name: "a release that runs the project's own command (which may migrate)",
      facts: facts(WITH_MIGRATIONS, 'web: gunicorn proj.wsgi\nrelease: python manage.py heroku_release\n'),
      reports: [{ messageId: 'cannot-tell', severity: 'info', line: 2, mentions: ['manage.py heroku_release'] }],
    },
    { name: 'a release script', facts: facts(WITH_MIGRATIONS, 'web: gunicorn proj.wsgi\nrelease: ./release.sh\n'), reports: [{ messageId: 'cannot-tell', severity: 'info', line: 2, mentions: ['./release.sh'] }] },
    // The classic buildpack's build hooks (mitodl/micromasters, OpenHumans: bin/post_compile runs migrate).
    {
      name: 'migrations run by bin/post_compile are reported as build-time, as info',
      facts: facts([...WITH_MIGRATIONS, 'bin/post_compile'], 'web: gunicorn proj.wsgi\n', { buildHooks: [{ file: 'bin/post_compile', migrateLine: 5 }] }),
      reports: [{ messageId: 'migrates-at-build', severity: 'info', file: 'bin/post_compile', line: 5 }],
    },
    // mozilla/teach-api: `web: sh startup.sh`, and startup.sh migrates before it starts gunicorn.
    {
      name: 'a web script that migrates: migrate-in-web at the line of the script that does',
      facts: facts(WITH_MIGRATIONS, 'web: sh startup.sh\n', { processScripts: [{ process: 'web', named: 'startup.sh', file: 'startup.sh', migrateLine: 10 }] }),
      reports: [{ messageId: 'migrate-in-web', severity: 'warning', file: 'startup.sh', line: 10, mentions: ['sh startup.sh'] }],
    },
    {
      name: 'a web script that does not migrate, and no release: no release process',
      facts: facts(WITH_MIGRATIONS, 'web: ./bin/web\n', { processScripts: [{ process: 'web', named: './bin/web', file: 'bin/web' }] }),
      reports: [{ messageId: 'no-release-process', severity: 'warning' }],
    },
    {
      name: 'a web script that is not a file of the project: cannot tell, as info',
      facts: facts(WITH_MIGRATIONS, 'web: bash /app/start.sh\n', { processScripts: [{ process: 'web', named: '/app/start.sh' }] }),
      reports: [{ messageId: 'cannot-tell', severity: 'info', line: 1, mentions: ['/app/start.sh'] }],
    },
    // heroku.yml's processes (the container stack) are read in the Procfile's place: the hint says where.
    {
      name: "heroku.yml's release section is named in the hint",
      facts: { ...facts(WITH_MIGRATIONS), container: { file: 'heroku.yml', line: 1 }, procfile: { file: 'heroku.yml', entries: [{ name: 'web', command: 'gunicorn proj.wsgi', line: 9 }], problems: [] } },
      reports: [{ messageId: 'no-release-process', severity: 'warning', file: 'heroku.yml', mentions: ["a release section in heroku.yml"] }],
    },
    {
      name: 'a build hook that does not migrate changes nothing',
      facts: facts(WITH_MIGRATIONS, 'web: gunicorn proj.wsgi\n', { buildHooks: [{ file: 'bin/post_compile' }] }),
      reports: [{ messageId: 'no-release-process', severity: 'warning' }],
    },
  ],
  skip: [{ name: 'no Procfile', facts: facts(WITH_MIGRATIONS), reason: /no Procfile/ }],
});

test('readProcessScripts reads the scripts a process runs, when they are files of the project', () => {
  const root = mkdtempSync(join(tmpdir(), 'implanta-process-scripts-'));
  try {
    mkdirSync(join(root, 'bin'));
    writeFileSync(join(root, 'startup.sh'), '#!/bin/sh\n# python manage.py migrate (not yet)\npython manage.py makemigrations\npython manage.py migrate --noinput\ngunicorn proj.wsgi\n');
    writeFileSync(join(root, 'bin', 'worker'), '#!/bin/sh\ncelery -A proj worker\n');
    const procfile = parseProcfile('web: sh startup.sh\nworker: ./bin/worker\nclock: bash /app/clock.sh\nrelease: gunicorn --check-config proj.wsgi\n');
    assert.deepEqual(readProcessScripts(root, procfile, ['startup.sh', 'bin/worker', 'manage.py']), [
      { process: 'web', named: 'startup.sh', file: 'startup.sh', migrateLine: 4 },
      { process: 'worker', named: './bin/worker', file: 'bin/worker' },
      { process: 'clock', named: '/app/clock.sh' },
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

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
