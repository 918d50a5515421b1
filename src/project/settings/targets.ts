/** Assignment targets: names, unpacking, items and attributes; `+=` and friends; `del`. */
import type { SyntaxNode as Node } from './syntax-node.js';
import { PyTuple, Unknown, type PyValue } from '../python-value.js';
import { deleteItem, getAttribute, getItem, setAttribute, setItem } from './attributes.js';
import { loseObject } from './aliases.js';
import type { Frame } from './context.js';
import { evaluate, parts, rootName, sliceBounds } from './expressions.js';
import { iterate } from './iteration.js';
import { inplaceOp } from './operators.js';
import { PyRaise } from './signals.js';
import { derived, itemProvenance, itemProvenances, type Provenance } from './provenance.js';
import { toKey } from './values.js';

const SEQUENCE_TARGETS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'expression_list', 'tuple', 'list']);
const STARRED = new Set(['list_splat_pattern', 'list_splat']);

/** `target = value`; `provenance` is what the value was made from (provenance.ts). */
export function assignTarget(frame: Frame, target: Node, value: PyValue, provenance?: Provenance): void {
  if (target.type === 'identifier') {
    frame.scope.set(target.text, value, frame.origin(), provenance);
  } else if (target.type === 'parenthesized_expression') {
    assignTarget(frame, parts(target)[0]!, value, provenance);
  } else if (SEQUENCE_TARGETS.has(target.type)) {
    const elements = parts(target);
    const parenthesizedName = target.type === 'tuple_pattern' && elements.length === 1 && !target.children.some((c) => c.type === ',');
    if (parenthesizedName) assignTarget(frame, elements[0]!, value, provenance);
    else unpack(frame, target, elements, value, provenance);
  } else if (target.type === 'subscript') {
    assignItem(frame, target, value, provenance);
  } else if (target.type === 'attribute') {
    const obj = evaluate(frame, target.childForFieldName('object')!);
    if (!setAttribute(obj, target.childForFieldName('attribute')!.text, value, frame, provenance)) loseRoot(frame, target, 'sets an attribute the evaluator does not model');
    else touchRoot(frame, target);
  }
}

/** `a, *rest, b = value`: each name gets its item's provenance. */
function unpack(frame: Frame, target: Node, elements: Node[], value: PyValue, provenance: Provenance | undefined): void {
  const items = iterate(frame, value, target);
  if (items instanceof Unknown) {
    for (const element of elements) assignTarget(frame, STARRED.has(element.type) ? parts(element)[0]! : element, items);
    return;
  }
  const provenances = Array.isArray(value) || value instanceof PyTuple ? itemProvenances(value, provenance) : items.map(() => provenance);
  const star = elements.findIndex((e) => STARRED.has(e.type));
  const after = star < 0 ? 0 : elements.length - star - 1;
  const fixed = star < 0 ? elements.length : elements.length - 1;
  if (star < 0 ? items.length !== fixed : items.length < fixed) {
    const message = items.length > fixed ? `too many values to unpack (expected ${fixed})` : `not enough values to unpack (expected ${fixed}, got ${items.length})`;
    throw new PyRaise('ValueError', message, frame.file, frame.line);
  }
  elements.forEach((element, i) => {
    if (i === star) assignTarget(frame, parts(element)[0]!, items.slice(star, items.length - after));
    else {
      const at = star >= 0 && i > star ? items.length - (elements.length - i) : i;
      assignTarget(frame, element, items[at]!, provenances[at]);
    }
  });
}

function subscriptKey(frame: Frame, target: Node): PyValue | 'slice' {
  const keys = target.childrenForFieldName('subscript');
  if (keys.length === 1 && keys[0]!.type === 'slice') return 'slice';
  return keys.length === 1 ? evaluate(frame, keys[0]!) : new PyTuple(keys.map((k) => evaluate(frame, k)));
}

