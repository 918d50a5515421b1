/**
 * The parse cache's folder keeps itself within bounds: past 2,000 entries (or 256 MB) the oldest go,
 * down to half, and the entry just written stays. A damaged or foreign file in the folder is never
 * read as a tree.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { FROZEN_FORMAT } from '../../../src/project/settings/frozen-tree.js';
import { parseSource } from '../../../src/project/settings/parser.js';

const require = createRequire(import.meta.url);
const cacheHome = mkdtempSync(join(tmpdir(), 'implanta-parse-cache-'));
after(() => rmSync(cacheHome, { recursive: true, force: true }));

function folder(): string {
  const version = (wasm: string) => (JSON.parse(readFileSync(join(dirname(require.resolve(wasm)), 'package.json'), 'utf8')) as { version: string }).version;
  return join(cacheHome, 'implanta', 'parse-cache', `${version('web-tree-sitter/web-tree-sitter.wasm')}-${version('tree-sitter-python/tree-sitter-python.wasm')}-f${FROZEN_FORMAT}`);
}

test('past 2,000 entries the oldest go, down to half; the new entry stays and is read back', async () => {
  const saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = cacheHome;
  try {
    const dir = folder();
    mkdirSync(dir, { recursive: true });
    const old = new Date(Date.now() - 86_400_000);
    for (let i = 0; i < 2_100; i++) {
      const file = join(dir, `old-${i}.tree`);
      writeFileSync(file, 'not a tree');
      utimesSync(file, old, old);
    }
    const source = `X = ${Date.now()}\n`;
    const first = await parseSource(source);
    assert.ok('tree' in first);
    const left = readdirSync(dir);
    assert.ok(left.length <= 1_001, `${left.length} entries left`);
    assert.ok(left.some((name) => !name.startsWith('old-')), 'the entry just written stays');
    const again = await parseSource(source);
    assert.ok('tree' in again && again.tree.rootNode.text === source);
  } finally {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  }
});
