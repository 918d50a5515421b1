import assert from 'node:assert/strict';
import { runCases } from './harness.js';

runCases('python-dotenv', [
  {
    name: 'load_dotenv() finds the .env walking up from the calling file',
    module: 'proj.settings.base',
    files: {
      'proj/settings/__init__.py': '',
      'proj/settings/base.py': "import os\nfrom dotenv import load_dotenv\nload_dotenv()\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = os.getenv('DEBUG')\n",
      '.env': 'export SECRET_KEY="quoted # not a comment"\nDEBUG=1 # a comment\n',
    },
    values: { SECRET_KEY: 'quoted # not a comment', DEBUG: '1' },
    check: (result) => assert.deepEqual(result.dotenvFilesRead, ['.env']),
  },
  {
    name: 'load_dotenv does not override the environment unless told to',
    files: {
      'proj/settings.py': "import os\nfrom dotenv import load_dotenv\nload_dotenv('.env')\nA = os.environ['A']\nload_dotenv('override.env', override=True)\nB = os.environ['B']\n",
      '.env': 'A=file\n',
      'override.env': 'B=file\n',
    },
    env: { A: 'env', B: 'env' },
    values: { A: 'env', B: 'file' },
    check: (result) => assert.deepEqual(result.dotenvFilesRead, ['.env', 'override.env']),
  },
  {
    name: 'variables expand, from the file and the environment',
    files: { 'proj/settings.py': "import os\nimport dotenv\ndotenv.load_dotenv(dotenv.find_dotenv())\nURL = os.environ['URL']\nFALLBACK = os.environ['FALLBACK']\n", '.env': 'HOST=db\nURL=postgres://${USER}@${HOST}/app\nFALLBACK=${MISSING:-default}\n' },
    env: { USER: 'me' },
    values: { URL: 'postgres://me@db/app', FALLBACK: 'default' },
  },
  {
    name: 'dotenv_values returns the file as a dict and leaves the environment alone',
    files: { 'proj/settings.py': "import os\nfrom dotenv import dotenv_values\nVALUES = dotenv_values('.env')\nSEEN = os.getenv('A', 'not loaded')\n", '.env': "A=1\nB='two'\nC\n" },
    values: { VALUES: { A: '1', B: 'two', C: null }, SEEN: 'not loaded' },
  },
  {
    name: 'no .env: nothing loaded, load_dotenv gives False',
    files: { 'proj/settings.py': 'from dotenv import load_dotenv\nLOADED = load_dotenv()\n' },
    values: { LOADED: false },
    check: (result) => assert.deepEqual(result.dotenvFilesRead, []),
  },
]);
