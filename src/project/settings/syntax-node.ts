/**
 * The part of tree-sitter's syntax tree that implanta reads. Every tree the readers get is a frozen
 * one (frozen-tree.ts): tree-sitter's own, copied out of its WebAssembly memory once, so that the
 * same tree can come from the parse cache (parse-cache.ts) on the next run without loading the parser.
 * Names and meanings are web-tree-sitter's, so a reader written against its documentation reads this.
 */
export interface Point {
  /** Zero-based. */
  row: number;
  /** Zero-based, in UTF-16 code units, as web-tree-sitter counts a JavaScript string. */
  column: number;
}

export interface SyntaxNode {
  /** Unique among the nodes of the trees alive in this process. */
  readonly id: number;
  readonly tree: SyntaxTree;
  readonly type: string;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly isError: boolean;
  /** This node or one below it is an ERROR or MISSING node. */
  readonly hasError: boolean;
  /** Offsets into the source string (UTF-16 code units). */
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly endPosition: Point;
  readonly text: string;
  readonly parent: SyntaxNode | null;
  readonly children: SyntaxNode[];
  readonly namedChildren: SyntaxNode[];
  readonly childCount: number;
  readonly namedChildCount: number;
  child(index: number): SyntaxNode | null;
  childForFieldName(fieldName: string): SyntaxNode | null;
  childrenForFieldName(fieldName: string): SyntaxNode[];
  /** This node's descendants of these types, itself included, in source order. */
  descendantsOfType(types: string | string[]): SyntaxNode[];
  equals(other: SyntaxNode): boolean;
  walk(): SyntaxCursor;
}

export interface SyntaxTree {
  readonly rootNode: SyntaxNode;
  walk(): SyntaxCursor;
}

/** A walk over a tree without recursion (nesting.ts reads trees as deep as the file is long). */
export interface SyntaxCursor {
  readonly nodeType: string;
  readonly currentNode: SyntaxNode;
  readonly currentFieldName: string | null;
  readonly currentDepth: number;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete(): void;
}
