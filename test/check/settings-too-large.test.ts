/**
 * A settings module past the parser's cap (parser.ts PARSE_WORK_LIMIT) is valid Python that Django would
 * load, only more than implanta reads statically. `implanta check` still gives a report: the rules that
 * need no settings run (Procfile, dependencies, Python version…), the settings rules are skipped with
 * the reason, and codebase.settings-module says which file and what to do, once. A long settings module
 * under the cap (4,000 generated lines) is read normally. Run through the CLI, as a user runs it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { implanta } from '../cli/helpers/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'implanta-settings-too-large-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Finding {
  rule: string;
  severity: string;
  message_id: string;
  message: string;
  hint?: string;
  file?: string;
  line?: number;
}

const SETTINGS_HEAD = [
  'import os',
  'import dj_database_url',
  "SECRET_KEY = os.environ['SECRET_KEY']",
  'DEBUG = False',
  "ALLOWED_HOSTS = ['.herokuapp.com']",
  "DATABASES = {'default': dj_database_url.config(conn_max_age=600, ssl_require=True)}",
].join('\n');

/** Settings as a generator writes them: flags from the environment, limits, service dicts, host lists. */
function generatedSettings(lines: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    const kind = i % 4;
    if (kind === 0) out.push(`FEATURE_FLAG_${i} = os.environ.get("FEATURE_FLAG_${i}", "false").lower() == "true"`);
    else if (kind === 1) out.push(`LIMIT_${i} = ${i * 7}`);
    else if (kind === 2) out.push(`SERVICE_${i} = {`, `    "url": "https://svc${i}.example.com/api",`, `    "timeout": ${i % 30},`, '    "retries": [1, 2, 4, 8],', '}');
    else out.push(`ALLOWED_${i} = [`, `    "host${i}.example.com",`, `    "www.host${i}.example.com",`, ']');
  }
  return out.join('\n');
}

/** 4,000 lines (about 100 KB, a third of the cap) and 12,000 lines (about 320 KB, past it). */
const UNDER_CAP = generatedSettings(4_000);
const PAST_CAP = generatedSettings(12_000);

