import { join } from 'node:path';
import type { SyntaxTree as Tree } from './settings/syntax-node.js';
import { ProjectFileRefused, readProjectText, sizeLabel } from './project-file.js';
import { PARSE_CAP_NODES, parsePython } from './settings/parser.js';

/**
 * Model, view and URLconf modules are small; a larger file is not one, and parsing costs about a second
 * per megabyte. A stranger's repository may hold anything under those names.
 */
export const MAX_CODE_FILE_BYTES = 1024 * 1024;

export type ParsedSource = { file: string; tree: Tree } | { file: string; unreadable: string };

/**
 * The project's Python modules that `check` reads beyond the settings (models, views, URLconfs, the
 * CSRF failure view), each read through the safe reader and parsed once per check, however many facts
 * are drawn from it.
 */
export class PythonSources {
  private readonly parsed = new Map<string, Promise<ParsedSource>>();

  constructor(readonly root: string) {}

  /** `file` is relative to the root, with forward slashes. */
  parse(file: string): Promise<ParsedSource> {
    let pending = this.parsed.get(file);
    if (!pending) {
      pending = this.read(file);
      this.parsed.set(file, pending);
    }
    return pending;
  }

  private async read(file: string): Promise<ParsedSource> {
    let source: string;
    try {
      source = readProjectText(join(this.root, file), { root: this.root, display: file, maxBytes: MAX_CODE_FILE_BYTES });
    } catch (error) {
      if (error instanceof ProjectFileRefused) return { file, unreadable: error.why };
      return { file, unreadable: (error as NodeJS.ErrnoException).code ?? 'error' };
    }
    const tree = await parsePython(source);
    // Past the parser's cap (parser.ts): no hand-written models or URLs module is that large.
    return tree ? { file, tree } : { file, unreadable: `too large to parse, ${sizeLabel(Buffer.byteLength(source))} (${PARSE_CAP_NODES} syntax nodes)` };
  }
}
