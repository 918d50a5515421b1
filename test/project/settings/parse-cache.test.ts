/**
 * The parse cache's folder keeps itself within bounds: past 2,000 entries (or 256 MB) the oldest go,
 * down to half, and the entry just written stays. A FIFO or a link to a device where an entry belongs
 * is not read: the text is parsed again.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseCacheFolder } from '../../../src/project/settings/parse-cache.js';
import { parseSource } from '../../../src/project/settings/parser.js';

const cacheHome = mkdtempSync(join(tmpdir(), 'implanta-parse-cache-'));
after(() => rmSync(cacheHome, { recursive: true, force: true }));

test('past 2,000 entries the oldest go, down to half; the new entry stays and is read back', async () => {
  const saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = cacheHome;
  try {
    const dir = parseCacheFolder()!;
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

test('a FIFO or a link to /dev/zero where an entry belongs is passed over, not waited on or read', async () => {
  const saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = cacheHome;
  try {
    const source = `Y = ${Date.now()}\n`;
    const before = new Set(readdirSync(parseCacheFolder()!));
    await parseSource(source);
    const entry = readdirSync(parseCacheFolder()!).find((name) => !before.has(name))!;
    const path = join(parseCacheFolder()!, entry);
    for (const plant of [() => execFileSync('mkfifo', [path]), () => symlinkSync('/dev/zero', path)]) {
      rmSync(path, { force: true });
      plant();
      const again = await parseSource(source);
      assert.ok('tree' in again && again.tree.rootNode.text === source);
    }
  } finally {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  }
});