function assignItem(frame: Frame, target: Node, value: PyValue, provenance: Provenance | undefined): void {
  const obj = evaluate(frame, target.childForFieldName('value')!);
  const key = subscriptKey(frame, target);
  if (key === 'slice') {
    sliceBounds(frame, target.childrenForFieldName('subscript')[0]!);
    loseObject(frame, obj, frame.unknown('assigns to a slice', target));
    loseRoot(frame, target, 'assigns to a slice');
    return;
  }
  if (setItem(frame, obj, key, value, target, provenance)) touchRoot(frame, target);
  else {
    loseObject(frame, obj, frame.unknown('sets an item under a key that is not known', target));
    loseRoot(frame, target, 'sets an item under a key that is not known');
  }
}

/** A change through `a.b[c]` makes the statement the origin of `a`. */
function touchRoot(frame: Frame, target: Node): void {
  const root = rootName(target);
  if (root) frame.scope.touch(root, frame.origin());
}

/** The change cannot be modelled: the whole value under the root name becomes unknown. */
function loseRoot(frame: Frame, target: Node, reason: string): void {
  const root = rootName(target);
  if (root && frame.scope.lookup(root)) frame.scope.set(root, frame.unknown(reason, target), frame.origin());
}

/** `target op= value`: lists, dicts and sets change in place, everything else is rebound. */
export function augmentedAssign(frame: Frame, target: Node, op: string, value: PyValue, provenance?: Provenance): void {
  const ev = frame.ev;
  const both = (before: Provenance | undefined) => derived([before, provenance].filter((p): p is Provenance => p !== undefined));
  if (target.type === 'identifier') {
    const before = evaluate(frame, target);
    const beforeProvenance = ev.provenance;
    frame.scope.set(target.text, inplaceOp(frame, op, before, value), frame.origin(), both(beforeProvenance));
  } else if (target.type === 'subscript') {
    const obj = evaluate(frame, target.childForFieldName('value')!);
    const objProvenance = ev.provenance;
    const key = subscriptKey(frame, target);
    if (key === 'slice') return loseRoot(frame, target, 'changes a slice');
    const result = inplaceOp(frame, op, getItem(frame, obj, key, target), value);
    const k = toKey(key);
    const itemBefore = k === undefined ? objProvenance : itemProvenance(obj, k, objProvenance);
    if (setItem(frame, obj, key, result, target, both(itemBefore))) touchRoot(frame, target);
    else {
      loseObject(frame, obj, frame.unknown('changes an item under a key that is not known', target));
      loseRoot(frame, target, 'changes an item under a key that is not known');
    }
  } else if (target.type === 'attribute') {
    const obj = evaluate(frame, target.childForFieldName('object')!);
    const name = target.childForFieldName('attribute')!.text;
    const result = inplaceOp(frame, op, getAttribute(frame, obj, name, target), value);
    if (setAttribute(obj, name, result, frame)) touchRoot(frame, target);
    else loseRoot(frame, target, 'changes an attribute the evaluator does not model');
  }
}

export function deleteTarget(frame: Frame, target: Node): void {
  if (target.type === 'identifier') {
    if (!frame.scope.delete(target.text)) throw new PyRaise('NameError', `name '${target.text}' is not defined`, frame.file, frame.line);
  } else if (SEQUENCE_TARGETS.has(target.type) || target.type === 'parenthesized_expression') {
    for (const element of parts(target)) deleteTarget(frame, element);
  } else if (target.type === 'subscript') {
    const obj = evaluate(frame, target.childForFieldName('value')!);
    const key = subscriptKey(frame, target);
    if (key !== 'slice' && deleteItem(frame, obj, key, target)) touchRoot(frame, target);
    else {
      loseObject(frame, obj, frame.unknown('deletes an item under a key that is not known', target));
      loseRoot(frame, target, 'deletes an item under a key that is not known');
    }
  } else if (target.type === 'attribute') {
    loseRoot(frame, target, 'deletes an attribute');
  }
}
