import type { SyntaxNode as Node } from './syntax-node.js';
import { PyDict, PyOpaque, Unknown, sequenceItems, type PyValue } from '../python-value.js';
import type { Frame } from './context.js';
import { PyRaise } from './signals.js';
import { firstUnknown, typeName } from './values.js';

/**
 * Beyond this many items one loop or comprehension is not followed: settings never need that many.
 * The evaluation's budget (budget.ts) bounds all of them together.
 */
export const ITERATION_LIMIT = 10_000;

/** Iterable objects of the libraries (os.environ) list their items through this. */
export interface Iterable {
  iterate(frame: Frame, node: Node): PyValue[] | Unknown;
}

/** What `for x in v` walks through; Unknown when the items are not all known to exist. */
export function iterate(frame: Frame, v: PyValue, node: Node): PyValue[] | Unknown {
  if (v instanceof Unknown) return v;
  if (typeof v === 'string') {
    frame.ev.budget.allocate(v.length, node);
    return [...v];
  }
  if (v instanceof PyDict) {
    frame.ev.budget.allocate(v.entries.size, node);
    return [...v.entries.keys()];
  }
  const items = sequenceItems(v);
  if (items) return items;
  if (v instanceof PyOpaque && typeof (v as Partial<Iterable>).iterate === 'function') return (v as PyOpaque & Iterable).iterate(frame, node);
  throw new PyRaise('TypeError', `'${typeName(v)}' object is not iterable`, frame.file, frame.line);
}

/** Like `iterate`, but Unknown too when any item is unknown: for results that need every item. */
export function iterateKnown(frame: Frame, v: PyValue, node: Node): PyValue[] | Unknown {
  const items = iterate(frame, v, node);
  if (items instanceof Unknown) return items;
  return firstUnknown(items) ?? items;
}
