/** What the evaluator records about where each value came from (src/project/settings/provenance.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateSettings } from '../../../src/project/settings/evaluate.js';
import { sourcesOf, type Provenance } from '../../../src/project/settings/provenance.js';
import { py, writeProject } from './harness.js';

async function evaluate(settings: string, env: Record<string, string> = {}, files: Record<string, string> = {}) {
  const root = writeProject({ 'proj/settings.py': py(settings), ...files });
  const result = await evaluateSettings({ root, module: 'proj.settings', env });
  return (name: string, ...path: Array<string | number>): Provenance | undefined => result.provenance(name, path)?.provenance;
}

const ENVS = { 'proj/envs.py': "import os\n\ndef get_string(name, default):\n    return os.environ.get(name, default)\n" };

test('provenance: a literal records its file and line', async () => {
  const at = await evaluate("A = 'x'\nB = ['y', 2]\n");
  assert.deepEqual(at('A'), { kind: 'literal', file: 'proj/settings.py', line: 1 });
  assert.deepEqual(at('B'), { kind: 'literal', file: 'proj/settings.py', line: 2 });
});

test('provenance: an environment read records the variable, the call, and whether its default applied', async () => {
  const at = await evaluate("import os\nA = os.environ['A']\nB = os.environ.get('B', 'dev')\nC = os.getenv('C')\n", { A: 'a' });
  assert.deepEqual(at('A'), { kind: 'env', name: 'A', via: 'os.environ', file: 'proj/settings.py', line: 2, set: true });
  assert.deepEqual(at('B'), { kind: 'env', name: 'B', via: 'os.environ', file: 'proj/settings.py', line: 3, set: false, default: { kind: 'literal', file: 'proj/settings.py', line: 3 } });
  assert.deepEqual(at('C'), { kind: 'env', name: 'C', via: 'os.getenv', file: 'proj/settings.py', line: 4, set: false });
});

test("provenance: a project helper's read is recorded at the settings' call, with the call site's default", async () => {
  const at = await evaluate("from proj.envs import get_string\n\nKEY = get_string('KEY', 'dev')\n", {}, ENVS);
  assert.deepEqual(at('KEY'), { kind: 'env', name: 'KEY', via: 'get_string', file: 'proj/settings.py', line: 3, set: false, default: { kind: 'literal', file: 'proj/settings.py', line: 3 } });
});

test('provenance: dict keys keep their own, through a name, dj_database_url.parse() and changes in place', async () => {
  const at = await evaluate(
    `
    import os
    import dj_database_url
    from proj.envs import get_string
    TOKEN = os.environ['TOKEN']
    CONFIG = dj_database_url.parse(get_string('DATABASE_URL', 'sqlite:///db.sqlite3'))
    CONFIG['OPTIONS'] = {'sslmode': 'require'}
    CONFIG.update({'CONN_MAX_AGE': 600})
    DATABASES = {'default': CONFIG}
    API = {'TOKEN': TOKEN, 'URL': 'https://api.example.com'}
    `,
    { TOKEN: 't', DATABASE_URL: 'postgres://u:p@h:5432/d' },
    ENVS,
  );
  const password = sourcesOf(at('DATABASES', 'default', 'PASSWORD'));
  assert.deepEqual(password.environment.map((r) => [r.name, r.via, r.line]), [['DATABASE_URL', 'get_string', 5]]);
  assert.equal(at('DATABASES', 'default', 'PASSWORD')?.kind, 'call');
  assert.deepEqual(at('DATABASES', 'default', 'OPTIONS', 'sslmode'), { kind: 'literal', file: 'proj/settings.py', line: 6 });
  assert.deepEqual(at('API', 'TOKEN'), { kind: 'env', name: 'TOKEN', via: 'os.environ', file: 'proj/settings.py', line: 4, set: true });
  assert.deepEqual(at('API', 'URL'), { kind: 'literal', file: 'proj/settings.py', line: 9 });
});

test('provenance: a decided if keeps each branch its own; an undecided one keeps what the paths agree on', async () => {
  const at = await evaluate(
    `
    import os
    D = {'NAME': os.environ['NAME'], 'HOST': 'h'}
    if os.environ.get('FLAG'):
        D['HOST'] = 'other'
    X = 'a' if os.environ.get('FLAG') else os.environ['NAME']
    `,
    { NAME: 'n' },
  );
  assert.equal(at('D', 'NAME')?.kind, 'env');
  assert.deepEqual(at('D', 'HOST'), { kind: 'literal', file: 'proj/settings.py', line: 2 });
  assert.equal(at('X')?.kind, 'env', 'the value of the branch taken, not the condition');
});

test("provenance: the settings' own writes to the environment are what later reads see", async () => {
  const at = await evaluate(
    `
    import os
    os.environ.setdefault('A', 'from-setdefault')
    os.environ['B'] = 'from-item'
    os.environ.update({'C': 'from-update'})
    os.environ['D'] = 'x'
    del os.environ['D']
    A = os.environ['A']
    B = os.environ['B']
    C = os.environ['C']
    D = os.environ.get('D', 'gone')
    E = os.environ['E']
    `,
    { A: 'config-var', E: 'config-var' },
  );
  // A is a config var: setdefault left it alone, and the read is the config var's.
  assert.deepEqual(at('A'), { kind: 'env', name: 'A', via: 'os.environ', file: 'proj/settings.py', line: 7, set: true });
  assert.deepEqual(at('B'), { kind: 'env', name: 'B', via: 'os.environ', file: 'proj/settings.py', line: 8, set: true, written: { file: 'proj/settings.py', line: 3, value: { kind: 'literal', file: 'proj/settings.py', line: 3 } } });
  assert.deepEqual(sourcesOf(at('B')).literals, [{ kind: 'literal', file: 'proj/settings.py', line: 3 }]);
  assert.deepEqual(at('C'), { kind: 'env', name: 'C', via: 'os.environ', file: 'proj/settings.py', line: 9, set: true, written: { file: 'proj/settings.py', line: 4, value: { kind: 'literal', file: 'proj/settings.py', line: 4 } } });
  assert.deepEqual(at('D'), { kind: 'env', name: 'D', via: 'os.environ', file: 'proj/settings.py', line: 10, set: false, written: { file: 'proj/settings.py', line: 6, deleted: true }, default: { kind: 'literal', file: 'proj/settings.py', line: 10 } });
  assert.deepEqual(at('E'), { kind: 'env', name: 'E', via: 'os.environ', file: 'proj/settings.py', line: 11, set: true });
});

test('provenance: setdefault of an unset variable is seen by a later read, also after an undecided branch', async () => {
  const at = await evaluate(
    `
    import os
    os.environ.setdefault('KEY', 'dev-key')
    if os.environ.get('UNKNOWN_FLAG') == os.environ.get('OTHER'):
        pass
    KEY = os.environ['KEY']
    `,
    {},
  );
  assert.deepEqual(sourcesOf(at('KEY')).literals, [{ kind: 'literal', file: 'proj/settings.py', line: 2 }]);
  assert.deepEqual(sourcesOf(at('KEY')).environment, []);
});

test("provenance: a helper's `if value is None: return default` records that the variable decided it", async () => {
  const files = { 'proj/envs.py': "import os\n\ndef get_bool(name, default):\n    value = os.environ.get(name)\n    if value is None:\n        return default\n    return value == 'true'\n" };
  const at = await evaluate("from proj.envs import get_bool\nDEBUG = get_bool('DEBUG', False)\n", {}, files);
  const sources = sourcesOf(at('DEBUG'));
  assert.deepEqual(sources.unset.map((r) => r.name), ['DEBUG']);
  assert.deepEqual(sources.literals, [{ kind: 'literal', file: 'proj/settings.py', line: 2 }]);
});

test('provenance: a list keeps each item its own', async () => {
  const at = await evaluate("import os\nKEYS = ['old-literal', os.environ['OLD_KEY']]\n", { OLD_KEY: 'k' });
  assert.deepEqual(at('KEYS', 0), { kind: 'literal', file: 'proj/settings.py', line: 2 });
  assert.deepEqual(at('KEYS', 1), { kind: 'env', name: 'OLD_KEY', via: 'os.environ', file: 'proj/settings.py', line: 2, set: true });
});

test('provenance: dict.update(), setdefault(), get() and list.append() keep each item its own', async () => {
  const at = await evaluate(
    `
    import os
    OPTIONS = {'sslmode': 'prefer'}
    OPTIONS.update({'sslmode': os.environ['SSLMODE']}, )
    OPTIONS.setdefault('password', os.environ['DB_PASSWORD'])
    MODE = OPTIONS.get('sslmode')
    KEYS = []
    KEYS.append(os.environ['OLD_KEY'])
    KEYS.append('literal')
    `,
    { SSLMODE: 'require', DB_PASSWORD: 'p', OLD_KEY: 'k' },
  );
  assert.deepEqual(at('OPTIONS', 'sslmode'), { kind: 'env', name: 'SSLMODE', via: 'os.environ', file: 'proj/settings.py', line: 3, set: true });
  assert.deepEqual(at('OPTIONS', 'password'), { kind: 'env', name: 'DB_PASSWORD', via: 'os.environ', file: 'proj/settings.py', line: 4, set: true });
  assert.deepEqual(at('MODE'), at('OPTIONS', 'sslmode'));
  assert.equal(at('KEYS', 0)?.kind, 'env');
  assert.deepEqual(at('KEYS', 1), { kind: 'literal', file: 'proj/settings.py', line: 8 });
});

test('provenance: a name from a library the evaluator does not read is an import', async () => {
  const at = await evaluate('import os\nfrom django.conf import global_settings\nLANGS = global_settings.LANGUAGES\nSEP = os.sep\n');
  assert.deepEqual(at('LANGS'), { kind: 'import', module: 'django.conf.global_settings', file: 'proj/settings.py', line: 2 });
  assert.deepEqual(at('SEP'), { kind: 'import', module: 'os', file: 'proj/settings.py', line: 1 });
});

test("provenance: a helper's `default if value is None else value` records that the variable decided it", async () => {
  const files = { 'proj/envs.py': "import os\n\ndef get(name, default):\n    value = os.environ.get(name)\n    return default if value is None else value\n" };
  const at = await evaluate("from proj.envs import get\nDEBUG = get('DEBUG', False)\nMODULE_CONDITION = 'a' if get('FLAG', None) else 'b'\n", {}, files);
  const sources = sourcesOf(at('DEBUG'));
  assert.deepEqual(sources.unset.map((r) => r.name), ['DEBUG']);
  assert.deepEqual(sources.literals, [{ kind: 'literal', file: 'proj/settings.py', line: 2 }]);
  // Outside a helper the condition is not what the value was made from: 'b' is a literal of the settings.
  assert.deepEqual(at('MODULE_CONDITION'), { kind: 'literal', file: 'proj/settings.py', line: 3 });
});
