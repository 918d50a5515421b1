import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCheck } from '../../src/check/run-check.js';
import { py, writeProject } from '../project/settings/harness.js';

const SETTINGS = py(`
  INSTALLED_APPS = ['django.contrib.staticfiles']
  try:
      import debug_toolbar
      INSTALLED_APPS.append('debug_toolbar')
  except ImportError:
      pass
`);

async function installedApps(requirements: string): Promise<unknown> {
  const root = writeProject({ 'proj/settings.py': SETTINGS, 'requirements.txt': requirements, 'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n" });
  const { settings } = await runCheck({ dir: root, env: {}, settingsSource: 'static', runDjango: false, hosts: [] });
  // Spread: evaluated lists carry their items' provenance under a symbol key.
  return [...(settings.get('INSTALLED_APPS')?.value as string[])];
}

test('check: try/except ImportError follows the production requirements (declared: the try body runs)', async () => {
  assert.deepEqual(await installedApps('Django==4.2.16\ndjango-debug-toolbar==4.4.6\n'), ['django.contrib.staticfiles', 'debug_toolbar']);
});

test('check: try/except ImportError follows the production requirements (not declared: the handler runs)', async () => {
  assert.deepEqual(await installedApps('Django==4.2.16\n'), ['django.contrib.staticfiles']);
});
