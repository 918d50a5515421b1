/** Python's binary operators and comparisons over the value model. */
import type { SyntaxNode as Node } from './syntax-node.js';
import { PyDict, PyOpaque, PyPath, PySet, PyTuple, Unknown, containsString, sequenceItems, type PyValue } from '../python-value.js';
import type { Frame } from './context.js';
import { percentFormat } from './formatting.js';
import { behaviour } from './objects.js';
import { joinPath } from './paths.js';
import { PyRaise } from './signals.js';
import { chargeSteps, chargeUnits } from './budget.js';
import { asNumber, pyEquals, sameValue, typeName } from './values.js';

function typeError(frame: Frame, message: string): PyRaise {
  return new PyRaise('TypeError', message, frame.file, frame.line);
}

function unsupported(frame: Frame, op: string, a: PyValue, b: PyValue): PyRaise {
  return typeError(frame, `unsupported operand types for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

export function binaryOp(frame: Frame, op: string, a: PyValue, b: PyValue): PyValue {
  if (a instanceof Unknown) return a;
  if (b instanceof Unknown) return b;
  const custom = behaviour(a)?.binary?.(op, b, false) ?? behaviour(b)?.binary?.(op, a, true);
  if (custom !== undefined) return custom;
  // A name taken from a library the evaluator does not read (corsheaders.defaults.default_headers) may
  // be any value: `default_headers + ('x',)` is not known to raise. (A builtin such as len has no dot.)
  const library = [a, b].find((v): v is PyOpaque => v instanceof PyOpaque && v.name.includes('.'));
  if (library) return frame.unknown(`uses ${op} on ${library.name}, a value of a library implanta does not read`);
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return numeric(frame, op, na, nb, typeof a === 'boolean' && typeof b === 'boolean');
  const budget = frame.ev.budget;
  switch (op) {
    case '+':
      if (typeof a === 'string' && typeof b === 'string') {
        budget.allocate(a.length + b.length);
        return a + b;
      }
      if (Array.isArray(a) && Array.isArray(b)) {
        budget.allocate(a.length + b.length);
        return a.concat(b);
      }
      if (a instanceof PyTuple && b instanceof PyTuple) {
        budget.allocate(a.items.length + b.items.length);
        return new PyTuple(a.items.concat(b.items));
      }
      break;
    case '*': {
      const [seq, count] = nb !== undefined ? [a, nb] : na !== undefined ? [b, na] : [undefined, 0];
      const times = Math.max(0, Math.trunc(count));
      if (typeof seq === 'string') {
        budget.allocate(seq.length * times);
        return seq.repeat(times);
      }
      const items = Array.isArray(seq) || seq instanceof PyTuple ? sequenceItems(seq)! : undefined;
      if (items) {
        budget.allocate(items.length * times);
        const repeated: PyValue[] = [];
        for (let i = 0; i < times; i++) for (const item of items) repeated.push(item);
        return Array.isArray(seq) ? repeated : new PyTuple(repeated);
      }
      break;
    }
    case '/':
      if (a instanceof PyPath && (typeof b === 'string' || b instanceof PyPath)) return joinPath(a, b);
      if (typeof a === 'string' && b instanceof PyPath) return joinPath(new PyPath(a), b);
      break;
    case '%':
      if (typeof a === 'string') {
        const text = percentFormat(a, b);
        if (text instanceof TypeError) throw typeError(frame, text.message);
        return text;
      }
      break;
    case '|':
      if (a instanceof PyDict && b instanceof PyDict) {
        budget.allocate(a.entries.size + b.entries.size);
        return new PyDict(new Map([...a.entries, ...b.entries]));
      }
      if (a instanceof PySet && b instanceof PySet) return new PySet(union(a.items, b.items));
      break;
    case '&':
      if (a instanceof PySet && b instanceof PySet) {
        budget.step(undefined, a.items.length * b.items.length);
        return new PySet(a.items.filter((x) => b.items.some((y) => sameValue(x, y))));
      }
      break;
    case '-':
      if (a instanceof PySet && b instanceof PySet) {
        budget.step(undefined, a.items.length * b.items.length);
        return new PySet(a.items.filter((x) => !b.items.some((y) => sameValue(x, y))));
      }
      break;
  }
  throw unsupported(frame, op, a, b);
}

/**
 * The items of `a`, then those of `b` not already there, in order. Plain values (strings, numbers…)
 * are found by hash; only containers and objects are compared one by one.
 */
export function union(a: PyValue[], b: PyValue[]): PyValue[] {
  chargeUnits(a.length + b.length);
  const out = [...a];
  const plain = new Set<PyValue>(a.filter(isPlain));
  const others = a.filter((x) => !isPlain(x));
  for (const item of b) {
    if (isPlain(item)) {
      if (plain.has(item)) continue;
      plain.add(item);
    } else {
      chargeSteps(others.length);
      if (others.some((x) => sameValue(x, item))) continue;
      others.push(item);
    }
    out.push(item);
  }
  return out;
}

/** Values `sameValue` compares by identity (NaN aside, which never equals itself). */
function isPlain(v: PyValue): boolean {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v));
}

function numeric(frame: Frame, op: string, a: number, b: number, bothBool: boolean): PyValue {
  const zero = () => new PyRaise('ZeroDivisionError', 'division by zero', frame.file, frame.line);
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw zero();
      return a / b;
    case '//':
      if (b === 0) throw zero();
      return Math.floor(a / b);
    case '%':
      if (b === 0) throw zero();
      return ((a % b) + b) % b;
    case '**':
      return a ** b;
    case '|':
      return bothBool ? Boolean(a | b) : a | b;
    case '&':
      return bothBool ? Boolean(a & b) : a & b;
    case '^':
      return bothBool ? Boolean(a ^ b) : a ^ b;
    case '<<':
      return a * 2 ** b;
    case '>>':
      return Math.floor(a / 2 ** b);
  }
  throw typeError(frame, `unsupported operator ${op}`);
}

/**
 * `target op= value`: lists, dicts and sets change in place (every name bound to them sees it), as
 * Python's `+=` / `|=` do; everything else rebinds to a new value.
 */
export function inplaceOp(frame: Frame, op: string, a: PyValue, b: PyValue): PyValue {
  if (op === '+' && Array.isArray(a) && !(b instanceof Unknown)) {
    const items = sequenceItems(b) ?? (typeof b === 'string' ? [...b] : b instanceof PyDict ? [...b.entries.keys()] : undefined);
    if (!items) throw typeError(frame, `'${typeName(b)}' object is not iterable`);
    frame.ev.budget.allocate(items.length);
    for (const item of items) a.push(item);
    return a;
  }
  if (op === '|' && a instanceof PyDict && b instanceof PyDict) {
    frame.ev.budget.allocate(b.entries.size);
    for (const [k, v] of b.entries) a.entries.set(k, v);
    return a;
  }
  if (op === '|' && a instanceof PySet && b instanceof PySet) {
    const merged = union(a.items, b.items);
    for (let i = a.items.length; i < merged.length; i++) a.items.push(merged[i]!);
    return a;
  }
  return binaryOp(frame, op, a, b);
}

/** One comparison of a chain: `a < b`, `x in y`, `p is None`. */
export function compare(frame: Frame, op: string, a: PyValue, b: PyValue, node: Node): boolean | Unknown {
  switch (op) {
    case '==':
      return pyEquals(a, b);
    case '!=':
    case '<>':
      return negate(pyEquals(a, b));
    case 'in':
      return contains(frame, b, a, node);
    case 'not in':
      return negate(contains(frame, b, a, node));
    case 'is':
      return identical(a, b);
    case 'is not':
      return negate(identical(a, b));
    default:
      return order(frame, op, a, b);
  }
}

export function negate(v: boolean | Unknown): boolean | Unknown {
  return v instanceof Unknown ? v : !v;
}

function identical(a: PyValue, b: PyValue): boolean | Unknown {
  if (a instanceof Unknown) return a;
  if (b instanceof Unknown) return b;
  return a === b;
}

/** `item in container`. */
export function contains(frame: Frame, container: PyValue, item: PyValue, node: Node): boolean | Unknown {
  if (container instanceof Unknown) return container;
  const custom = behaviour(container)?.contains;
  if (custom) {
    const result = custom.call(container, frame, item, node);
    return typeof result === 'boolean' || result instanceof Unknown ? result : frame.unknown('membership test', node);
  }
  if (item instanceof Unknown) return item;
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw typeError(frame, "'in <string>' requires string as left operand");
    frame.ev.budget.step(node, Math.ceil(container.length / 64));
    return container.includes(item);
  }
  frame.ev.budget.step(node, container instanceof PyDict ? 1 : (sequenceItems(container)?.length ?? 1));
  if (typeof item === 'string') return containsString(container, item);
  if (container instanceof PyDict) return container.entries.has(item as never);
  const items = sequenceItems(container);
  if (!items) throw typeError(frame, `argument of type '${typeName(container)}' is not iterable`);
  let unknown: Unknown | undefined;
  for (const x of items) {
    const eq = pyEquals(x, item);
    if (eq === true) return true;
    if (eq instanceof Unknown) unknown ??= eq;
  }
  return unknown ?? false;
}

function order(frame: Frame, op: string, a: PyValue, b: PyValue): boolean | Unknown {
  const c = cmp(frame, op, a, b);
  if (c instanceof Unknown) return c;
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

/** Three-way comparison for ordering: numbers, strings, and lists/tuples item by item. */
export function cmp(frame: Frame, op: string, a: PyValue, b: PyValue): number | Unknown {
  if (a instanceof Unknown) return a;
  if (b instanceof Unknown) return b;
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return Math.sign(na - nb);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const sameKind = (Array.isArray(a) && Array.isArray(b)) || (a instanceof PyTuple && b instanceof PyTuple);
  if (sameKind) {
    const ia = sequenceItems(a)!;
    const ib = sequenceItems(b)!;
    for (let i = 0; i < Math.min(ia.length, ib.length); i++) {
      const eq = pyEquals(ia[i]!, ib[i]!);
      if (eq instanceof Unknown) return eq;
      if (!eq) return cmp(frame, op, ia[i]!, ib[i]!);
    }
    return Math.sign(ia.length - ib.length);
  }
  throw typeError(frame, `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}
