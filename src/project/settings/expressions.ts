/** Evaluating Python expressions to values, as far as they can be known without running code. */
import type { SyntaxNode as Node } from './syntax-node.js';
import { PyDict, PyOpaque, PySet, PyTuple, Unknown, truthy, type PyValue } from '../python-value.js';
import { getAttribute, getItem, getSlice } from './attributes.js';
import { builtinValue } from './builtins.js';
import { invoke } from './calls.js';
import { evaluateComprehension } from './comprehensions.js';
import { lineOf, snippet, type CallArgs, type Frame } from './context.js';
import { iterate } from './iteration.js';
import { numberLiteral, stringLiteral } from './literals.js';
import { MUTATING_METHODS, ReceiverLost } from './methods.js';
import { behaviour } from './objects.js';
import { binaryOp, compare, negate, union } from './operators.js';
import { PyRaise } from './signals.js';
import { loseObject } from './aliases.js';
import { makeFunction } from './functions.js';
import { BoundMethod, asNumber, sameValue, toKey, typeName } from './values.js';
import { CallFrame } from './function-frame.js';
import { DERIVE, addPart, derived, envReadsIn, partList, itemProvenance, own, recordItem, recordItems, type Provenance } from './provenance.js';

/** Node kinds that compute something: an Unknown coming out of one may hide an exception. */
const OPERATIONS = new Set(['call', 'binary_operator', 'unary_operator', 'subscript', 'attribute', 'comparison_operator', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/**
 * The value of an expression. It also leaves in `ev.provenance` where that value came from: what the
 * node said (`own`), else what its parts were made from (provenance.ts).
 */
export function evaluate(frame: Frame, node: Node): PyValue {
  const ev = frame.ev;
  const budget = ev.budget;
  budget.step(node);
  budget.enter(node);
  const outerOwn = ev.ownProvenance;
  const outerParts = ev.provenanceParts;
  ev.ownProvenance = DERIVE;
  ev.provenanceParts = undefined;
  let value: PyValue;
  let provenance: Provenance | undefined;
  try {
    value = evaluateNode(frame, node);
    provenance = ev.ownProvenance === DERIVE ? derived(ev.provenanceParts) : ev.ownProvenance;
  } finally {
    budget.leave();
    ev.ownProvenance = outerOwn;
    ev.provenanceParts = outerParts;
  }
  ev.provenance = provenance;
  addPart(ev, provenance);
  if (!(value instanceof Unknown)) return value;
  if (OPERATIONS.has(node.type)) frame.ev.noteMayRaise();
  // Helpers that know no place (formatting, equality) leave it to the expression that used them.
  return value.file === undefined ? frame.unknown(value.reason, node) : value;
}

/** Named children without comments: tree-sitter puts comments anywhere. */
export function parts(node: Node): Node[] {
  return node.namedChildren.filter((c) => c.type !== 'comment');
}

function evaluateNode(frame: Frame, node: Node): PyValue {
  switch (node.type) {
    case 'identifier':
      return lookup(frame, node.text, node);
    case 'integer':
    case 'float':
      own(frame.ev, frame.literal(lineOf(node)));
      return numberLiteral(frame, node);
    case 'string':
    case 'concatenated_string': {
      const value = stringLiteral(frame, node, evaluate);
      // An f-string is made from its text and what it interpolates.
      const literal = frame.literal(lineOf(node));
      const parts = frame.ev.provenanceParts;
      own(frame.ev, parts ? derived([literal, ...partList(parts)]) : literal);
      return value;
    }
    case 'true':
    case 'false':
    case 'none':
      own(frame.ev, frame.literal(lineOf(node)));
      return node.type === 'true' ? true : node.type === 'false' ? false : null;
    case 'ellipsis':
      return new PyOpaque('Ellipsis');
    case 'parenthesized_expression':
      return evaluate(frame, parts(node)[0]!);
    case 'list':
      return display(frame, node, (items) => items);
    case 'tuple':
    case 'expression_list':
      return display(frame, node, (items) => new PyTuple(items));
    case 'set':
      return display(frame, node, (items) => new PySet(union([], items)));
    case 'dictionary':
      return dictionary(frame, node);
    case 'binary_operator': {
      const left = evaluate(frame, node.childForFieldName('left')!);
      const right = evaluate(frame, node.childForFieldName('right')!);
      return binaryOp(frame, node.childForFieldName('operator')!.type, left, right);
    }
    case 'unary_operator':
      return unary(frame, node);
    case 'not_operator':
      return negate(truthy(evaluate(frame, node.childForFieldName('argument')!)));
    case 'boolean_operator':
      return booleanOperator(frame, node);
    case 'comparison_operator':
      return comparison(frame, node);
    case 'conditional_expression':
      return conditional(frame, node);
    case 'attribute':
      return getAttribute(frame, evaluate(frame, node.childForFieldName('object')!), node.childForFieldName('attribute')!.text, node);
    case 'subscript':
      return subscript(frame, node);
    case 'call':
      return evaluateCall(frame, node);
    case 'list_comprehension':
    case 'set_comprehension':
    case 'dictionary_comprehension':
    case 'generator_expression':
      return evaluateComprehension(frame, node);
    case 'lambda':
      return makeFunction(frame, node);
    case 'list_splat':
      // Only reached through splattedCall(): the star belongs to the whole call.
      return evaluate(frame, parts(node)[0]!);
    case 'named_expression': {
      const value = evaluate(frame, node.childForFieldName('value')!);
      frame.scope.set(node.childForFieldName('name')!.text, value, frame.origin(), frame.ev.provenance);
      return value;
    }
    default:
      return frame.unknown(`a ${node.type.replace(/_/g, ' ')} expression`, node);
  }
}

function lookup(frame: Frame, name: string, node: Node): PyValue {
  const binding = frame.scope.lookup(name);
  own(frame.ev, binding?.provenance);
  if (binding) return binding.value;
  const builtin = builtinValue(name);
  if (builtin !== undefined) return builtin;
  const star = frame.scope.starSource();
  if (star) return frame.unknown(`${name} may come from \`from ${star} import *\``, node);
  throw new PyRaise('NameError', `name '${name}' is not defined`, frame.file, node.startPosition.row + 1);
}

/** tree-sitter reads `*f(x)` as a call of `*f`; Python, as a star applied to `f(x)`. */
function splattedCall(node: Node): boolean {
  return node.type === 'call' && node.childForFieldName('function')?.type === 'list_splat';
}

/** The expression a `*` spreads, when `node` is a starred item. */
function splatted(node: Node): Node | undefined {
  if (node.type === 'list_splat' || node.type === 'parenthesized_list_splat') return parts(node)[0];
  return splattedCall(node) ? node : undefined;
}

/**
 * Items of a list/tuple/set display, `*splat`s expanded; Unknown when a splat's length is. Each
 * item's provenance goes into `provenances`; the display itself is a literal of the code.
 */
function sequence(frame: Frame, node: Node, provenances: Array<Provenance | undefined> = []): PyValue[] | Unknown {
  const ev = frame.ev;
  const items: PyValue[] = [];
  for (const child of parts(node)) {
    const splat = splatted(child);
    if (splat) {
      const source = evaluate(frame, splat);
      const sourceProvenance = ev.provenance;
      const spread = iterate(frame, source, child);
      if (spread instanceof Unknown) return spread;
      ev.budget.allocate(spread.length, child);
      const fromList = Array.isArray(source) || source instanceof PyTuple;
      spread.forEach((item, i) => {
        items.push(item);
        provenances.push(fromList ? itemProvenance(source, i, sourceProvenance) : sourceProvenance);
      });
    } else {
      items.push(evaluate(frame, child));
      provenances.push(ev.provenance);
    }
  }
  ev.budget.allocate(items.length, node);
  own(ev, frame.literal(lineOf(node)));
  return items;
}

/** A list, tuple or set display: the container, with each item's record. */
function display(frame: Frame, node: Node, make: (items: PyValue[]) => PyValue): PyValue {
  const provenances: Array<Provenance | undefined> = [];
  const items = sequence(frame, node, provenances);
  if (items instanceof Unknown) return items;
  const value = make(items);
  if (!(value instanceof PySet)) recordItems(value, items, provenances);
  return value;
}

/** A dict display: a literal of the code, each key with where its value came from. */
function dictionary(frame: Frame, node: Node): PyValue {
  const ev = frame.ev;
  const dict = new PyDict();
  for (const child of parts(node)) {
    if (child.type === 'dictionary_splat') {
      const source = asMapping(frame, evaluate(frame, parts(child)[0]!));
      const sourceProvenance = ev.provenance;
      if (source instanceof Unknown) return source;
      if (!(source instanceof PyDict)) throw new PyRaise('TypeError', `'${typeName(source)}' object is not a mapping`, frame.file, frame.line);
      ev.budget.allocate(source.entries.size, child);
      for (const [k, v] of source.entries) {
        dict.entries.set(k, v);
        recordItem(dict, k, v, itemProvenance(source, k, sourceProvenance));
      }
    } else if (child.type === 'pair') {
      const key = evaluate(frame, child.childForFieldName('key')!);
      const value = evaluate(frame, child.childForFieldName('value')!);
      const provenance = ev.provenance;
      if (key instanceof Unknown) return key;
      const k = toKey(key);
      if (k === undefined) return frame.unknown(`a dict with a key of type ${typeName(key)}`, child);
      dict.entries.set(k, value);
      recordItem(dict, k, value, provenance);
    }
  }
  own(ev, frame.literal(lineOf(node)));
  return dict;
}

/** Library mappings (os.environ) as a dict; anything else as it is. */
function asMapping(frame: Frame, v: PyValue): PyValue {
  return behaviour(v)?.asMapping?.(frame) ?? v;
}

function unary(frame: Frame, node: Node): PyValue {
  const value = evaluate(frame, node.childForFieldName('argument')!);
  if (value instanceof Unknown) return value;
  const op = node.childForFieldName('operator')!.type;
  const n = asNumber(value);
  if (n === undefined) throw new PyRaise('TypeError', `bad operand type for unary ${op}: '${typeName(value)}'`, frame.file, frame.line);
  return op === '-' ? -n : op === '~' ? ~n : n;
}

/**
 * Evaluates an expression only Python might reach (the other arm of an undecided `and`/`or`/`if`):
 * its reads of the environment still count, an exception in it decides nothing.
 */
function maybeEvaluate(frame: Frame, node: Node): PyValue {
  frame.ev.speculative++;
  try {
    return evaluate(frame, node);
  } catch (error) {
    if (error instanceof PyRaise) return error.toUnknown();
    throw error;
  } finally {
    frame.ev.speculative--;
  }
}

/**
 * `a and b`, `a or b`. The value is one operand's, and so is its provenance; but `a or b` that falls
 * through to `b` is b made because a was empty: `os.environ.get('X') or 'default'` keeps the unset X.
 */
function booleanOperator(frame: Frame, node: Node): PyValue {
  const ev = frame.ev;
  const left = evaluate(frame, node.childForFieldName('left')!);
  const leftProvenance = ev.provenance;
  const isAnd = node.childForFieldName('operator')!.type === 'and';
  const t = truthy(left);
  if (t instanceof Unknown) {
    maybeEvaluate(frame, node.childForFieldName('right')!);
    return t;
  }
  if (t !== isAnd) {
    own(ev, leftProvenance);
    return left;
  }
  const right = evaluate(frame, node.childForFieldName('right')!);
  own(ev, isAnd ? ev.provenance : derived([leftProvenance, ev.provenance].filter((p) => p !== undefined)));
  return right;
}

function comparison(frame: Frame, node: Node): PyValue {
  const operands = parts(node);
  const operators = node.childrenForFieldName('operators').map((op) => op.text.replace(/\s+/g, ' '));
  let left = evaluate(frame, operands[0]!);
  let unknown: Unknown | undefined;
  for (let i = 0; i < operators.length; i++) {
    const right = evaluate(frame, operands[i + 1]!);
    const result = compare(frame, operators[i]!, left, right, node);
    if (result === false) return false;
    if (result instanceof Unknown) unknown ??= result;
    left = right;
  }
  return unknown ?? true;
}

function conditional(frame: Frame, node: Node): PyValue {
  const [body, condition, alternative] = parts(node);
  const t = truthy(evaluate(frame, condition!));
  // The value is the chosen branch's, not the condition's; but in a project helper
  // (`return default if value is None else value`) the variables the condition read decided it.
  if (t === true || t === false) {
    const decidedBy = frame instanceof CallFrame ? envReadsIn(frame.ev.provenance) : [];
    const value = evaluate(frame, t ? body! : alternative!);
    const chosen = frame.ev.provenance;
    own(frame.ev, decidedBy.length && chosen ? derived([chosen, ...decidedBy]) : chosen);
    return value;
  }
  const a = maybeEvaluate(frame, body!);
  const b = maybeEvaluate(frame, alternative!);
  return sameValue(a, b) ? a : frame.unknown(`depends on ${snippet(condition!)} (${frame.file}:${condition!.startPosition.row + 1})`, node);
}

function subscript(frame: Frame, node: Node): PyValue {
  const ev = frame.ev;
  const obj = evaluate(frame, node.childForFieldName('value')!);
  const objProvenance = ev.provenance;
  const keys = node.childrenForFieldName('subscript');
  if (keys.length === 1 && keys[0]!.type === 'slice') return getSlice(frame, obj, sliceBounds(frame, keys[0]!), node);
  const key = keys.length === 1 ? evaluate(frame, keys[0]!) : new PyTuple(keys.map((k) => evaluate(frame, k)));
  const value = getItem(frame, obj, key, node);
  // An item has its own record (os.environ's getItem says it was a read); else it is the container's.
  if (ev.ownProvenance === DERIVE) {
    const k = toKey(key);
    own(ev, k === undefined ? objProvenance : itemProvenance(obj, k, objProvenance));
  }
  return value;
}

/** [start, stop, step] of a slice node, undefined where omitted. */
export function sliceBounds(frame: Frame, node: Node): Array<PyValue | undefined> {
  const bounds: Array<PyValue | undefined> = [undefined, undefined, undefined];
  let position = 0;
  for (const child of node.children) {
    if (!child.isNamed && child.type === ':') position++;
    else if (child.isNamed && child.type !== 'comment') bounds[position] = evaluate(frame, child);
  }
  return bounds;
}

/** Positional and keyword arguments, splats expanded; Unknown when a splat cannot be. */
/** Positional and keyword arguments, splats expanded, each with its provenance; Unknown when a splat cannot be. */
export function evaluateArguments(frame: Frame, node: Node | null): CallArgs | Unknown {
  const ev = frame.ev;
  const args: CallArgs = { positional: [], keywords: new Map(), provenance: { positional: [], keywords: new Map() } };
  const provenance = args.provenance!;
  if (!node) return args;
  if (node.type === 'generator_expression') {
    args.positional.push(evaluate(frame, node));
    provenance.positional.push(ev.provenance);
    return args;
  }
  for (const child of parts(node)) {
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name')!.text;
      args.keywords.set(name, evaluate(frame, child.childForFieldName('value')!));
      provenance.keywords.set(name, ev.provenance);
    } else if (splatted(child)) {
      const source = evaluate(frame, splatted(child)!);
      const sourceProvenance = ev.provenance;
      const spread = iterate(frame, source, child);
      if (spread instanceof Unknown) return spread;
      ev.budget.allocate(spread.length, child);
      spread.forEach((item, i) => {
        args.positional.push(item);
        provenance.positional.push(Array.isArray(source) || source instanceof PyTuple ? itemProvenance(source, i, sourceProvenance) : sourceProvenance);
      });
    } else if (child.type === 'dictionary_splat') {
      const source = asMapping(frame, evaluate(frame, parts(child)[0]!));
      const sourceProvenance = ev.provenance;
      if (source instanceof Unknown) return source;
      if (!(source instanceof PyDict)) throw new PyRaise('TypeError', 'argument after ** must be a mapping', frame.file, frame.line);
      ev.budget.allocate(source.entries.size, child);
      for (const [k, v] of source.entries) {
        if (typeof k !== 'string') continue;
        args.keywords.set(k, v);
        provenance.keywords.set(k, itemProvenance(source, k, sourceProvenance));
      }
    } else {
      args.positional.push(evaluate(frame, child));
      provenance.positional.push(ev.provenance);
    }
  }
  return args;
}

/**
 * A call. Its value's provenance is what the callee said (a project function's return, an
 * environment read); else, for a library call, a CallSource made from the receiver, the arguments
 * and any variable the library read.
 */
function evaluateCall(frame: Frame, node: Node): PyValue {
  const ev = frame.ev;
  const fn = node.childForFieldName('function')!;
  const callee = evaluate(frame, fn);
  const calleeProvenance = ev.provenance;
  // The callee's own provenance is not a part of the value (a def, an import, a library object
  // like environ.Env()); a data receiver's is (`os.environ.get('HOSTS', '').split(',')`).
  ev.provenanceParts = callee instanceof BoundMethod && !(callee.self instanceof PyOpaque) ? calleeProvenance : undefined;
  const args = evaluateArguments(frame, node.childForFieldName('arguments'));
  if (args instanceof Unknown) return callee instanceof Unknown ? callee : args;
  const result = invoke(frame, callee, args, node);
  if (ev.ownProvenance === DERIVE) {
    const name = callee instanceof BoundMethod ? `${typeName(callee.self)}.${callee.method}` : callee instanceof PyOpaque ? callee.name : fn.text;
    own(ev, { kind: 'call', callee: name, file: frame.file, line: lineOf(node), args: partList(ev.provenanceParts) });
  }
  if (callee instanceof BoundMethod && MUTATING_METHODS.has(callee.method)) {
    const root = fn.type === 'attribute' ? rootName(fn.childForFieldName('object')!) : undefined;
    if (result instanceof ReceiverLost) {
      const unknown = new Unknown(result.reason, result.file, result.line);
      loseObject(frame, callee.self, unknown);
      if (root && frame.scope === frame.module.scope) frame.scope.set(root, unknown, frame.origin());
    } else if (root && frame.scope === frame.module.scope) {
      frame.scope.touch(root, frame.origin());
    }
  }
  return result instanceof ReceiverLost ? new Unknown(result.reason, result.file, result.line) : result;
}

/** The name at the root of `a.b[c].d`: the binding a change through it belongs to. */
export function rootName(node: Node): string | undefined {
  let current: Node | null = node;
  while (current && (current.type === 'subscript' || current.type === 'attribute' || current.type === 'parenthesized_expression')) {
    current = current.type === 'subscript' ? current.childForFieldName('value') : current.type === 'attribute' ? current.childForFieldName('object') : parts(current)[0] ?? null;
  }
  return current?.type === 'identifier' ? current.text : undefined;
}
