/** Python's builtin functions that settings use, with their semantics and their errors. */
import { PyDict, PyOpaque, PyPath, PySet, PyTuple, Unknown, truthy, sequenceItems, type PyValue } from '../python-value.js';
import { argument, type Call, type CallHandler, type Frame } from './context.js';
import { ITERATION_LIMIT, iterate, iterateKnown } from './iteration.js';
import { invoke } from './calls.js';
import { mappingPairs, sortValues } from './methods.js';
import { cmp, union } from './operators.js';
import { PyRaise } from './signals.js';
import { asNumber, firstUnknown, pyReprKnown, pyStr, typeName } from './values.js';

const EXCEPTIONS = [
  'BaseException', 'Exception', 'ArithmeticError', 'AssertionError', 'AttributeError', 'EnvironmentError', 'FileNotFoundError',
  'ImportError', 'IndexError', 'IOError', 'KeyError', 'LookupError', 'ModuleNotFoundError', 'NameError', 'NotImplementedError',
  'OSError', 'RuntimeError', 'TypeError', 'ValueError', 'ZeroDivisionError', 'Warning', 'DeprecationWarning', 'UserWarning',
];

function raise(frame: Frame, exception: string, message: string): PyRaise {
  return new PyRaise(exception, message, frame.file, frame.line);
}

/** Python's int(): decimal text with optional sign, spaces and underscores; floats truncate. */
export function pyInt(frame: Frame, v: PyValue, base = 10): PyValue {
  if (v instanceof Unknown) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string') {
    const text = v.trim().replace(/(?<=[0-9a-zA-Z])_(?=[0-9a-zA-Z])/g, '');
    const digits = base === 10 ? /^[+-]?\d+$/ : base === 16 ? /^[+-]?(0x)?[0-9a-f]+$/i : base === 8 ? /^[+-]?(0o)?[0-7]+$/i : /^[+-]?(0b)?[01]+$/i;
    if (!digits.test(text)) throw raise(frame, 'ValueError', 'invalid literal for int()');
    const sign = text.startsWith('-') ? -1 : 1;
    return sign * parseInt(text.replace(/^[+-]/, '').replace(/^0[xob]/i, ''), base);
  }
  throw raise(frame, 'TypeError', `int() argument must be a string or a number, not '${typeName(v)}'`);
}

/** Python's float(): also 'inf', 'nan', exponents and underscores between digits. */
export function pyFloat(frame: Frame, v: PyValue): PyValue {
  if (v instanceof Unknown) return v;
  if (typeof v === 'number' || typeof v === 'boolean') return Number(v);
  if (typeof v === 'string') {
    const text = v.trim().replace(/(?<=\d)_(?=\d)/g, '').toLowerCase();
    if (/^[+-]?(inf|infinity)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?nan$/.test(text)) return NaN;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(text)) throw raise(frame, 'ValueError', 'could not convert string to float');
    return Number(text);
  }
  throw raise(frame, 'TypeError', `float() argument must be a string or a number, not '${typeName(v)}'`);
}

/** The items for list()/tuple()/set(); Unknown when the iterable is. */
function itemsOf(call: Call): PyValue[] | Unknown {
  const source = call.args.positional[0];
  const items = source === undefined ? [] : iterate(call.frame, source, call.node);
  if (!(items instanceof Unknown)) call.frame.ev.budget.allocate(items.length, call.node);
  return items;
}

function dictOf(call: Call): PyValue {
  const pairs = mappingPairs(call, call.args.positional[0]);
  if (pairs instanceof Unknown) return pairs;
  const dict = new PyDict(new Map(pairs));
  for (const [k, v] of call.args.keywords) dict.entries.set(k, v);
  return dict;
}

function len(call: Call): PyValue {
  const v = call.args.positional[0] ?? null;
  if (v instanceof Unknown) return v;
  if (typeof v === 'string') return countCodePoints(v);
  if (v instanceof PyDict) return v.entries.size;
  const items = sequenceItems(v);
  if (items) return items.length;
  throw raise(call.frame, 'TypeError', `object of type '${typeName(v)}' has no len()`);
}

/** min()/max(): one iterable or several arguments. */
function extreme(call: Call, sign: 1 | -1): PyValue {
  const a = call.args.positional;
  const items = a.length === 1 ? iterateKnown(call.frame, a[0]!, call.node) : firstUnknown(a) ?? a;
  if (items instanceof Unknown) return items;
  call.frame.ev.budget.step(call.node, items.length);
  if (items.length === 0) {
    if (call.args.keywords.has('default')) return call.args.keywords.get('default')!;
    throw raise(call.frame, 'ValueError', `${call.name}() arg is an empty sequence`);
  }
  return items.reduce((best, x) => ((cmp(call.frame, '<', x, best) as number) * sign < 0 ? x : best));
}

