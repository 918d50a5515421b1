/**
 * The project tree as the evaluator sees it: each Python file read and parsed once, and each path
 * asked about once. Never lists a directory: imports name the files they need.
 */
import { statSync } from 'node:fs';
import { ProjectFileRefused, readProjectBytes, readProjectText } from '../project-file.js';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { SyntaxNode as Node, SyntaxTree as Tree } from './syntax-node.js';
import { InputError } from '../../core/errors.js';
import { lineOf } from './context.js';
import { nestingProblem } from './nesting.js';
import { loadPythonParser, parseNow, TOO_MUCH_PYTHON } from './parser.js';
import { decodePythonSource } from './source-encoding.js';

/** A Python file takes about a second per megabyte to parse here; settings modules are a few KB. */
const MAX_PYTHON_BYTES = 1024 * 1024;

/**
 * A module of the settings (the settings module or one it imports) past the parser's cap: valid Python
 * as far as it was read, which Python itself would load, only too much to read statically. Still an
 * InputError for a caller that cannot do without it; `implanta check` catches it and reports the
 * settings as unread (codebase.settings-module) instead of stopping.
 */
export class PythonTooLarge extends InputError {
  constructor(
    /** Relative to the project root, forward slashes. */
    readonly file: string,
    /** Its size on disk. */
    readonly bytes: number,
  ) {
    super(`${file}: ${TOO_MUCH_PYTHON}; a settings module is rarely more than a few hundred lines`);
  }
}

/**
 * Thrown by SourceFiles.parse for a file that is not in the parse cache while the parser is not loaded:
 * withSourceFiles loads it and reads again from the start.
 */
class ParserNotLoaded extends Error {}

/**
 * Runs `read` over the project's Python files as the parse cache has them. When a file is not there,
 * the parser is loaded and `read` runs again from the start, with fresh SourceFiles: the evaluation is
 * synchronous and cannot wait for the parser halfway, and a reader may have caught the miss and gone
 * on with less, so nothing of the first run is kept. The first run stops at its first miss, so a run
 * with nothing cached loses little.
 */
export async function withSourceFiles<T>(root: string, read: (sources: SourceFiles) => T | Promise<T>): Promise<T> {
  const sources = new SourceFiles(root);
  try {
    const result = await read(sources);
    if (!sources.parserWanted) return result;
  } catch (error) {
    if (!sources.parserWanted) throw error;
  }
  await loadPythonParser();
  return read(new SourceFiles(root));
}

export class SourceFiles {
  private readonly trees = new Map<string, Tree>();
  private readonly kinds = new Map<string, 'file' | 'dir' | 'none'>();
  private readonly texts = new Map<string, string | undefined>();
  /** A file was not in the parse cache before the parser was loaded (see withSourceFiles). */
  parserWanted = false;

  constructor(readonly root: string) {}

  /** Path relative to the root, forward slashes. */
  rel(abs: string): string {
    return relative(this.root, abs).split(sep).join('/');
  }

  abs(...parts: string[]): string {
    return join(this.root, ...parts);
  }

  /** Inside the project tree: what a deployed app has. */
  inTree(abs: string): boolean {
    const rel = relative(this.root, abs);
    return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  }

  isFile(abs: string): boolean {
    return this.kind(abs) === 'file';
  }

  isDir(abs: string): boolean {
    return this.kind(abs) === 'dir';
  }

  private kind(abs: string): 'file' | 'dir' | 'none' {
    let kind = this.kinds.get(abs);
    if (kind === undefined) {
      let stat;
      try {
        // No exception for a missing path: most lookups miss (every candidate of every import), and
        // building an error per miss was a tenth of the settings evaluation.
        stat = statSync(abs, { throwIfNoEntry: false });
      } catch {
        stat = undefined;
      }
      // A FIFO or a device where a module belongs is found, then refused by name when it is read:
      // "not found" would send the user looking for a file that is there.
      kind = !stat ? 'none' : stat.isDirectory() ? 'dir' : 'file';
      this.kinds.set(abs, kind);
    }
    return kind;
  }

  /** A text file of the tree (.env, settings.ini), undefined when it cannot be read. */
  readText(abs: string): string | undefined {
    if (!this.texts.has(abs)) {
      let text: string | undefined;
      try {
        text = readProjectText(abs, { root: this.root, display: this.rel(abs) });
      } catch (error) {
        if (error instanceof ProjectFileRefused) throw error;
        text = undefined;
      }
      this.texts.set(abs, text);
    }
    return this.texts.get(abs);
  }

  /** The syntax tree of a Python file; an InputError naming file and line when Python would reject it. */
  parse(abs: string): Tree {
    let tree = this.trees.get(abs);
    if (tree) return tree;
    const rel = this.rel(abs);
    let bytes: Buffer;
    try {
      bytes = readProjectBytes(abs, { root: this.root, display: rel, maxBytes: MAX_PYTHON_BYTES });
    } catch (error) {
      if (error instanceof ProjectFileRefused) throw error;
      throw new InputError(`${rel}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const decoded = decodePythonSource(bytes);
    if ('problem' in decoded) throw new InputError(`${rel}:${decoded.line}: ${decoded.problem}`);
    const parsed = parseNow(decoded.text);
    if (parsed === 'parser not loaded') {
      this.parserWanted = true;
      throw new ParserNotLoaded(`${rel} is not in the parse cache`);
    }
    if ('stopped' in parsed) {
      if (parsed.stopped === 'broken') throw new InputError(`${rel}:${parsed.line}: invalid Python syntax (near this line)`);
      throw new PythonTooLarge(rel, bytes.length);
    }
    tree = parsed.tree;
    const nesting = nestingProblem(tree);
    if (nesting) throw new InputError(`${rel}:${nesting.line}: invalid Python syntax (${nesting.message})`);
    if (tree.rootNode.hasError) {
      const bad = firstSyntaxError(tree.rootNode) ?? tree.rootNode;
      throw new InputError(`${rel}:${lineOf(bad)}: invalid Python syntax (${describe(bad)})`);
    }
    this.trees.set(abs, tree);
    return tree;
  }
}

function firstSyntaxError(node: Node): Node | undefined {
  // A loop, not recursion: the tree can be as deep as the file is long.
  let current: Node | undefined = node;
  while (current) {
    if (current.type === 'ERROR' || current.isMissing) return current;
    current = current.children.find((child) => child.hasError || child.isMissing);
  }
  return undefined;
}

/**
 * What is wrong, without quoting the source: the line may hold a secret. Punctuation and keywords are
 * safe to name; identifiers and literals are named by kind only.
 */
function describe(node: Node): string {
  if (node.isMissing) return node.isNamed ? `missing ${node.type.replace(/_/g, ' ')}` : `missing "${node.type}"`;
  let leaf: Node | null = node.childCount > 0 ? node.child(0) : null;
  while (leaf && leaf.childCount > 0) leaf = leaf.child(0);
  if (!leaf) return 'unexpected input';
  return leaf.isNamed ? `unexpected ${leaf.type.replace(/_/g, ' ')}` : `unexpected "${leaf.type}"`;
}
