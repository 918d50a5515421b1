/**
 * tree-sitter's syntax tree copied out of its WebAssembly memory into one flat array, and read back as
 * SyntaxNode objects. The copy is what the parse cache keeps (parse-cache.ts), so a run whose Python
 * files are all in the cache never loads the parser: its runtime, grammar and first parse were a
 * third of `implanta check`'s start. Every reader gets the frozen tree, from the cache or not, so a
 * cached run and a fresh one read the same thing.
 *
 * Layout, one row of NODE_INTS per node in source order (a node, then its descendants):
 * type, field (+1; 0 for none), flags, start and end index, the row after its last descendant, its
 * parent's row (-1 for the root). Rows and columns are not kept: they follow from the offsets and the
 * text (tree-sitter counts rows by '\n' and columns in the string's code units).
 */
import type { Tree as LiveTree } from 'web-tree-sitter';
import type { Point, SyntaxCursor, SyntaxNode, SyntaxTree } from './syntax-node.js';

const NODE_INTS = 7;
const TYPE = 0;
const FIELD = 1;
const FLAGS = 2;
const START = 3;
const END = 4;
const SUBTREE_END = 5;
const PARENT = 6;

const NAMED = 1;
const MISSING = 2;
const ERROR = 4;
const HAS_ERROR = 8;

/** File header: magic, format, node count, source length (UTF-16 units), source bytes, table bytes. */
const MAGIC = 0x54504d49; // "IMPT"
/** Bumped whenever the layout or what a row means changes: older cache files are then misses. */
export const FROZEN_FORMAT = 2;
const HEADER_INTS = 8;