function project(name: string, files: Record<string, string>): string {
  const root = join(scratch, name);
  const all: Record<string, string> = {
    'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings')\n",
    'config/__init__.py': '',
    'config/wsgi.py': 'from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n',
    'requirements.txt': 'Django==5.2.8\ngunicorn==23.0.0\ndj-database-url==2.3.0\npsycopg2==2.9.10\n',
    '.python-version': '3.12\n',
    Procfile: 'web: gunicorn config.wsgi\n',
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const ENV = ['--env', `SECRET_KEY=${'k8#Qz1vB7nW3xR5tY9uI2oP4aS6dF8gH0jL-mN_cV'}`, '--env', 'DATABASE_URL=postgres://u:p@db.example.com:5432/app'];

async function check(root: string, ...args: string[]) {
  const run = await implanta(['check', root, '--format', 'json', ...ENV, ...args]);
  assert.notEqual(run.code, 2, run.stderr);
  assert.notEqual(run.code, 4, run.stderr);
  // Valid JSON, whatever the settings were.
  const report = JSON.parse(run.stdout) as { project: { settings_source: string }; findings: Finding[]; skipped: Array<{ rule: string; reason: string }> };
  return { ...run, report };
}

const tooLarge = (findings: Finding[]) => findings.filter((f) => f.rule === 'codebase.settings-module' && f.message_id === 'too-large');

test('a 4,000-line generated settings module is read normally: its own DEBUG = True is found at its line', async () => {
  const settings = `${SETTINGS_HEAD}\n${UNDER_CAP}\nDEBUG = True\n`;
  const root = project('under-cap', { 'config/settings.py': settings });
  const { code, report } = await check(root);
  assert.equal(code, 1);
  assert.equal(report.project.settings_source, 'static');
  assert.deepEqual(tooLarge(report.findings), []);
  const debug = report.findings.find((f) => f.rule === 'security.W018');
  assert.ok(debug, JSON.stringify(report.findings.map((f) => f.rule)));
  assert.equal(debug.file, 'config/settings.py');
  assert.equal(debug.line, settings.split('\n').length - 1);
});

test('past the cap: one warning at the settings file naming its size and --settings-source python; the codebase rules still run; exit follows the severity', async () => {
  const root = project('past-cap', {
    'config/settings.py': `${SETTINGS_HEAD}\n${PAST_CAP}\nDEBUG = True\n`,
    // Something wrong the codebase rules find without any settings: the web process is the development server.
    Procfile: 'web: python manage.py runserver 0.0.0.0:$PORT\n',
  });
  const { code, report } = await check(root);
  assert.equal(code, 1);
  const found = tooLarge(report.findings);
  assert.equal(found.length, 1, JSON.stringify(report.findings));
  assert.equal(found[0]!.severity, 'warning');
  assert.equal(found[0]!.file, 'config/settings.py');
  assert.match(found[0]!.message, /^config\/settings\.py is \d+ KB of Python, more than implanta reads statically/);
  assert.match(found[0]!.hint!, /--settings-source python/);
  // Nothing judged from settings that were not read: not the DEBUG = True at the end.
  assert.deepEqual(report.findings.filter((f) => f.rule.startsWith('security.') || f.rule.startsWith('checklist.')), []);
  assert.ok(report.skipped.some((s) => s.rule === 'security.*, checklist.*' && /config\/settings\.py \(\d+ KB\) is more Python than implanta reads statically/.test(s.reason)), JSON.stringify(report.skipped));
  // The Procfile is still read.
  assert.ok(report.findings.some((f) => f.rule === 'codebase.web-server' && f.file === 'Procfile'), JSON.stringify(report.findings.map((f) => f.rule)));
});

test('past the cap with nothing else wrong: the warning alone decides the exit code (1, or 0 with --fail-level error)', async () => {
  const root = project('past-cap-alone', { 'config/settings.py': `${SETTINGS_HEAD}\n${PAST_CAP}\n` });
  const byDefault = await check(root);
  assert.equal(byDefault.report.findings.filter((f) => f.severity === 'error').length, 0, JSON.stringify(byDefault.report.findings));
  assert.equal(tooLarge(byDefault.report.findings).length, 1);
  assert.equal(byDefault.code, 1);
  const errorsOnly = await check(root, '--fail-level', 'error');
  assert.equal(errorsOnly.code, 0, errorsOnly.stderr);
});

test('a module the settings import that is past the cap is named, with the settings module that imports it', async () => {
  const root = project('imported-past-cap', {
    'config/settings.py': `${SETTINGS_HEAD}\nfrom .generated import *\n`,
    'config/generated.py': `import os\n${PAST_CAP}\n`,
  });
  const { code, report } = await check(root);
  assert.equal(code, 1);
  const found = tooLarge(report.findings);
  assert.equal(found.length, 1, JSON.stringify(report.findings));
  assert.equal(found[0]!.file, 'config/generated.py');
  assert.match(found[0]!.message, /^config\/generated\.py, imported by the settings module config\.settings, is \d+ KB of Python/);
});

test('past the cap with --settings-source python: real Django reads the values; the rules that need the static pass skip instead of judging by nothing', async () => {
  const root = project('past-cap-python', { 'config/settings.py': `${SETTINGS_HEAD}\n${PAST_CAP}\nDEBUG = True\n` });
  const { report, stderr } = await check(root, '--settings-source', 'python', '--python', '/usr/bin/python3');
  assert.equal(report.project.settings_source, 'python', stderr);
  assert.deepEqual(tooLarge(report.findings), []);
  // The values are Python's: DEBUG = True at the end of the file is seen.
  assert.ok(report.findings.some((f) => f.rule === 'security.W018'), JSON.stringify(report.findings.map((f) => f.rule)));
  // DATABASES comes from dj_database_url.config(): without the static pass that read is not seen, and the rule must not say otherwise.
  assert.deepEqual(report.findings.filter((f) => f.rule === 'codebase.database-url'), []);
  const skip = report.skipped.find((s) => s.rule.split(', ').includes('codebase.database-url'));
  assert.match(skip?.reason ?? '', /^config\/settings\.py \(\d+ KB\) is more Python than implanta reads statically: the values came from Python/);
  // The rules that need the static pass, and only they: those that judge the values alone still run.
  const named = skip!.rule.split(', ');
  for (const id of ['codebase.required-env', 'codebase.settings-import', 'codebase.undeclared-module', 'codebase.postgres-driver']) assert.ok(named.includes(id), `${id} in ${skip!.rule}`);
  assert.ok(!named.includes('codebase.database-ssl') && !named.some((id) => id.startsWith('security.')), skip!.rule);
});

test('a models.py past the cap is left out of the checklist facts, and the report says so; the settings are read', async () => {
  const classes = Array.from({ length: 6000 }, (_, i) => `class Model${i}(models.Model):\n    name = models.CharField(max_length=${i + 1})\n`);
  const root = project('models-past-cap', {
    'config/settings.py': `${SETTINGS_HEAD}\nINSTALLED_APPS = ['shop']\nDEBUG = True\n`,
    'shop/__init__.py': '',
    'shop/models.py': `from django.db import models\n${classes.join('')}`,
  });
  const { code, report } = await check(root);
  assert.equal(code, 1);
  assert.equal(report.project.settings_source, 'static');
  assert.deepEqual(tooLarge(report.findings), []);
  assert.ok(report.findings.some((f) => f.rule === 'security.W018'), JSON.stringify(report.findings.map((f) => f.rule)));
  const skip = report.skipped.find((s) => s.rule.split(', ').includes('codebase.media-files'));
  assert.match(skip?.reason ?? '', /^shop\/models\.py \(too large to parse, \d+ KB \(over 100,000 syntax nodes\)\) could not be read/);
});

test('a manage.py past the cap, and nothing else naming the settings: a warning that it could not be read, not "nothing names a settings module"', async () => {
  const padding = Array.from({ length: 30_000 }, (_, i) => `X${i} = ${i}`).join('\n');
  const root = project('manage-past-cap', {
    'manage.py': `import os\n${padding}\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings')\n`,
    'config/settings.py': `${SETTINGS_HEAD}\n`,
  });
  const { code, report } = await check(root);
  assert.equal(code, 1);
  const own = report.findings.filter((f) => f.rule === 'codebase.settings-module');
  assert.deepEqual(own.map((f) => [f.message_id, f.severity, f.file]), [['script-too-large', 'warning', 'manage.py']]);
  assert.match(own[0]!.message, /^manage\.py could not be read \(it is \d+ KB, more Python than implanta reads/);
  assert.ok(report.skipped.some((s) => s.rule === 'security.*, checklist.*' && /^manage\.py could not be read/.test(s.reason)), JSON.stringify(report.skipped));
});

/** manage.py as the static test above writes it: 30,000 lines of padding before the settings default. */
function managePastCap(): string {
  const padding = Array.from({ length: 30_000 }, (_, i) => `X${i} = ${i}`).join('\n');
  return `import os\n${padding}\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings')\n`;
}
const PYTHON = ['--settings-source', 'python', '--python', '/usr/bin/python3'];
const scriptFindings = (findings: Finding[]) => findings.filter((f) => f.rule === 'codebase.settings-module').map((f) => [f.message_id, f.severity, f.file]);

test('a manage.py past the cap, nothing else naming the settings, with --settings-source python: the report static mode gives, not an exit 2', async () => {
  const root = project('manage-past-cap-python', { 'manage.py': managePastCap(), 'config/settings.py': `${SETTINGS_HEAD}\n` });
  const python = await check(root, ...PYTHON);
  const statics = await check(root);
  assert.equal(python.code, 1, python.stderr);
  assert.deepEqual(scriptFindings(python.report.findings), [['script-too-large', 'warning', 'manage.py']]);
  assert.match(python.report.findings.find((f) => f.message_id === 'script-too-large')!.message, /^manage\.py could not be read \(it is \d+ KB, .*nothing else names one, so no settings were checked$/);
  assert.deepEqual(python.report.findings, statics.report.findings);
  assert.ok(python.report.skipped.some((s) => s.rule === 'security.*, checklist.*' && /^manage\.py could not be read/.test(s.reason)), JSON.stringify(python.report.skipped));
});

// The settings end with DEBUG = True: security.W018 at the settings proves Python read them.
const knownOtherwise: Array<{ how: string; files?: Record<string, string>; args?: string[] }> = [
  { how: '--settings', args: ['--settings', 'config.settings'] },
  { how: 'DJANGO_SETTINGS_MODULE in the environment', args: ['--env', 'DJANGO_SETTINGS_MODULE=config.settings'] },
  { how: 'a readable wsgi.py', files: { 'config/wsgi.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings')\nfrom django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n" } },
];
for (const [i, { how, files, args = [] }] of knownOtherwise.entries()) {
  test(`a manage.py past the cap, the settings named by ${how}, with --settings-source python: Python reads them, and the script-too-large warning stays`, async () => {
    const root = project(`manage-past-cap-python-named-${i}`, { 'manage.py': managePastCap(), 'config/settings.py': `${SETTINGS_HEAD}\nDEBUG = True\n`, ...files });
    const { code, report, stderr } = await check(root, ...PYTHON, ...args);
    assert.equal(code, 1, stderr);
    assert.equal(report.project.settings_source, 'python');
    assert.ok(report.findings.some((f) => f.rule === 'security.W018' && f.file === 'config/settings.py'), JSON.stringify(report.findings.map((f) => f.rule)));
    assert.deepEqual(scriptFindings(report.findings), [['script-too-large', 'warning', 'manage.py']]);
    assert.match(report.findings.find((f) => f.message_id === 'script-too-large')!.message, /config\.settings was checked, as the other places name it$/);
  });
}

test('a manage.py past the cap, nothing else naming the settings, with --django: one line naming manage.py, its size and --settings MODULE', async () => {
  const root = project('manage-past-cap-django', { 'manage.py': managePastCap(), 'config/settings.py': `${SETTINGS_HEAD}\n` });
  const run = await implanta(['check', root, ...ENV, ...PYTHON, '--django']);
  assert.equal(run.code, 2, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^implanta: manage\.py \(it is \d+ KB, more Python than implanta reads [^\n]*\) could not be read and nothing else names a settings module, so --django has none to run manage\.py check --deploy with: pass --settings MODULE \(or --env DJANGO_SETTINGS_MODULE=MODULE\)\n$/);
});

test('a views.py that cannot be read (a FIFO) skips the rules that count views, naming them and the file; readable views skip nothing', async () => {
  const views = 'from django.shortcuts import render\n\ndef home(request):\n    return render(request, "home.html")\n';
  const readable = project('views-readable', { 'config/settings.py': SETTINGS_HEAD, 'shop/__init__.py': '', 'shop/views.py': views });
  const fine = await check(readable);
  assert.deepEqual(fine.report.skipped.filter((s) => /could not be read/.test(s.reason)), []);

  const root = project('views-fifo', { 'config/settings.py': SETTINGS_HEAD, 'shop/__init__.py': '' });
  execFileSync('mkfifo', [join(root, 'shop/views.py')]);
  const { report } = await check(root);
  const skip = report.skipped.find((s) => /could not be read/.test(s.reason));
  assert.ok(skip, JSON.stringify(report.skipped));
  assert.deepEqual(skip.rule.split(', ').sort(), ['codebase.email', 'codebase.error-pages', 'codebase.media-files']);
  assert.match(skip.reason, /^shop\/views\.py \(not a regular file\) could not be read/);
});
