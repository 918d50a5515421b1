import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Node, Parser, type Tree } from 'web-tree-sitter';
import { useWasmBaselineOnly } from '../../core/v8-flags.js';

const require = createRequire(import.meta.url);
let parserPromise: Promise<Parser> | undefined;

/** One parser per process: loading the grammar costs more than parsing a settings file. */
export function pythonParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    useWasmBaselineOnly();
    // Say where the runtime's wasm is, rather than let it guess from the script's own location (which a
    // bundle moves).
    await Parser.init({ locateFile: () => require.resolve('web-tree-sitter/web-tree-sitter.wasm') });
    const language = await Language.load(readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
    const parser = new Parser();
    parser.setLanguage(language);
    rememberWhatNodesAreAsked();
    return parser;
  })();
  return parserPromise;
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

export type ParseOutcome = { tree: Tree } | { stopped: 'too large' } | { stopped: 'broken'; line: number };

/** Parses Python source within PARSE_WORK_LIMIT (and PARSE_WORK_AFTER_ERROR once it is broken). */
export function parseBounded(parser: Parser, source: string): ParseOutcome {
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

/**
 * Parses Python source; the tree's root `hasError` tells whether Python would reject it. Undefined
 * when the parse was stopped (too large, or broken past placing): each caller says what that means.
 */
export function parseWithin(parser: Parser, source: string): Tree | undefined {
  const outcome = parseBounded(parser, source);
  return 'tree' in outcome ? outcome.tree : undefined;
}

/** Parses Python source (undefined past PARSE_WORK_LIMIT). */
export async function parsePython(source: string): Promise<Tree | undefined> {
  return parseWithin(await pythonParser(), source);
}

/**
 * web-tree-sitter hands out a new Node object for every field lookup and asks wasm for a node's type on
 * every read. The evaluator reads the same nodes again on each loop iteration and call, so those two
 * reads are remembered on the node (a tree is never edited here, so they cannot change). This halves
 * the cost of an evaluation step; children lists are already remembered by the library itself.
 */
function rememberWhatNodesAreAsked(): void {
  type Remembering = Node & { fieldsAsked?: Map<string, Node | null>; typeRead?: string };
  const proto = Node.prototype as Remembering;
  const childForFieldName = proto.childForFieldName;
  const type = Object.getOwnPropertyDescriptor(proto, 'type')!.get!;
  proto.childForFieldName = function (this: Remembering, name: string): Node | null {
    this.fieldsAsked ??= new Map();
    let child = this.fieldsAsked.get(name);
    if (child === undefined) {
      child = childForFieldName.call(this, name);
      this.fieldsAsked.set(name, child);
    }
    return child;
  };
  Object.defineProperty(proto, 'type', {
    configurable: true,
    get(this: Remembering): string {
      return (this.typeRead ??= type.call(this) as string);
    },
  });
}
