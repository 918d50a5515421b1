/**
 * Module → distribution from the installed packages' own metadata, against Debian's real packages
 * under /usr/bin/python3 (python3-django's Django-3.2.x.egg-info, PyYAML's dist-info, pyparsing's
 * dist-info that has a RECORD and no top_level.txt).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readInstalledModules } from '../../src/python/installed-modules.js';
import { runCheck } from '../../src/check/run-check.js';

const PYTHON = '/usr/bin/python3';
const DIST_PACKAGES = '/usr/lib/python3/dist-packages';
const info = (prefix: string) => readdirSync(DIST_PACKAGES).find((d) => d.startsWith(prefix) && /\.(dist|egg)-info$/.test(d));

test('installed modules: top_level.txt of egg-info and dist-info, as Debian installs them', async () => {
  const table = await readInstalledModules(PYTHON, tmpdir());
  assert.ok(table);
  assert.deepEqual(table.django, ['Django']);
  assert.deepEqual(table.environ, ['django-environ']);
  assert.deepEqual(table.yaml, ['PyYAML']);
  assert.deepEqual(table.gi, ['PyGObject']);
  assert.deepEqual([...table.lazr!].sort(), ['lazr.restfulclient', 'lazr.uri'], 'a namespace two distributions share');
});

test('installed modules: without top_level.txt, the RECORD says which modules a distribution installed', async () => {
  const pyparsing = info('pyparsing-');
  assert.ok(pyparsing && existsSync(join(DIST_PACKAGES, pyparsing, 'RECORD')) && !existsSync(join(DIST_PACKAGES, pyparsing, 'top_level.txt')), 'the case this test is about');
  const table = await readInstalledModules(PYTHON, tmpdir());
  assert.deepEqual(table?.pyparsing, ['pyparsing']);
});

test('installed modules: an interpreter that cannot answer gives nothing (the generated mapping is used)', async () => {
  assert.equal(await readInstalledModules('/bin/false', tmpdir()), undefined);
});

/** A project whose settings import gi (PyGObject), which implanta's own tables do not place. */
async function checkGi(requirements: string, python?: string) {
  const root = mkdtempSync(join(tmpdir(), 'implanta-installed-'));
  const files: Record<string, string> = {
    'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n",
    'proj/__init__.py': '',
    'proj/settings.py': "import gi\nSECRET_KEY = 'x'\nDEBUG = False\n",
    'requirements.txt': requirements,
  };
  try {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    const { report } = await runCheck({ dir: root, env: {}, settingsSource: 'static', runDjango: false, hosts: [], ...(python && { python }) });
    return report.findings.filter((f) => f.rule === 'codebase.undeclared-module').map((f) => [f.message_id, f.severity]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('check --python: the installed metadata places a module the generated tables do not know', async () => {
  assert.deepEqual(await checkGi('Django==3.2.25\nPyGObject==3.42.2\n'), [['cannot-tell', 'info']], 'without an interpreter implanta cannot place gi');
  assert.deepEqual(await checkGi('Django==3.2.25\nPyGObject==3.42.2\n', PYTHON), [], 'PyGObject provides gi, and it is declared');
  assert.deepEqual(await checkGi('Django==3.2.25\n', PYTHON), [['undeclared', 'warning']], 'known now, and not declared');
});
