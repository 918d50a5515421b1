import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGunicornConfig, readGunicornConfig } from '../../src/project/gunicorn-config.js';

const cases: Array<[string, string, { forwardedAllowIps?: string; secureSchemeHeaders?: boolean }]> = [
  ['neither set', 'workers = 3\n', {}],
  ['trusts every proxy', "forwarded_allow_ips = '*'\n", { forwardedAllowIps: '*' }],
  ['a list of addresses', 'forwarded_allow_ips = ["10.0.0.1", "10.0.0.2"]\n', { forwardedAllowIps: '10.0.0.1,10.0.0.2' }],
  ['computed value is left out', "import os\nforwarded_allow_ips = os.environ.get('IPS', '*')\n", {}],
  ['headers keep X-Forwarded-Proto', "secure_scheme_headers = {'X-Forwarded-Proto': 'https'}\n", { secureSchemeHeaders: true }],
  ['headers emptied', 'secure_scheme_headers = {}\n', { secureSchemeHeaders: false }],
  ['headers without X-Forwarded-Proto', "secure_scheme_headers = {'X-FORWARDED-SSL': 'on'}\n", { secureSchemeHeaders: false }],
  ['only top-level assignments count', "if False:\n    forwarded_allow_ips = '127.0.0.1'\n", {}],
];

for (const [name, source, expected] of cases) {
  test(`gunicorn config: ${name}`, async () => {
    assert.deepEqual(await parseGunicornConfig(source), { file: 'gunicorn.conf.py', ...expected });
  });
}

test('gunicorn config: read from the root, or the file the Procfile names', async () => {
  const root = mkdtempSync(join(tmpdir(), 'implanta-gunicorn-'));
  assert.equal(await readGunicornConfig(root), undefined);
  writeFileSync(join(root, 'gunicorn.conf.py'), "forwarded_allow_ips = '127.0.0.1'\n");
  writeFileSync(join(root, 'prod.py'), "forwarded_allow_ips = '*'\n");
  assert.deepEqual(await readGunicornConfig(root), { file: 'gunicorn.conf.py', forwardedAllowIps: '127.0.0.1' });
  assert.deepEqual(await readGunicornConfig(root, 'prod.py'), { file: 'prod.py', forwardedAllowIps: '*' });
});

test('gunicorn config: past the parse cap it is unreadable, with its size: neither the defaults nor a value is assumed', async () => {
  const source = `${'workers = 3\n'.repeat(40_000)}forwarded_allow_ips = '127.0.0.1'\n`;
  const config = await parseGunicornConfig(source);
  assert.equal(config.forwardedAllowIps, undefined);
  assert.match(config.unreadable ?? '', /^it is \d+ KB, more Python than implanta reads \(over 100,000 syntax nodes\)$/);
});
