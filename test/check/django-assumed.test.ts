import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../../src/check/run-check.js';
import { formatText } from '../../src/report/text.js';

async function checkWith(requirements: string) {
  const root = mkdtempSync(join(tmpdir(), 'implanta-assumed-'));
  try {
    mkdirSync(join(root, 'proj'));
    writeFileSync(join(root, 'manage.py'), "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n");
    writeFileSync(join(root, 'proj', '__init__.py'), '');
    writeFileSync(join(root, 'proj', 'settings.py'), "DEBUG = False\nALLOWED_HOSTS = ['app.example.com']\n");
    writeFileSync(join(root, 'requirements.txt'), requirements);
    return (await runCheck({ dir: root, env: {}, settingsSource: 'static', runDjango: false, hosts: [] })).report;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('no Django pin: the report says which Django version was assumed, and why', async () => {
  const report = await checkWith('gunicorn==23.0.0\n');
  assert.match(report.project.django_assumed ?? '', /^no Django version is pinned in requirements\.txt: the rules of Django \d+\.\d+, the newest series implanta knows, were applied/);
  assert.ok(report.project.django_assumed!.includes(report.project.django!));
  assert.match(formatText(report, { color: false }), /Django version assumed: no Django version is pinned/);
});

test('a pinned Django is not an assumption', async () => {
  const report = await checkWith('Django==4.2.16\ngunicorn==23.0.0\n');
  assert.equal(report.project.django, '4.2');
  assert.equal(report.project.django_assumed, undefined);
  assert.doesNotMatch(formatText(report, { color: false }), /Django version assumed/);
});