/** any()/all(): stops at the first item that decides, like Python. */
function quantifier(call: Call, wanted: boolean): PyValue {
  const items = iterate(call.frame, call.args.positional[0] ?? [], call.node);
  if (items instanceof Unknown) return items;
  call.frame.ev.budget.step(call.node, items.length);
  let unknown: Unknown | undefined;
  for (const item of items) {
    const t = truthy(item);
    if (t instanceof Unknown) unknown ??= t;
    else if (t === wanted) return wanted;
  }
  return unknown ?? !wanted;
}

function range(call: Call): PyValue {
  const a = call.args.positional.map((x) => asNumber(x));
  if (a.some((x) => x === undefined)) return firstUnknown(call.args.positional) ?? call.frame.unknown('range() of something not a number', call.node);
  const [start, stop, step = 1] = a.length === 1 ? [0, a[0]!] : (a as number[]);
  if (step === 0) throw raise(call.frame, 'ValueError', 'range() arg 3 must not be zero');
  const out: number[] = [];
  for (let i = start!; step > 0 ? i < stop! : i > stop!; i += step) {
    if (out.length >= ITERATION_LIMIT) return call.frame.unknown('a range too long to follow', call.node);
    call.frame.ev.budget.allocate(1, call.node);
    out.push(i);
  }
  return out;
}

/** round() rounds halves to even, as Python 3 does. */
function round(call: Call): PyValue {
  const n = asNumber(call.args.positional[0] ?? null);
  const digits = argument(call, 1, 'ndigits', null);
  if (n === undefined) return firstUnknown(call.args.positional) ?? call.frame.unknown('round() of something not a number', call.node);
  if (digits === null) {
    const floor = Math.floor(n);
    const diff = n - floor;
    return diff > 0.5 || (diff === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  }
  if (typeof digits !== 'number') return call.frame.unknown('round() to a precision not known', call.node);
  return Number(n.toFixed(Math.max(0, digits)));
}

const TYPE_CHECKS: Record<string, (v: PyValue) => boolean> = {
  str: (v) => typeof v === 'string',
  int: (v) => typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v)),
  float: (v) => typeof v === 'number',
  bool: (v) => typeof v === 'boolean',
  list: (v) => Array.isArray(v),
  tuple: (v) => v instanceof PyTuple,
  dict: (v) => v instanceof PyDict,
  set: (v) => v instanceof PySet,
  'pathlib.Path': (v) => v instanceof PyPath,
  'pathlib.PosixPath': (v) => v instanceof PyPath,
};

function isinstance(call: Call): PyValue {
  const [v, cls] = call.args.positional;
  if (v === undefined || cls === undefined) throw raise(call.frame, 'TypeError', 'isinstance expected 2 arguments');
  if (v instanceof Unknown) return v;
  const classes = cls instanceof PyTuple ? cls.items : [cls];
  let unknown: Unknown | undefined;
  for (const c of classes) {
    const check = c instanceof PyOpaque ? TYPE_CHECKS[c.name] : undefined;
    if (!check) unknown ??= call.frame.unknown('isinstance() with a class not known', call.node);
    else if (check(v)) return true;
  }
  return unknown ?? false;
}

function pairsOf(call: Call): PyValue {
  const lists: PyValue[][] = [];
  for (const arg of call.args.positional) {
    const items = iterate(call.frame, arg, call.node);
    if (items instanceof Unknown) return items;
    lists.push(items);
  }
  const length = lists.reduce((shortest, l) => Math.min(shortest, l.length), Infinity);
  call.frame.ev.budget.allocate(lists.length ? length * (lists.length + 1) : 0, call.node);
  return Array.from({ length: lists.length ? length : 0 }, (_, i) => new PyTuple(lists.map((l) => l[i]!)));
}

