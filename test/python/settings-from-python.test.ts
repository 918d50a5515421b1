import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/core/errors.js';
import { readDotenvFile } from '../../src/project/dotenv.js';
import { PyDict, PyOpaque, sequenceItems } from '../../src/project/python-value.js';
import { settingsFromPython } from '../../src/python/settings-from-python.js';

const python = '/usr/bin/python3';
const repo = fileURLToPath(new URL('../../', import.meta.url));
const hollow = join(repo, 'examples', 'hollow');
const fixtures = join(repo, 'test', 'fixtures', 'python');
const productionEnv = readDotenvFile(join(hollow, 'production.env'));
const installedDjango = execFileSync(python, ['-c', 'import django; print(django.get_version())'], { encoding: 'utf8' }).trim();

/** The line where `NAME =` is written in a file, as a reader would find it. */
function lineOf(file: string, name: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines.findIndex((line) => line.startsWith(`${name} =`) || line.startsWith(`${name} +=`)) + 1;
}

function rejectsWith(promise: Promise<unknown>, pattern: RegExp) {
  return assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof InputError, `expected InputError, got ${String(error)}`);
    assert.match(error.message, pattern);
    assert.doesNotMatch(error.message, /\n/);
    return true;
  });
}

describe('settingsFromPython on examples/hollow', () => {
  test('reads the production settings as Django sees them', async () => {
    const { settings, djangoVersion } = await settingsFromPython({ python, root: hollow, module: 'hollow.settings', env: productionEnv });

    assert.equal(djangoVersion, installedDjango);
    assert.equal(settings.source, 'python');
    assert.equal(settings.file, 'hollow/settings.py');
    assert.equal(settings.get('DEBUG')?.value, false);
    assert.equal(settings.get('SECURE_HSTS_SECONDS')?.value, 31536000);
    assert.deepEqual(settings.get('ALLOWED_HOSTS')?.value, productionEnv.ALLOWED_HOSTS!.split(','));
    assert.deepEqual(sequenceItems(settings.get('SECURE_PROXY_SSL_HEADER')!.value), ['HTTP_X_FORWARDED_PROTO', 'https']);
    assert.equal(settings.get('STATIC_ROOT')?.value, join(hollow, 'staticfiles'));
    const database = (settings.get('DATABASES')?.value as PyDict).get('default') as PyDict;
    assert.equal(database.get('CONN_MAX_AGE'), 600);
    assert.equal((database.get('OPTIONS') as PyDict).get('sslmode'), 'require');
  });

  test('points each setting at the line that sets it', async () => {
    const { settings } = await settingsFromPython({ python, root: hollow, module: 'hollow.settings', env: productionEnv });
    const file = join(hollow, 'hollow', 'settings.py');

    for (const name of ['SECRET_KEY', 'DEBUG', 'SECURE_HSTS_SECONDS', 'X_FRAME_OPTIONS']) {
      assert.deepEqual(settings.get(name)?.origin, { file: 'hollow/settings.py', line: lineOf(file, name) }, name);
    }
  });

  test("leaves Django's defaults to the rules: only names the module sets are returned", async () => {
    const { settings } = await settingsFromPython({ python, root: hollow, module: 'hollow.settings', env: productionEnv });

    assert.equal(settings.get('MANAGERS'), undefined);
    assert.equal(settings.get('SESSION_COOKIE_HTTPONLY'), undefined);
    assert.ok(settings.names().includes('SECURE_SSL_REDIRECT'));
    assert.ok(!settings.names().includes('CSRF_COOKIE_HTTPONLY'));
  });

  test('the evaluation environment decides, not the shell implanta runs in', async () => {
    const saved = process.env.DEBUG;
    process.env.DEBUG = 'true';
    try {
      const production = await settingsFromPython({ python, root: hollow, module: 'hollow.settings', env: productionEnv });
      const debugging = await settingsFromPython({ python, root: hollow, module: 'hollow.settings', env: { ...productionEnv, DEBUG: 'true' } });

      assert.equal(production.settings.get('DEBUG')?.value, false);
      assert.equal(debugging.settings.get('DEBUG')?.value, true);
    } finally {
      if (saved === undefined) delete process.env.DEBUG;
      else process.env.DEBUG = saved;
    }
  });

  test('a required variable missing from the environment: bad input with the error and its place', async () => {
    const { SECRET_KEY: _, ...withoutKey } = productionEnv;
    const line = lineOf(join(hollow, 'hollow', 'settings.py'), 'SECRET_KEY');

    await rejectsWith(
      settingsFromPython({ python, root: hollow, module: 'hollow.settings', env: withoutKey }),
      new RegExp(`^settings hollow\\.settings cannot be imported: KeyError: 'SECRET_KEY' \\(hollow/settings\\.py:${line}\\)$`),
    );
  });
});

