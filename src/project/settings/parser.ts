import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { Language, Parser, type Tree } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
let parserPromise: Promise<Parser> | undefined;

/** One parser per process: loading the grammar costs more than parsing a settings file. */
export function pythonParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    // Liftoff's baseline code parses a settings file in microseconds. Without this, V8 also optimises
    // the 450 KB grammar with TurboFan on background threads, and the process waits for that work at
    // exit: a third of `implanta check`'s wall time, for code that has already finished running.
    // Set at run time, --liftoff-only alone no longer stops the tier-up on Node 24 (V8 13): tiering is
    // turned off by name too, which measured the same as `node --liftoff-only` there (about 130 ms of
    // CPU less per check) and changes nothing on Node 20 and 22.
    setFlagsFromString('--liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering');
    // Say where the runtime's wasm is, rather than let it guess from the script's own location (which a
    // bundle moves).
    await Parser.init({ locateFile: () => require.resolve('web-tree-sitter/web-tree-sitter.wasm') });
    const language = await Language.load(await readFile(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

/** Parses Python source; the tree's root `hasError` tells whether Python would reject it. */
export async function parsePython(source: string): Promise<Tree> {
  const tree = (await pythonParser()).parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
