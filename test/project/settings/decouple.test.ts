import assert from 'node:assert/strict';
import { py, runCases } from './harness.js';

runCases('decouple', [
  {
    name: 'defaults and casts',
    files: { 'proj/settings.py': py(`
      from decouple import config, Csv
      DEBUG = config('DEBUG', default=False, cast=bool)
      PORT = config('PORT', default=8000, cast=int)
      HOSTS = config('HOSTS', cast=Csv())
      NAME = config('NAME', default='app')
      RATIO = config('RATIO', default='0.25', cast=float)
    `) },
    env: { HOSTS: 'a.com, b.com,,"c,d"' },
    values: { DEBUG: false, PORT: 8000, HOSTS: ['a.com', 'b.com', 'c,d'], NAME: 'app', RATIO: 0.25 },
  },
  {
    name: "bool words: 1/yes/true/on/y/t and 0/no/false/off/n/f, '' is False",
    files: { 'proj/settings.py': "from decouple import config\nA = config('A', cast=bool)\nB = config('B', cast=bool)\nC = config('C', cast=bool)\nD = config('D', cast=bool)\nE = config('E', cast=bool)\n" },
    env: { A: 'Yes', B: 'off', C: '', D: 'maybe', E: '1' },
    values: { A: true, B: false, C: false, E: true },
    unknown: { D: /not a boolean/ },
  },
  {
    name: 'a variable with no default that is not set anywhere is required and unknown',
    files: { 'proj/settings.py': "from decouple import config\nSECRET_KEY = config('SECRET_KEY')\n" },
    unknown: { SECRET_KEY: /^config\('SECRET_KEY'\): SECRET_KEY is not set and has no default: the app would not boot$/ },
    check: (result) => assert.deepEqual(result.envReads, [{ name: 'SECRET_KEY', required: true, file: 'proj/settings.py', line: 2, via: 'decouple.config' }]),
  },
  {
    name: 'the .env found walking up from the calling file fills names the environment lacks',
    module: 'proj.settings.prod',
    files: {
      'proj/settings/__init__.py': '',
      'proj/settings/prod.py': "from decouple import config\nSECRET_KEY = config('SECRET_KEY')\nDEBUG = config('DEBUG', cast=bool)\nQUOTED = config('QUOTED')\n",
      '.env': "SECRET_KEY=from-file\nDEBUG=True\nQUOTED = \"spaced value\"\n# comment\n",
    },
    env: { DEBUG: 'False' },
    values: { SECRET_KEY: 'from-file', DEBUG: false, QUOTED: 'spaced value' },
    check: (result) => assert.deepEqual(result.dotenvFilesRead, ['.env']),
  },
  {
    name: 'settings.ini wins over .env in the same folder, and its keys ignore case',
    files: { 'proj/settings.py': "from decouple import config\nNAME = config('NAME')\nPCT = config('PCT')\n", 'proj/settings.ini': '[settings]\nname = ini-value\npct = 100%%\n', 'proj/.env': 'NAME=env-value\n' },
    values: { NAME: 'ini-value', PCT: '100%' },
    check: (result) => assert.deepEqual(result.dotenvFilesRead, ['proj/settings.ini']),
  },
  {
    name: 'no file anywhere: only the environment and defaults',
    files: { 'proj/settings.py': "from decouple import config\nNAME = config('NAME', default='d')\n" },
    values: { NAME: 'd' },
    check: (result) => assert.deepEqual(result.dotenvFilesRead, []),
  },
  {
    name: 'an explicit Config(RepositoryEnv(path))',
    files: { 'proj/settings.py': "from decouple import Config, RepositoryEnv\nconfig = Config(RepositoryEnv('conf/prod.env'))\nNAME = config('NAME')\n", 'conf/prod.env': 'NAME=explicit\n' },
    values: { NAME: 'explicit' },
    check: (result) => assert.deepEqual(result.dotenvFilesRead, ['conf/prod.env']),
  },
  {
    name: 'Csv with a cast and Choices',
    files: { 'proj/settings.py': "from decouple import config, Csv, Choices\nPORTS = config('PORTS', cast=Csv(int))\nMODE = config('MODE', cast=Choices(['a', 'b']))\nBAD = config('BAD', cast=Choices(['a', 'b']))\nT = config('T', cast=Csv(post_process=tuple))\n" },
    env: { PORTS: '80, 443', MODE: 'b', BAD: 'c', T: 'x,y' },
    values: { PORTS: [80, 443], MODE: 'b', T: ['x', 'y'] },
    unknown: { BAD: /not one of the choices/ },
  },
  {
    name: 'a cast by a lambda runs on the value',
    files: { 'proj/settings.py': "from decouple import config\nHOSTS = config('HOSTS', cast=lambda v: [s.strip() for s in v.split(',')])\n" },
    env: { HOSTS: 'a, b' },
    values: { HOSTS: ['a', 'b'] },
  },
]);