/** Copies a parsed tree into the flat form (walked with a cursor, without recursion). */
export function freezeTree(tree: LiveTree, source: string): Buffer {
  const types: string[] = [];
  const typeIndex = new Map<string, number>();
  const fields: string[] = [];
  const fieldIndex = new Map<string, number>();
  const indexOf = (name: string, list: string[], index: Map<string, number>): number => {
    let found = index.get(name);
    if (found === undefined) {
      found = list.length;
      list.push(name);
      index.set(name, found);
    }
    return found;
  };
  // Each cursor call copies the cursor in and out of the parser's WebAssembly memory: what can be
  // known without one is. Per grammar symbol: its name and whether it is named. Per node: no
  // positions (they follow from the offsets), "missing" asked only of an empty node, the only kind that can be, and "has an error" only of a
  // node whose parent has one (a hidden MISSING node can make it so with no visible node in error).
  const language = tree.language;
  const symbols = new Map<number, { type: number; flags: number }>();
  const symbol = (id: number): { type: number; flags: number } => {
    let known = symbols.get(id);
    if (!known) {
      const name = language.types[id] || 'ERROR';
      known = { type: indexOf(name, types, typeIndex), flags: (language.nodeTypeIsNamed(id) ? NAMED : 0) | (name === 'ERROR' ? ERROR : 0) };
      symbols.set(id, known);
    }
    return known;
  };
  let rows = new Int32Array(NODE_INTS * 1024);
  let count = 0;
  const parents: number[] = [];
  const cursor = tree.walk();
  try {
    for (;;) {
      if ((count + 1) * NODE_INTS > rows.length) {
        const grown = new Int32Array(rows.length * 2);
        grown.set(rows);
        rows = grown;
      }
      const row = count * NODE_INTS;
      const { type, flags } = symbol(cursor.nodeTypeId);
      const field = language.fields[cursor.currentFieldId];
      const start = cursor.startIndex;
      const end = cursor.endIndex;
      const missing = start === end && cursor.nodeIsMissing;
      const parent = parents.length ? parents[parents.length - 1]! : -1;
      const inError = (parent < 0 || (rows[parent * NODE_INTS + FLAGS]! & HAS_ERROR) !== 0) && cursor.currentNode.hasError;
      rows[row + TYPE] = type;
      rows[row + FIELD] = field ? indexOf(field, fields, fieldIndex) + 1 : 0;
      rows[row + FLAGS] = flags | (missing ? MISSING : 0) | (inError ? HAS_ERROR : 0);
      rows[row + START] = start;
      rows[row + END] = end;
      rows[row + PARENT] = parent;
      count++;
      if (cursor.gotoFirstChild()) {
        parents.push(count - 1);
        continue;
      }
      rows[row + SUBTREE_END] = count;
      for (;;) {
        if (cursor.gotoNextSibling()) break;
        if (!cursor.gotoParent()) return encode(source, types, fields, rows.subarray(0, count * NODE_INTS), count);
        rows[parents.pop()! * NODE_INTS + SUBTREE_END] = count;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Where each row of the text starts. */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** The row an offset is on: the last line start at or before it. */
function rowOf(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function encode(source: string, types: string[], fields: string[], rows: Int32Array, count: number): Buffer {
  // UTF-16, as the string holds it: UTF-8 would turn a lone surrogate into U+FFFD, another text.
  const sourceBytes = source.length * 2;
  const table = JSON.stringify([types, fields]);
  const tableBytes = Buffer.byteLength(table, 'utf8');
  const sourceAt = HEADER_INTS * 4;
  const tableAt = align(sourceAt + sourceBytes);
  const rowsAt = align(tableAt + tableBytes);
  const out = Buffer.alloc(rowsAt + rows.byteLength);
  const header = new Int32Array(out.buffer, out.byteOffset, HEADER_INTS);
  header.set([MAGIC, FROZEN_FORMAT, count, source.length, sourceBytes, tableBytes, 0, 0]);
  out.write(source, sourceAt, 'utf16le');
  out.write(table, tableAt, 'utf8');
  Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength).copy(out, rowsAt);
  return out;
}

const align = (offset: number): number => (offset + 3) & ~3;

/**
 * The tree in `bytes` when they are a whole, consistent frozen tree of exactly `source`; undefined
 * otherwise (another format, a truncated or damaged file, another text that hashed the same).
 */
export function thawTree(bytes: Uint8Array, source: string): SyntaxTree | undefined {
  if (bytes.byteLength < HEADER_INTS * 4) return undefined;
  // An Int32Array view needs a 4-byte aligned start: a Buffer from the pool may not have one.
  const data = bytes.byteOffset % 4 === 0 ? bytes : Uint8Array.prototype.slice.call(bytes);
  const header = new Int32Array(data.buffer, data.byteOffset, HEADER_INTS);
  const [magic, format, count, units, sourceBytes, tableBytes] = header as unknown as number[];
  if (magic !== MAGIC || format !== FROZEN_FORMAT || units !== source.length || count! < 1) return undefined;
  const sourceAt = HEADER_INTS * 4;
  const tableAt = align(sourceAt + sourceBytes!);
  const rowsAt = align(tableAt + tableBytes!);
  if (sourceBytes !== units! * 2 || tableBytes! < 0 || rowsAt + count! * NODE_INTS * 4 !== data.byteLength) return undefined;
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (text.toString('utf16le', sourceAt, sourceAt + sourceBytes!) !== source) return undefined;
  let types: unknown;
  let fields: unknown;
  try {
    [types, fields] = JSON.parse(text.toString('utf8', tableAt, tableAt + tableBytes!)) as unknown[];
  } catch {
    return undefined;
  }
  if (!isStrings(types) || !isStrings(fields)) return undefined;
  const rows = new Int32Array(data.buffer, data.byteOffset + rowsAt, count! * NODE_INTS);
  if (!consistent(rows, count!, types.length, fields.length, units!)) return undefined;
  return new FrozenTree(source, rows, count!, types, fields);
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Every row points inside the tree and the text, and every subtree sits inside its parent's. */
function consistent(rows: Int32Array, count: number, types: number, fields: number, units: number): boolean {
  for (let i = 0; i < count; i++) {
    const row = i * NODE_INTS;
    const parent = rows[row + PARENT]!;
    const end = rows[row + SUBTREE_END]!;
    if (rows[row + TYPE]! < 0 || rows[row + TYPE]! >= types || rows[row + FIELD]! < 0 || rows[row + FIELD]! > fields) return false;
    if (rows[row + START]! < 0 || rows[row + START]! > rows[row + END]! || rows[row + END]! > units) return false;
    if (end <= i || end > count) return false;
    if (i === 0 ? parent !== -1 || end !== count : parent < 0 || parent >= i || end > rows[parent * NODE_INTS + SUBTREE_END]!) return false;
    // Rows run node, then its descendants: a node after its parent's last descendant is not its child.
    if (i > 0 && i >= rows[parent * NODE_INTS + SUBTREE_END]!) return false;
  }
  return true;
}

/** Node ids are unique across trees: each tree takes the next block of numbers. */
let nextId = 1;

class FrozenTree implements SyntaxTree {
  readonly firstId: number;
  private readonly nodes: Array<FrozenNode | undefined>;
  private readonly typeIndexes = new Map<string, number>();
  private readonly fieldIndexes = new Map<string, number>();
  private lineStarts?: number[];

  constructor(
    readonly source: string,
    readonly rows: Int32Array,
    count: number,
    readonly types: string[],
    readonly fields: string[],
  ) {
    this.firstId = nextId;
    nextId += count;
    this.nodes = new Array<FrozenNode | undefined>(count);
    types.forEach((type, i) => this.typeIndexes.set(type, i));
    fields.forEach((field, i) => this.fieldIndexes.set(field, i + 1));
  }

  get rootNode(): FrozenNode {
    return this.node(0);
  }

  walk(): SyntaxCursor {
    return new FrozenCursor(this, 0);
  }

  /** One object per node, so the same node is always the same object. */
  node(row: number): FrozenNode {
    return (this.nodes[row] ??= new FrozenNode(this, row));
  }

  at(row: number, column: number): number {
    return this.rows[row * NODE_INTS + column]!;
  }

  /** The row and column of an offset, from where each line starts (worked out on the first ask). */
  position(offset: number): Point {
    const starts = (this.lineStarts ??= lineStarts(this.source));
    const row = rowOf(starts, offset);
    return { row, column: offset - starts[row]! };
  }

  typeIndex(type: string): number | undefined {
    return this.typeIndexes.get(type);
  }

  fieldIndex(field: string): number | undefined {
    return this.fieldIndexes.get(field);
  }
}

class FrozenNode implements SyntaxNode {
  private childList?: FrozenNode[];
  private namedList?: FrozenNode[];

  constructor(
    readonly tree: FrozenTree,
    readonly row: number,
  ) {}

  get id(): number {
    return this.tree.firstId + this.row;
  }
  get type(): string {
    return this.tree.types[this.tree.at(this.row, TYPE)]!;
  }
  private flag(bit: number): boolean {
    return (this.tree.at(this.row, FLAGS) & bit) !== 0;
  }
  get isNamed(): boolean {
    return this.flag(NAMED);
  }
  get isMissing(): boolean {
    return this.flag(MISSING);
  }
  get isError(): boolean {
    return this.flag(ERROR);
  }
  get hasError(): boolean {
    return this.flag(HAS_ERROR);
  }
  get startIndex(): number {
    return this.tree.at(this.row, START);
  }
  get endIndex(): number {
    return this.tree.at(this.row, END);
  }
  get startPosition(): Point {
    return this.tree.position(this.startIndex);
  }
  get endPosition(): Point {
    return this.tree.position(this.endIndex);
  }
  get text(): string {
    return this.tree.source.slice(this.startIndex, this.endIndex);
  }
  get parent(): FrozenNode | null {
    const parent = this.tree.at(this.row, PARENT);
    return parent < 0 ? null : this.tree.node(parent);
  }
  /** The same array on every read, as web-tree-sitter's: not to be changed by the reader. */
  get children(): FrozenNode[] {
    if (!this.childList) {
      const list: FrozenNode[] = [];
      const end = this.tree.at(this.row, SUBTREE_END);
      for (let row = this.row + 1; row < end; row = this.tree.at(row, SUBTREE_END)) list.push(this.tree.node(row));
      this.childList = list;
    }
    return this.childList;
  }
  get namedChildren(): FrozenNode[] {
    return (this.namedList ??= this.children.filter((child) => child.isNamed));
  }
  get childCount(): number {
    return this.children.length;
  }
  get namedChildCount(): number {
    return this.namedChildren.length;
  }
  child(index: number): FrozenNode | null {
    return this.children[index] ?? null;
  }
  childForFieldName(fieldName: string): FrozenNode | null {
    const field = this.tree.fieldIndex(fieldName);
    if (field === undefined) return null;
    return this.children.find((child) => this.tree.at(child.row, FIELD) === field) ?? null;
  }
  childrenForFieldName(fieldName: string): FrozenNode[] {
    const field = this.tree.fieldIndex(fieldName);
    if (field === undefined) return [];
    return this.children.filter((child) => this.tree.at(child.row, FIELD) === field);
  }
  descendantsOfType(types: string | string[]): FrozenNode[] {
    const wanted = new Set<number>();
    for (const type of typeof types === 'string' ? [types] : types) {
      const index = this.tree.typeIndex(type);
      if (index !== undefined) wanted.add(index);
    }
    const found: FrozenNode[] = [];
    if (wanted.size === 0) return found;
    const end = this.tree.at(this.row, SUBTREE_END);
    for (let row = this.row; row < end; row++) if (wanted.has(this.tree.at(row, TYPE))) found.push(this.tree.node(row));
    return found;
  }
  equals(other: SyntaxNode): boolean {
    return other instanceof FrozenNode && other.tree === this.tree && other.row === this.row;
  }
  walk(): SyntaxCursor {
    return new FrozenCursor(this.tree, this.row);
  }
}

/** A cursor over the rows: its depth is counted from the node it started at, as tree-sitter's. */
class FrozenCursor implements SyntaxCursor {
  private row: number;
  private readonly path: number[] = [];

  constructor(
    private readonly tree: FrozenTree,
    private readonly top: number,
  ) {
    this.row = top;
  }

  get currentNode(): FrozenNode {
    return this.tree.node(this.row);
  }
  get nodeType(): string {
    return this.currentNode.type;
  }
  get currentFieldName(): string | null {
    const field = this.tree.at(this.row, FIELD);
    return this.row === this.top || field === 0 ? null : this.tree.fields[field - 1]!;
  }
  get currentDepth(): number {
    return this.path.length;
  }
  get startIndex(): number {
    return this.currentNode.startIndex;
  }
  get endIndex(): number {
    return this.currentNode.endIndex;
  }
  get startPosition(): Point {
    return this.currentNode.startPosition;
  }
  gotoFirstChild(): boolean {
    if (this.tree.at(this.row, SUBTREE_END) === this.row + 1) return false;
    this.path.push(this.row);
    this.row++;
    return true;
  }
  gotoNextSibling(): boolean {
    if (this.path.length === 0) return false;
    const next = this.tree.at(this.row, SUBTREE_END);
    if (next >= this.tree.at(this.path[this.path.length - 1]!, SUBTREE_END)) return false;
    this.row = next;
    return true;
  }
  gotoParent(): boolean {
    if (this.path.length === 0) return false;
    this.row = this.path.pop()!;
    return true;
  }
  delete(): void {
    // Nothing to free: the rows are JavaScript memory.
  }
}