export const builtinHandlers: Record<string, CallHandler> = {
  bool: (call) => (call.args.positional.length ? truthy(call.args.positional[0]!) : false),
  int: (call) => {
    const base = argument(call, 1, 'base', 10);
    if (typeof base !== 'number') return call.frame.unknown('int() in a base not known', call.node);
    return call.args.positional.length ? pyInt(call.frame, call.args.positional[0]!, base) : 0;
  },
  float: (call) => (call.args.positional.length ? pyFloat(call.frame, call.args.positional[0]!) : 0),
  str: (call) => (call.args.positional.length ? pyStr(call.args.positional[0]!) : ''),
  repr: (call) => pyReprKnown(call.args.positional[0] ?? null),
  list: (call) => {
    const items = itemsOf(call);
    return items instanceof Unknown ? items : [...items];
  },
  tuple: (call) => {
    const items = itemsOf(call);
    return items instanceof Unknown ? items : new PyTuple([...items]);
  },
  set: (call) => {
    const items = itemsOf(call);
    return items instanceof Unknown ? items : new PySet(union([], items));
  },
  frozenset: (call) => {
    const items = itemsOf(call);
    return items instanceof Unknown ? items : new PySet(union([], items));
  },
  dict: dictOf,
  len,
  sorted: (call) => {
    const items = iterate(call.frame, call.args.positional[0] ?? [], call.node);
    if (items instanceof Unknown) return items;
    call.frame.ev.budget.allocate(items.length, call.node);
    call.frame.ev.budget.step(call.node, items.length * Math.ceil(Math.log2(items.length + 1)));
    const sorted = sortValues(call, items, call.args.keywords.get('key'));
    return sorted instanceof Unknown ? sorted : call.args.keywords.get('reverse') === true ? sorted.reverse() : sorted;
  },
  reversed: (call) => {
    const items = iterate(call.frame, call.args.positional[0] ?? [], call.node);
    if (items instanceof Unknown) return items;
    call.frame.ev.budget.allocate(items.length, call.node);
    return [...items].reverse();
  },
  min: (call) => extreme(call, 1),
  max: (call) => extreme(call, -1),
  sum: (call) => {
    const items = iterateKnown(call.frame, call.args.positional[0] ?? [], call.node);
    if (items instanceof Unknown) return items;
    call.frame.ev.budget.step(call.node, items.length);
    let total = asNumber(argument(call, 1, 'start', 0)) ?? 0;
    for (const item of items) {
      const n = asNumber(item);
      if (n === undefined) throw raise(call.frame, 'TypeError', `unsupported operand type for +: '${typeName(item)}'`);
      total += n;
    }
    return total;
  },
  any: (call) => quantifier(call, true),
  all: (call) => quantifier(call, false),
  abs: (call) => {
    const n = asNumber(call.args.positional[0] ?? null);
    return n === undefined ? (firstUnknown(call.args.positional) ?? call.frame.unknown('abs() of something not a number', call.node)) : Math.abs(n);
  },
  round,
  range,
  enumerate: (call) => {
    const items = iterate(call.frame, call.args.positional[0] ?? [], call.node);
    const start = asNumber(argument(call, 1, 'start', 0)) ?? 0;
    if (!(items instanceof Unknown)) call.frame.ev.budget.allocate(items.length * 3, call.node);
    return items instanceof Unknown ? items : items.map((item, i) => new PyTuple([start + i, item]));
  },
  zip: pairsOf,
  map: (call) => {
    const [fn, ...sources] = call.args.positional;
    if (fn === undefined || sources.length === 0) throw raise(call.frame, 'TypeError', 'map() must have at least two arguments.');
    const rows = pairsOf({ ...call, args: { positional: sources, keywords: new Map() } });
    if (rows instanceof Unknown || !Array.isArray(rows)) return rows;
    // An iterator in Python; settings turn it into a list (or loop over it) before it matters.
    return rows.map((row) => invoke(call.frame, fn, { positional: (row as PyTuple).items, keywords: new Map() }, call.node));
  },
  filter: (call) => {
    const [fn, source] = call.args.positional;
    const items = iterate(call.frame, source ?? [], call.node);
    if (items instanceof Unknown) return items;
    const kept: PyValue[] = [];
    for (const item of items) {
      const test = truthy(fn === null || fn === undefined ? item : invoke(call.frame, fn, { positional: [item], keywords: new Map() }, call.node));
      if (test instanceof Unknown) return test;
      if (test) kept.push(item);
    }
    return kept;
  },
  isinstance,
  callable: (call) => call.args.positional[0] instanceof PyOpaque,
  print: () => null,
  open: (call) => {
    call.frame.ev.noteMayRaise('FileNotFoundError');
    return call.frame.unknown('reads a file with open()', call.node);
  },
};

const OTHER_BUILTINS = ['type', 'iter', 'next', 'hash', 'id', 'format', 'object', 'property', 'staticmethod', 'classmethod', 'super', 'exec', 'eval', 'compile', '__import__', 'input', 'bytes', 'bytearray', 'complex', 'ord', 'chr', 'divmod', 'pow', 'hex', 'oct', 'bin', 'slice', 'memoryview', 'issubclass', 'setattr', 'delattr', 'dir', 'help'];

/** Names Python finds in builtins, given as opaque callables: calls dispatch on the name. */
const BUILTIN_NAMES = new Set([...Object.keys(builtinHandlers), ...EXCEPTIONS, ...OTHER_BUILTINS, 'getattr', 'hasattr', 'locals', 'globals', 'vars']);

export function builtinValue(name: string): PyValue | undefined {
  if (name === '__debug__') return true;
  if (name === 'NotImplemented' || name === 'Ellipsis') return new PyOpaque(name);
  return BUILTIN_NAMES.has(name) ? new PyOpaque(name) : undefined;
}

/** `len()` of a str counts code points, as Python does, without building an array of them. */
function countCodePoints(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) count++;
    else {
      const next = s.charCodeAt(i + 1);
      count++;
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return count;
}
