import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateSettings } from '../../../src/project/settings/evaluate.js';
import { py, runCases, writeProject } from './harness.js';

runCases('os.environ', [
  {
    name: 'subscript, get, getenv and membership read the given environment',
    files: { 'proj/settings.py': py(`
      import os
      from os import environ, getenv
      SECRET_KEY = os.environ['SECRET_KEY']
      DEBUG = os.environ.get('DEBUG', 'False') == 'True'
      HOST = getenv('HOST', 'localhost')
      MISSING = environ.get('NOPE')
      HAS = 'SECRET_KEY' in os.environ
      HAS_NOT = 'NOPE' not in environ
    `) },
    env: { SECRET_KEY: 's3cr3t', DEBUG: 'True' },
    values: { SECRET_KEY: 's3cr3t', DEBUG: true, HOST: 'localhost', MISSING: null, HAS: true, HAS_NOT: true },
    check: (result) => {
      assert.deepEqual(
        result.envReads.map((r) => `${r.name} ${r.via} ${r.required} ${r.line}`),
        ['SECRET_KEY os.environ true 3', 'DEBUG os.environ false 4', 'HOST os.getenv false 5', 'NOPE os.environ false 6', 'SECRET_KEY os.environ false 7', 'NOPE os.environ false 8'],
      );
    },
  },
  {
    name: 'a missing required variable is unknown: the app would not boot',
    files: { 'proj/settings.py': "import os\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\n" },
    unknown: { SECRET_KEY: /^os\.environ\['SECRET_KEY'\] is not set: the app would not boot$/ },
    values: { DEBUG: false },
    check: (result) => {
      assert.deepEqual(result.envReads, [{ name: 'SECRET_KEY', required: true, file: 'proj/settings.py', line: 2, via: 'os.environ' }]);
      const unknown = result.settings.get('SECRET_KEY')!.value as { file?: string; line?: number };
      assert.equal(`${unknown.file}:${unknown.line}`, 'proj/settings.py:2');
    },
  },
  {
    name: 'setdefault and assignment change the environment later reads see',
    files: { 'proj/settings.py': py(`
      import os
      os.environ.setdefault('MODE', 'default-mode')
      os.environ.setdefault('KEPT', 'ignored')
      os.environ['ADDED'] = 'yes'
      MODE = os.environ['MODE']
      KEPT = os.environ['KEPT']
      ADDED = os.getenv('ADDED')
      POPPED = os.environ.pop('ADDED')
      GONE = os.getenv('ADDED', 'gone')
    `) },
    env: { KEPT: 'from-env' },
    values: { MODE: 'default-mode', KEPT: 'from-env', ADDED: 'yes', POPPED: 'yes', GONE: 'gone' },
  },
  {
    name: 'a read inside an undecidable branch is not required',
    files: { 'proj/settings.py': "import os, socket\nif socket.gethostname() == 'x':\n    A = os.environ['ONLY_THERE']\n" },
    check: (result) => assert.deepEqual(result.envReads.map((r) => [r.name, r.required]), [['ONLY_THERE', false]]),
  },
  {
    name: 'os.environ as a whole mapping',
    files: { 'proj/settings.py': "import os\nCOPY = dict(os.environ)\nSPREAD = {**os.environ, 'EXTRA': '1'}\nKEYS = sorted(os.environ)\n" },
    env: { B: '2', A: '1' },
    values: { COPY: { B: '2', A: '1' }, SPREAD: { B: '2', A: '1', EXTRA: '1' }, KEYS: ['A', 'B'] },
  },
  {
    name: 'assigning a non-string to os.environ fails like Python',
    files: { 'proj/settings.py': "import os\nos.environ['PORT'] = 8000\nPORT = os.environ.get('PORT', 'unset')\n" },
    values: { PORT: 'unset' },
  },
]);

test('os.environ: evaluation never reads the environment of implanta itself', async () => {
  process.env.IMPLANTA_TEST_LEAK = 'leaked';
  try {
    const root = writeProject({ 'proj/settings.py': "import os\nLEAK = os.environ.get('IMPLANTA_TEST_LEAK', 'not seen')\nPATH_SEEN = 'PATH' in os.environ\n" });
    const result = await evaluateSettings({ root, module: 'proj.settings', env: {} });
    assert.equal(result.settings.get('LEAK')!.value, 'not seen');
    assert.equal(result.settings.get('PATH_SEEN')!.value, false);
  } finally {
    delete process.env.IMPLANTA_TEST_LEAK;
  }
});
