import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Parser, Tree } from 'web-tree-sitter';
import { useWasmBaselineOnly } from '../../core/v8-flags.js';
import { freezeTree, thawTree } from './frozen-tree.js';
import { cachedTree, storeTree } from './parse-cache.js';
import type { SyntaxTree } from './syntax-node.js';

const require = createRequire(import.meta.url);
let parserPromise: Promise<Parser> | undefined;
let loadedParser: Parser | undefined;

/**
 * One parser per process, loaded only when a file is not in the parse cache: loading the runtime and
 * the grammar, and the first parse that compiles the grammar's code, cost more than reading a project.
 */
function pythonParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    useWasmBaselineOnly();
    // Required here, not imported above: a run with every file in the parse cache never loads it. Its
    // CommonJS build, through require: import() in a bundle would start Node's ES module loader too.
    const { Language, Parser } = require('web-tree-sitter') as typeof import('web-tree-sitter');
    // Say where the runtime's wasm is, rather than let it guess from the script's own location (which a
    // bundle moves).
    await Parser.init({ locateFile: () => require.resolve('web-tree-sitter/web-tree-sitter.wasm') });
    const language = await Language.load(readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
    const parser = new Parser();
    parser.setLanguage(language);
    loadedParser = parser;
    // With the phase timings: whether this run needed the parser (a file not in the parse cache).
    if (process.env.IMPLANTA_TIMING) process.stderr.write('[python parser loaded: a file was not in the parse cache]\n');
    return parser;
  })();
  return parserPromise;
}

/** Loads the parser now, for a caller that parses synchronously afterwards (see parseNow). */
export async function loadPythonParser(): Promise<void> {
  await pythonParser();
}

/**
 * How much parsing one file may take, counted in the parser's own progress checks (one per hundred
 * or so parser operations, about 36 syntax nodes: the same count for the same text). The largest
 * real models.py of the corpus (100 KB) takes about 500, its largest settings module 250; a megabyte
 * of one-line statements (`X=0` 260,000 times) takes 52,000: about 7 s and 700 MB here. The cap lets
 * ordinary code of some 500 KB through and stops a hostile file in a fraction of a second.
 */
export const PARSE_WORK_LIMIT = 3_000;

/** About how many syntax nodes PARSE_WORK_LIMIT lets through, for messages. */
export const PARSE_CAP_NODES = 'over 100,000';

/** What to tell about a file past PARSE_WORK_LIMIT, after its name. */
export const TOO_MUCH_PYTHON = `is more Python than implanta reads (${PARSE_CAP_NODES} syntax nodes, some 500 KB of ordinary code)`;

/**
 * Past a syntax error, tree-sitter's error recovery can cost a hundred times more per check (200 KB of
 * binary junk took 15 s within PARSE_WORK_LIMIT): Python rejects the file anyway, so the parse goes on
 * only this much further to place the error, then stops at the line where it was first seen.
 */
export const PARSE_WORK_AFTER_ERROR = 60;

export type ParseOutcome = { tree: SyntaxTree } | { stopped: 'too large' } | { stopped: 'broken'; line: number };

/**
 * Parses Python source now: from the parse cache, or with the parser when it is loaded. 'parser not
 * loaded' otherwise: the caller loads it (loadPythonParser) and asks again.
 */
export function parseNow(source: string): ParseOutcome | 'parser not loaded' {
  const cached = cachedTree(source);
  if (cached) return { tree: cached };
  return loadedParser ? parseFresh(loadedParser, source) : 'parser not loaded';
}

/** Parses Python source: from the parse cache, or with the parser, loaded when first needed. */
export async function parseSource(source: string): Promise<ParseOutcome> {
  const cached = cachedTree(source);
  if (cached) return { tree: cached };
  return parseFresh(await pythonParser(), source);
}

/**
 * Parses with tree-sitter and hands back the frozen copy (frozen-tree.ts), kept for the next run. The
 * reader always gets the frozen tree, so a run from the cache reads exactly what a fresh one does.
 */
function parseFresh(parser: Parser, source: string): ParseOutcome {
  const outcome = parseBounded(parser, source);
  if (!('tree' in outcome)) return outcome;
  let frozen: Buffer;
  try {
    frozen = freezeTree(outcome.tree, source);
  } finally {
    // The tree lives in the parser's WebAssembly memory until deleted.
    outcome.tree.delete();
  }
  storeTree(source, frozen);
  return { tree: thawTree(frozen, source)! };
}

type LiveOutcome = { tree: Tree } | { stopped: 'too large' } | { stopped: 'broken'; line: number };

/** Parses Python source within PARSE_WORK_LIMIT (and PARSE_WORK_AFTER_ERROR once it is broken). */
function parseBounded(parser: Parser, source: string): LiveOutcome {
  let checks = 0;
  let brokenAt: { offset: number; checks: number } | undefined;
  const tree = parser.parse(source, null, {
    progressCallback: ({ currentOffset, hasError }) => {
      checks++;
      if (hasError && !brokenAt) brokenAt = { offset: currentOffset, checks };
      return checks > PARSE_WORK_LIMIT || (brokenAt !== undefined && checks - brokenAt.checks > PARSE_WORK_AFTER_ERROR);
    },
  });
  if (tree) return { tree };
  // A cancelled parse is kept for resuming: the next file must start afresh.
  parser.reset();
  if (!brokenAt) return { stopped: 'too large' };
  // The offset counts bytes of the UTF-16 text the parser was given.
  return { stopped: 'broken', line: source.slice(0, brokenAt.offset / 2).split('\n').length };
}

/** Parses Python source (undefined past PARSE_WORK_LIMIT or past placing a syntax error). */
export async function parsePython(source: string): Promise<SyntaxTree | undefined> {
  const outcome = await parseSource(source);
  return 'tree' in outcome ? outcome.tree : undefined;
}
