/** Evaluating Python expressions to values, as far as they can be known without running code. */
import type { Node } from 'web-tree-sitter';
import { PyDict, PyOpaque, PySet, PyTuple, Unknown, truthy, type PyValue } from '../python-value.js';
import { getAttribute, getItem, getSlice } from './attributes.js';
import { builtinValue } from './builtins.js';
import { invoke } from './calls.js';
import { evaluateComprehension } from './comprehensions.js';
import { snippet, type CallArgs, type Frame } from './context.js';
import { iterate } from './iteration.js';
import { numberLiteral, stringLiteral } from './literals.js';
import { MUTATING_METHODS, ReceiverLost } from './methods.js';
import { behaviour } from './objects.js';
import { binaryOp, compare, negate, union } from './operators.js';
import { PyRaise } from './signals.js';
import { loseObject } from './aliases.js';
import { makeFunction } from './functions.js';
import { BoundMethod, asNumber, sameValue, toKey, typeName } from './values.js';

/** Node kinds that compute something: an Unknown coming out of one may hide an exception. */
const OPERATIONS = new Set(['call', 'binary_operator', 'unary_operator', 'subscript', 'attribute', 'comparison_operator', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

export function evaluate(frame: Frame, node: Node): PyValue {
  const budget = frame.ev.budget;
  budget.step(node);
  budget.enter(node);
  let value: PyValue;
  try {
    value = evaluateNode(frame, node);
  } finally {
    budget.leave();
  }
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
      return numberLiteral(frame, node);
    case 'string':
    case 'concatenated_string':
      return stringLiteral(frame, node, evaluate);
    case 'true':
      return true;
    case 'false':
      return false;
    case 'none':
      return null;
    case 'ellipsis':
      return new PyOpaque('Ellipsis');
    case 'parenthesized_expression':
      return evaluate(frame, parts(node)[0]!);
    case 'list':
      return sequence(frame, node);
    case 'tuple':
    case 'expression_list': {
      const items = sequence(frame, node);
      return items instanceof Unknown ? items : new PyTuple(items);
    }
    case 'set': {
      const items = sequence(frame, node);
      return items instanceof Unknown ? items : new PySet(union([], items));
    }
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
      frame.scope.set(node.childForFieldName('name')!.text, value, frame.origin());
      return value;
    }
    default:
      return frame.unknown(`a ${node.type.replace(/_/g, ' ')} expression`, node);
  }
}

function lookup(frame: Frame, name: string, node: Node): PyValue {
  const binding = frame.scope.lookup(name);
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

/** Items of a list/tuple/set display, `*splat`s expanded; Unknown when a splat's length is. */
function sequence(frame: Frame, node: Node): PyValue[] | Unknown {
  const items: PyValue[] = [];
  for (const child of parts(node)) {
    const splat = splatted(child);
    if (splat) {
      const spread = iterate(frame, evaluate(frame, splat), child);
      if (spread instanceof Unknown) return spread;
      frame.ev.budget.allocate(spread.length, child);
      for (const item of spread) items.push(item);
    } else {
      items.push(evaluate(frame, child));
    }
  }
  frame.ev.budget.allocate(items.length, node);
  return items;
}

function dictionary(frame: Frame, node: Node): PyValue {
  const dict = new PyDict();
  for (const child of parts(node)) {
    if (child.type === 'dictionary_splat') {
      const source = asMapping(frame, evaluate(frame, parts(child)[0]!));
      if (source instanceof Unknown) return source;
      if (!(source instanceof PyDict)) throw new PyRaise('TypeError', `'${typeName(source)}' object is not a mapping`, frame.file, frame.line);
      frame.ev.budget.allocate(source.entries.size, child);
      for (const [k, v] of source.entries) dict.entries.set(k, v);
    } else if (child.type === 'pair') {
      const key = evaluate(frame, child.childForFieldName('key')!);
      const value = evaluate(frame, child.childForFieldName('value')!);
      if (key instanceof Unknown) return key;
      const k = toKey(key);
      if (k === undefined) return frame.unknown(`a dict with a key of type ${typeName(key)}`, child);
      dict.entries.set(k, value);
    }
  }
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

function booleanOperator(frame: Frame, node: Node): PyValue {
  const left = evaluate(frame, node.childForFieldName('left')!);
  const isAnd = node.childForFieldName('operator')!.type === 'and';
  const t = truthy(left);
  if (t instanceof Unknown) {
    maybeEvaluate(frame, node.childForFieldName('right')!);
    return t;
  }
  return t === isAnd ? evaluate(frame, node.childForFieldName('right')!) : left;
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
  if (t === true) return evaluate(frame, body!);
  if (t === false) return evaluate(frame, alternative!);
  const a = maybeEvaluate(frame, body!);
  const b = maybeEvaluate(frame, alternative!);
  return sameValue(a, b) ? a : frame.unknown(`depends on ${snippet(condition!)} (${frame.file}:${condition!.startPosition.row + 1})`, node);
}

function subscript(frame: Frame, node: Node): PyValue {
  const obj = evaluate(frame, node.childForFieldName('value')!);
  const keys = node.childrenForFieldName('subscript');
  if (keys.length === 1 && keys[0]!.type === 'slice') return getSlice(frame, obj, sliceBounds(frame, keys[0]!), node);
  const key = keys.length === 1 ? evaluate(frame, keys[0]!) : new PyTuple(keys.map((k) => evaluate(frame, k)));
  return getItem(frame, obj, key, node);
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
export function evaluateArguments(frame: Frame, node: Node | null): CallArgs | Unknown {
  const args: CallArgs = { positional: [], keywords: new Map() };
  if (!node) return args;
  if (node.type === 'generator_expression') {
    args.positional.push(evaluate(frame, node));
    return args;
  }
  for (const child of parts(node)) {
    if (child.type === 'keyword_argument') {
      args.keywords.set(child.childForFieldName('name')!.text, evaluate(frame, child.childForFieldName('value')!));
    } else if (splatted(child)) {
      const spread = iterate(frame, evaluate(frame, splatted(child)!), child);
      if (spread instanceof Unknown) return spread;
      frame.ev.budget.allocate(spread.length, child);
      for (const item of spread) args.positional.push(item);
    } else if (child.type === 'dictionary_splat') {
      const source = asMapping(frame, evaluate(frame, parts(child)[0]!));
      if (source instanceof Unknown) return source;
      if (!(source instanceof PyDict)) throw new PyRaise('TypeError', 'argument after ** must be a mapping', frame.file, frame.line);
      frame.ev.budget.allocate(source.entries.size, child);
      for (const [k, v] of source.entries) if (typeof k === 'string') args.keywords.set(k, v);
    } else {
      args.positional.push(evaluate(frame, child));
    }
  }
  return args;
}

function evaluateCall(frame: Frame, node: Node): PyValue {
  const fn = node.childForFieldName('function')!;
  const callee = evaluate(frame, fn);
  const args = evaluateArguments(frame, node.childForFieldName('arguments'));
  if (args instanceof Unknown) return callee instanceof Unknown ? callee : args;
  const result = invoke(frame, callee, args, node);
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
