import assert from 'node:assert/strict';
import { PyPath } from '../../../src/project/python-value.js';
import { py, runCases } from './harness.js';

runCases('paths', [
  {
    name: 'pathlib from __file__',
    files: { 'proj/settings.py': py(`
      from pathlib import Path
      BASE_DIR = Path(__file__).resolve().parent.parent
      DB = BASE_DIR / 'db.sqlite3'
      STATIC_ROOT = BASE_DIR / 'static' / 'collected'
      TEMPLATE_DIR = str(BASE_DIR.joinpath('templates'))
      GRAND = Path(__file__).resolve().parents[1]
      NAME = Path(__file__).name
      STEM = Path(__file__).stem
      EXISTS = (BASE_DIR / 'proj' / 'settings.py').exists()
      NOT_THERE = (BASE_DIR / 'nope').is_dir()
    `) },
    values: {
      BASE_DIR: '<root>',
      DB: '<root>/db.sqlite3',
      STATIC_ROOT: '<root>/static/collected',
      TEMPLATE_DIR: '<root>/templates',
      GRAND: '<root>',
      NAME: 'settings.py',
      STEM: 'settings',
      EXISTS: true,
      NOT_THERE: false,
    },
    check: (result) => assert.ok(result.settings.get('DB')!.value instanceof PyPath),
  },
  {
    name: 'os.path from __file__',
    files: { 'proj/settings.py': py(`
      import os
      BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
      STATIC_ROOT = os.path.join(BASE_DIR, 'staticfiles')
      REAL = os.path.realpath(os.path.join(BASE_DIR, 'proj', '..', 'media'))
      ABS = os.path.join(BASE_DIR, '/etc')
      BASE = os.path.basename(STATIC_ROOT)
      SPLIT = os.path.splitext('a/b.txt')
      REL = os.path.abspath('relative')
    `) },
    values: { BASE_DIR: '<root>', STATIC_ROOT: '<root>/staticfiles', REAL: '<root>/media', ABS: '/etc', BASE: 'staticfiles', SPLIT: ['a/b', '.txt'], REL: '<root>/relative' },
    check: (result) => assert.equal(typeof result.settings.get('STATIC_ROOT')!.value, 'string'),
  },
  {
    name: 'whether a file outside the project exists is not known',
    files: { 'proj/settings.py': "import os\nHAS = os.path.exists('/etc/hosts')\n" },
    unknown: { HAS: /outside the project/ },
  },
]);
