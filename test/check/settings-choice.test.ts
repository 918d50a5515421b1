/**
 * How manage.py and wsgi.py pick the settings, evaluated as a dyno runs them: a name built with
 * `'config.settings.{}'.format(os.environ.get('DJANGO_ENV'))` is followed with the production
 * environment; when it names no module of the project, that is a finding, and the check goes on with
 * the rules that need no settings (exit 1), instead of refusing the project (exit 2).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { implanta } from '../cli/helpers/run-cli.js';

const CHOOSE = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.{}'.format(os.environ.get('DJANGO_ENV')))\n";
const FILES = {
  'manage.py': `${CHOOSE}\nif __name__ == '__main__':\n    from django.core.management import execute_from_command_line\n`,
  'config/__init__.py': '',
  'config/wsgi.py': `${CHOOSE}from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n`,
  'config/settings/__init__.py': '',
  'config/settings/local.py': "SECRET_KEY = 'dev'\nDEBUG = True\n",
  'config/settings/production.py': "import os\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\nALLOWED_HOSTS = ['.herokuapp.com']\n",
  'requirements.txt': 'Django==5.2.8\ngunicorn==23.0.0\n',
  '.python-version': '3.12\n',
  Procfile: 'web: gunicorn config.wsgi\n',
};

async function check(...args: string[]) {
  return checkFiles(FILES, args);
}

async function checkFiles(files: Record<string, string>, args: string[]) {
  const root = mkdtempSync(join(tmpdir(), 'implanta-choice-'));
  try {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    const run = await implanta(['check', root, '--format', 'json', ...args]);
    return { ...run, report: run.stdout ? JSON.parse(run.stdout) : undefined };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('settings choice: DJANGO_ENV given, the module it names is evaluated', async () => {
  const { code, report, stderr } = await check('--env', 'DJANGO_ENV=production', '--env', `SECRET_KEY=${'s'.repeat(50)}`);
  assert.notEqual(code, 2, stderr);
  assert.equal(report.project.settings_module, 'config.settings.production');
  assert.equal(report.project.settings_source, 'static');
  assert.ok(!report.findings.some((f: { rule: string }) => f.rule === 'codebase.settings-module'));
});

test('settings choice: DJANGO_ENV not set names config.settings.None: an error naming the variable and the modules there, not exit 2', async () => {
  const { code, report, stderr } = await check();
  assert.equal(code, 1, stderr);
  const missing = report.findings.filter((f: { rule: string }) => f.rule === 'codebase.settings-module');
  assert.deepEqual(missing.map((f: { message_id: string; file: string }) => [f.message_id, f.file]), [
    ['missing-module', 'config/wsgi.py'],
    ['missing-module', 'manage.py'],
  ]);
  assert.match(missing[0].message, /names config\.settings\.None \(built from DJANGO_ENV, which is not set\), but the project has no config\/settings\/None\.py/);
  assert.match(missing[0].hint, /config\.settings\.local, config\.settings\.production/);
  // The rules that need no settings still ran; the ones that do say why they did not.
  assert.ok(report.findings.some((f: { rule: string }) => f.rule === 'versions.django-eol' || f.rule === 'codebase.release-migrations' || f.rule.startsWith('codebase.')));
  assert.ok(report.skipped.some((s: { reason: string }) => /config\.settings\.None is not in the project/.test(s.reason)));
});

test('settings choice: --settings naming no module is still a usage error (exit 2)', async () => {
  const { code, stderr } = await check('--settings', 'config.settings.nope');
  assert.equal(code, 2);
  assert.match(stderr, /config\.settings\.nope not found/);
});

// A manage.py and wsgi.py that leave DJANGO_SETTINGS_MODULE to the environment, as some templates do.
const UNNAMED = {
  ...FILES,
  'manage.py': "import sys\nif __name__ == '__main__':\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n",
  'config/wsgi.py': 'from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n',
};

test('settings choice: nothing names a module and no config var: an error at manage.py and the other rules run, not exit 2', async () => {
  const { code, report, stderr } = await checkFiles(UNNAMED, []);
  assert.equal(code, 1, stderr);
  const found = report.findings.filter((f: { rule: string }) => f.rule === 'codebase.settings-module');
  assert.deepEqual(found.map((f: { message_id: string; file: string; severity: string }) => [f.message_id, f.file, f.severity]), [['none-named', 'manage.py', 'error']]);
  assert.ok(report.findings.some((f: { rule: string }) => f.rule.startsWith('versions.')));
  assert.ok(report.skipped.some((s: { reason: string }) => /nothing names a settings module/.test(s.reason)));
  assert.equal(report.project.settings_module, null, 'no module named: null, as the JSON contract has it, not an empty name');
});

test('settings choice: nothing names a module, with --settings-source python: the same report (nothing to import is a finding, not exit 2); --django says what to pass', async () => {
  const statics = await checkFiles(UNNAMED, []);
  const python = await checkFiles(UNNAMED, ['--settings-source', 'python', '--python', '/usr/bin/python3']);
  assert.equal(python.code, 1, python.stderr);
  assert.deepEqual(python.report.findings, statics.report.findings);
  const django = await checkFiles(UNNAMED, ['--settings-source', 'python', '--python', '/usr/bin/python3', '--django']);
  assert.equal(django.code, 2);
  assert.match(django.stderr, /^implanta: manage\.py: nothing names a settings module .*so --django has none to run manage\.py check --deploy with: pass --settings MODULE/);
});

test('settings choice: the same project with DJANGO_SETTINGS_MODULE as a config var evaluates that module', async () => {
  const { code, report, stderr } = await checkFiles(UNNAMED, ['--env', 'DJANGO_SETTINGS_MODULE=config.settings.production', '--env', `SECRET_KEY=${'s'.repeat(50)}`]);
  assert.notEqual(code, 2, stderr);
  assert.equal(report.project.settings_module, 'config.settings.production');
  assert.ok(!report.findings.some((f: { rule: string }) => f.rule === 'codebase.settings-module'));
});

test('settings choice: a folder with no manage.py and nothing naming settings is a usage error naming the folder (exit 2)', async () => {
  const { code, stderr } = await checkFiles({ 'README.md': 'not a Django project\n' }, []);
  assert.equal(code, 2);
  assert.match(stderr, /no manage\.py/);
  assert.equal(stderr.trim().split('\n').length, 1);
});
