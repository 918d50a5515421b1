/**
 * A monorepo checked from its top, shaped like nachopalmieri/TP-IW-Bitschin-Palmieri (Procfile,
 * requirements.txt and runtime.txt at the top, manage.py in MusicProject/): Heroku builds the top, so
 * that is where the dependency and runtime files are read. And the other way round: the same files
 * next to manage.py, with nothing at the top, are read there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCheck } from '../../src/check/run-check.js';
import type { Finding } from '../../src/core/finding.js';
import { implanta } from '../cli/helpers/run-cli.js';

const SITE = {
  'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings')\n",
  'site_cfg/__init__.py': '',
  'site_cfg/wsgi.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings')\n",
  'site_cfg/settings.py': [
    'import os',
    'import dj_database_url',
    "SECRET_KEY = os.environ['SECRET_KEY']",
    'DEBUG = False',
    "ALLOWED_HOSTS = ['.herokuapp.com']",
    "DATABASES = {'default': dj_database_url.config(conn_max_age=600, ssl_require=True)}",
    '',
  ].join('\n'),
};
const BUILD = {
  'requirements.txt': 'Django==4.0\ngunicorn==20.1.0\ndj-database-url==1.0.0\npsycopg2==2.9.3\n',
  'runtime.txt': 'python-3.10.6\n',
  'app.json': '{"env": {"SECRET_KEY": {"generator": "secret"}}}\n',
};

function write(files: Record<string, string>): string {
  const top = mkdtempSync(join(tmpdir(), 'implanta-monorepo-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(top, file)), { recursive: true });
    writeFileSync(join(top, file), text);
  }
  return top;
}

const under = (prefix: string, files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([f, t]) => [`${prefix}${f}`, t]));
const env = { SECRET_KEY: 'k'.repeat(50), DATABASE_URL: 'postgres://u:p4ssw0rd@db.example.com:5432/d' };

async function check(files: Record<string, string>) {
  const top = write(files);
  try {
    return (await runCheck({ dir: top, env, settingsSource: 'static', runDjango: false, hosts: [] })).report;
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
}

const ids = (findings: Finding[]) => findings.map((f) => `${f.rule} ${f.file ?? '-'}`);

test('monorepo: requirements, runtime.txt, Procfile and app.json at the top are read there, and named ../ from manage.py', async () => {
  const report = await check({
    ...BUILD,
    Procfile: 'web: gunicorn site_cfg.wsgi --chdir ./MusicProject/ --log-file -\n',
    ...under('MusicProject/', SITE),
  });
  assert.equal(report.project.django, '4.0', 'the Django pinned in the top requirements.txt');
  assert.equal(report.project.django_assumed, undefined);
  const found = ids(report.findings);
  assert.ok(found.includes('versions.django-eol ../requirements.txt'), found.join('\n'));
  assert.ok(found.includes('codebase.python-version ../runtime.txt'), found.join('\n'));
  for (const rule of ['codebase.dependencies', 'codebase.procfile', 'codebase.web-app-module', 'codebase.required-env']) {
    assert.ok(!found.some((f) => f.startsWith(`${rule} `)), `${rule} should have nothing to say: ${found.join(', ')}`);
  }
  assert.ok(!report.findings.some((f) => f.rule === 'codebase.python-version' && f.message_id === 'no-python-version'));
});

test('monorepo: with nothing at the top, the files next to manage.py are read (the site is deployed from its folder)', async () => {
  const report = await check({
    'README.md': '# two apps\n',
    ...under('backend/', { ...SITE, ...BUILD, Procfile: 'web: gunicorn site_cfg.wsgi --log-file -\n' }),
  });
  assert.equal(report.project.django, '4.0');
  const found = ids(report.findings);
  assert.ok(found.includes('versions.django-eol requirements.txt'), found.join('\n'));
  assert.ok(found.includes('codebase.python-version runtime.txt'), found.join('\n'));
  assert.ok(!found.some((f) => f.startsWith('codebase.web-app-module ') || f.startsWith('codebase.dependencies ')), found.join('\n'));
});

test('monorepo: the top wins over files next to manage.py, as Heroku builds the top', async () => {
  const report = await check({
    'requirements.txt': 'Django==4.2.16\ngunicorn==23.0.0\ndj-database-url==2.3.0\npsycopg2==2.9.10\n',
    Procfile: 'web: gunicorn site_cfg.wsgi --chdir web\n',
    ...under('web/', { ...SITE, 'requirements.txt': 'Django==3.1\n' }),
  });
  assert.equal(report.project.django, '4.2');
  assert.ok(!ids(report.findings).includes('versions.django-eol requirements.txt'));
});

test('monorepo: no dependency file at the top nor next to manage.py is reported at the top Heroku builds', async () => {
  const report = await check({ Procfile: 'web: gunicorn site_cfg.wsgi --chdir web\n', ...under('web/', SITE) });
  const missing = report.findings.find((f) => f.rule === 'codebase.dependencies');
  assert.equal(missing?.message_id, 'no-dependency-file');
  assert.match(missing!.message, /at the top of the folder checked, which Heroku builds \(manage\.py is in web\/\)/);
});

test('monorepo: `implanta versions` reads the pins and runtime.txt at the top too', async () => {
  const top = write({ ...BUILD, ...under('web/', { ...SITE, 'requirements.txt': 'Django==3.1\n' }) });
  try {
    const run = await implanta(['versions', top, '--offline', '--format', 'json'], { env: { XDG_CACHE_HOME: join(top, '.cache') } });
    const versions = JSON.parse(run.stdout).versions;
    assert.equal(versions.django.series.series, '4.0', run.stderr);
    assert.equal(versions.python.declared.file, 'runtime.txt');
    assert.equal(versions.python.declared.version, '3.10.6');
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});
