/**
 * Module paths as Python's import system resolves them (src/project/module-path.ts): Django and gunicorn
 * import settings and WSGI modules with importlib, which finds `8fit.settings.production` in a folder
 * named 8fit. Refusing such a project with exit 2 would refuse a project that runs (onyekaa/8fit-dev).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { isModulePath } from '../../src/project/module-path.js';
import { sequenceItems } from '../../src/project/python-value.js';
import { evaluateSettings } from '../../src/project/settings/evaluate.js';
import { py, writeProject } from './settings/harness.js';

test('folder and file names that importlib resolves are module paths', () => {
  for (const name of ['proj.settings', '8fit.settings.production', 'my-site.settings', 'config', '_private.settings']) assert.equal(isModulePath(name), true, name);
});

test('empty parts, slashes and spaces are never a module path', () => {
  for (const name of ['', '.', 'proj..settings', '.proj.settings', 'proj.settings.', '../etc/passwd', 'proj/settings', 'proj settings', 'proj.settings\n']) assert.equal(isModulePath(name), false, JSON.stringify(name));
});

test('settings in a folder whose name starts with a digit are evaluated, relative imports included', async () => {
  const root = writeProject({
    '8fit/__init__.py': '',
    '8fit/settings/__init__.py': '',
    '8fit/settings/base.py': py(`
      DEBUG = False
      INSTALLED_APPS = ['django.contrib.admin']
    `),
    '8fit/settings/production.py': py(`
      from .base import *
      DEBUG = True
    `),
  });
  const evaluation = await evaluateSettings({ root, module: '8fit.settings.production', env: {} });
  assert.equal(evaluation.settings.get('DEBUG')?.value, true);
  assert.deepEqual([...(sequenceItems(evaluation.settings.get('INSTALLED_APPS')!.value) ?? [])], ['django.contrib.admin']);
});

test('a settings module name that is no path is still refused with one line naming it', async () => {
  const root = writeProject({ 'proj/settings.py': 'A = 1\n' });
  await assert.rejects(evaluateSettings({ root, module: '../proj.settings', env: {} }), (e: unknown) => e instanceof InputError && e.message === "'../proj.settings' is not a Python module name");
});
