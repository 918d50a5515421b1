/**
 * Syntax trees of Python files parsed before, kept in ~/.cache/implanta/parse-cache/ as frozen trees
 * (frozen-tree.ts), found by the text's hash and kept only when the text stored with them is the
 * same, character for character. A run whose Python files are all there never loads tree-sitter: what
 * `__pycache__` is to Python. Each entry holds a copy of the file's text, so the folder is the user's
 * alone (0700, files 0600). IMPLANTA_NO_PARSE_CACHE=1 turns it off; a folder that cannot be written
 * only means no cache.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readRegularFile } from '../../core/regular-file.js';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { FROZEN_FORMAT, thawTree } from './frozen-tree.js';
import type { SyntaxTree } from './syntax-node.js';

/** Set by scripts/build.mjs: the versions of web-tree-sitter and tree-sitter-python the build ships with. */
declare const IMPLANTA_PARSER_VERSIONS: string | undefined;

/**
 * Past this many entries, or this many bytes, the older entries (by when they were written) are removed
 * down to half of each. A tree takes some 30 bytes per character of its text.
 */
const MAX_ENTRIES = 2_000;
const MAX_BYTES = 256 * 1024 * 1024;

/** Python files past this are rare enough to parse each time (the parser caps them at ~500 KB anyway). */
const MAX_CACHED_CHARS = 512 * 1024;
/** The largest entry MAX_CACHED_CHARS can make, with room: a tree takes some 30 bytes per character. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/** Where the entries are: one folder per parser, grammar and layout; null when the cache is off. */
export function parseCacheFolder(): string | null {
  if (process.env.IMPLANTA_NO_PARSE_CACHE) return null;
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'implanta', 'parse-cache', `${(versions ??= parserVersions())}-f${FROZEN_FORMAT}`);
}

let versions: string | undefined;

function parserVersions(): string {
  if (typeof IMPLANTA_PARSER_VERSIONS === 'string') return IMPLANTA_PARSER_VERSIONS;
  // Run from source (tests): the installed packages say.
  const require = createRequire(import.meta.url);
  const version = (wasm: string): string =>
    (JSON.parse(readFileSync(join(dirname(require.resolve(wasm)), 'package.json'), 'utf8')) as { version: string }).version;
  return `${version('web-tree-sitter/web-tree-sitter.wasm')}-${version('tree-sitter-python/tree-sitter-python.wasm')}`;
}

/**
 * A name for the entry: the length and 64 bits (two FNV-1a lanes) of up to ~2,000 evenly spaced
 * characters. Two texts with one name share one entry, the later replacing the earlier: thawTree
 * compares the whole text, so a shared name costs a parse, never a wrong tree.
 */
function entryName(source: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ source.length;
  const step = Math.max(1, Math.floor(source.length / 2048));
  for (let i = 0; i < source.length; i += step) {
    const unit = source.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}-${source.length}.tree`;
}

/** The cached tree of exactly this text, or undefined. */
export function cachedTree(source: string): SyntaxTree | undefined {
  const dir = parseCacheFolder();
  if (!dir || source.length > MAX_CACHED_CHARS) return undefined;
  let bytes: Buffer;
  try {
    // The folder is the user's alone, but other code of theirs (a project's tests) runs as them: a
    // FIFO or a link to a device there would hang a plain read.
    const read = readRegularFile(join(dir, entryName(source)), MAX_ENTRY_BYTES);
    if (!('bytes' in read)) return undefined;
    bytes = read.bytes;
  } catch {
    return undefined;
  }
  return thawTree(bytes, source);
}

/** Keeps a frozen tree of `source` for the next run. */
export function storeTree(source: string, frozen: Uint8Array): void {
  const dir = parseCacheFolder();
  if (!dir || source.length > MAX_CACHED_CHARS) return;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, entryName(source));
    // Whole under a temporary name, then renamed: a run reading it at the same time sees all or nothing.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, frozen, { mode: 0o600 });
    renameSync(temporary, file);
    if (writes++ % PRUNE_EVERY === 0) prune(dir);
  } catch {
    // Not kept: the next run parses again.
  }
}

/**
 * The folder is looked over at a run's first write and every PRUNE_EVERY writes after: a run that
 * parses a whole project writes many entries, and one look per run is enough for a command; a
 * long-lived process (the test suite's workers) looks again now and then.
 */
const PRUNE_EVERY = 500;
let writes = 0;

function prune(dir: string): void {
  const entries = readdirSync(dir).map((name) => {
    try {
      const stat = statSync(join(dir, name));
      return { name, written: stat.mtimeMs, bytes: stat.size };
    } catch {
      return { name, written: 0, bytes: 0 };
    }
  });
  let bytes = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  let count = entries.length;
  if (count <= MAX_ENTRIES && bytes <= MAX_BYTES) return;
  entries.sort((x, y) => x.written - y.written);
  for (const entry of entries) {
    if (count <= MAX_ENTRIES / 2 && bytes <= MAX_BYTES / 2) break;
    rmSync(join(dir, entry.name), { force: true });
    count--;
    bytes -= entry.bytes;
  }
}
