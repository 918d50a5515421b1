/**
 * Nesting Python itself refuses: more than 200 open brackets ("too many nested parentheses", from
 * the tokenizer), or expressions nested so deeply that the compiler runs out of recursion (a sum of
 * 20,000 terms). Checked once per parsed file, without recursion, so that nothing walking the tree
 * afterwards (the evaluator, the rules) meets a depth the JS stack cannot take.
 */
import type { SyntaxTree as Tree } from './syntax-node.js';
import { grouped } from '../../core/grouped.js';

/** CPython's tokenizer limit on open brackets (MAXLEVEL). */
const MAX_BRACKETS = 200;
/** CPython 3.11 compiles about 2,500 nested operations and fails at 3,000 (recursion limit × 3). */
const MAX_DEPTH = 3_000;

/** Nodes the grammar may wrap around one token without consuming another (expression → primary → …). */
const UNIT_CHAIN = 5;

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

export interface NestingProblem {
  line: number;
  message: string;
}

export function nestingProblem(tree: Tree): NestingProblem | undefined {
  const cursor = tree.walk();
  try {
    let brackets = 0;
    for (;;) {
      const type = cursor.nodeType;
      if (OPEN.has(type)) {
        if (++brackets > MAX_BRACKETS) return { line: cursor.startPosition.row + 1, message: 'too many nested parentheses (Python allows 200)' };
      } else if (CLOSE.has(type)) {
        brackets = Math.max(0, brackets - 1);
      }
      if (cursor.currentDepth > MAX_DEPTH) {
        return { line: cursor.startPosition.row + 1, message: `expressions nested more than ${grouped(MAX_DEPTH)} levels deep, which Python cannot compile (RecursionError)` };
      }
      // A string is one token for Python's bracket count: its quotes and braces are not brackets.
      // A short node cannot hold either problem (each level of nesting takes at least one token):
      // skipping those keeps this cheap on a file of many short statements.
      const length = cursor.endIndex - cursor.startIndex;
      const short = brackets + length <= MAX_BRACKETS && cursor.currentDepth + length * UNIT_CHAIN < MAX_DEPTH;
      if (type !== 'string' && !short && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return undefined;
      }
    }
  } finally {
    cursor.delete();
  }
}