describe('settingsFromPython on other layouts', () => {
  const layered = join(fixtures, 'layered');
  const env = { SECRET_KEY: 'fixture-secret', ALLOWED_HOSTS: 'a.example,b.example' };

  test('settings split over a star import: each name points at the file that last sets it', async () => {
    const { settings } = await settingsFromPython({ python, root: layered, module: 'layered.settings.production', env });
    const base = join(layered, 'layered', 'settings', 'base.py');
    const production = join(layered, 'layered', 'settings', 'production.py');

    assert.equal(settings.file, 'layered/settings/production.py');
    assert.deepEqual(settings.get('TIME_ZONE'), { value: 'Europe/Lisbon', origin: { file: 'layered/settings/base.py', line: lineOf(base, 'TIME_ZONE') } });
    assert.deepEqual(settings.get('DEBUG')?.origin, { file: 'layered/settings/production.py', line: lineOf(production, 'DEBUG') });
    assert.deepEqual(settings.get('INSTALLED_APPS'), {
      value: ['django.contrib.contenttypes', 'django.contrib.auth', 'django.contrib.sessions'],
      origin: { file: 'layered/settings/production.py', line: lineOf(production, 'INSTALLED_APPS') },
    });
  });

  test('values JSON cannot hold come back as lists, path strings and opaque objects', async () => {
    const { settings } = await settingsFromPython({ python, root: layered, module: 'layered.settings.production', env });

    assert.deepEqual(settings.get('SILENCED_SYSTEM_CHECKS')?.value, ['security.W004', 'security.W021']);
    assert.equal(settings.get('STATIC_ROOT')?.value, join(layered, 'staticfiles'));
    assert.deepEqual(settings.get('EXCEPTION_REPORTER')?.value, new PyOpaque("<class 'str'>"));
    assert.deepEqual(settings.get('ALLOWED_HOSTS')?.value, ['a.example', 'b.example']);
  });

  test('leaves no __pycache__ behind in the project', async () => {
    await settingsFromPython({ python, root: layered, module: 'layered.settings.production', env });

    assert.equal(existsSync(join(layered, 'layered', 'settings', '__pycache__')), false);
  });

  const failures: { name: string; root: string; module: string; error: RegExp }[] = [
    {
      name: 'a missing import',
      root: join(fixtures, 'broken'),
      module: 'broken.settings',
      error: /^settings broken\.settings cannot be imported: ModuleNotFoundError: No module named 'django_nonexistent_extension' \(broken\/settings\.py:4\)$/,
    },
    {
      name: 'a module that does not exist',
      root: join(fixtures, 'broken'),
      module: 'broken.nonexistent',
      error: /^settings broken\.nonexistent cannot be imported: ModuleNotFoundError: No module named 'broken\.nonexistent'$/,
    },
  ];
  for (const failure of failures) {
    test(`${failure.name}: bad input with the last line of the traceback`, async () => {
      await rejectsWith(settingsFromPython({ python, root: failure.root, module: failure.module, env }), failure.error);
    });
  }

  test('an interpreter that does not exist: bad input naming it', async () => {
    await rejectsWith(
      settingsFromPython({ python: '/nonexistent/bin/python', root: layered, module: 'layered.settings.production', env }),
      /^cannot import settings layered\.settings\.production with \/nonexistent\/bin\/python: not found$/,
    );
  });
});
