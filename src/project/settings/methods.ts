/** Methods of str, list, dict, set and tuple, with Python's semantics. */
import { PyDict, PySet, PyTuple, Unknown, sequenceItems, type PyValue } from '../python-value.js';
import { invoke } from './calls.js';
import { argument, argumentProvenance, type Call } from './context.js';
import { copyItemSources, itemProvenance, own, recordItem } from './provenance.js';
import { strFormat } from './formatting.js';
import { iterate } from './iteration.js';
import { behaviour } from './objects.js';
import { cmp, union } from './operators.js';
import { PyRaise } from './signals.js';
import { firstUnknown, pyEquals, sameValue, toKey, typeName } from './values.js';
import { pythonIsSpace, pythonSplitWhitespace, pythonStrip } from '../python-whitespace.js';

/**
 * Returned by a method that changed its receiver in a way the model cannot hold (`extend` by an
 * unknown list): the name the receiver is bound to becomes Unknown.
 */
export class ReceiverLost extends Unknown {}

/** Methods that change their receiver: the statement calling one becomes the origin of the name. */
export const MUTATING_METHODS = new Set(['append', 'extend', 'insert', 'remove', 'pop', 'clear', 'update', 'setdefault', 'add', 'discard', 'sort', 'reverse', 'popitem']);

function raise(call: Call, exception: string, message: string): PyRaise {
  return new PyRaise(exception, message, call.frame.file, call.frame.line);
}

export function callBuiltinMethod(call: Call, self: PyValue, method: string): PyValue {
  const budget = call.frame.ev.budget;
  // A method may walk its whole receiver, and what it returns is new: both draw from the budget.
  budget.step(call.node, typeof self === 'string' ? Math.ceil(self.length / 64) : sizeOf(self));
  const result = dispatchMethod(call, self, method);
  // New strings are charged before they are made (replace, join, ljust…); new containers here.
  if (typeof result !== 'string') budget.allocate(sizeOf(result), call.node);
  return result;
}

function dispatchMethod(call: Call, self: PyValue, method: string): PyValue {
  if (typeof self === 'string') return stringMethod(call, self, method);
  if (Array.isArray(self)) return listMethod(call, self, method);
  if (self instanceof PyDict) return dictMethod(call, self, method);
  if (self instanceof PySet) return setMethod(call, self, method);
  if (self instanceof PyTuple) return sequenceQuery(call, self.items, method);
  return unknownMethod(call, self, method);
}

/** Characters of a string, items of a container: what the budget counts. */
function sizeOf(v: PyValue): number {
  if (typeof v === 'string') return v.length;
  if (v instanceof PyDict) return v.entries.size;
  return sequenceItems(v)?.length ?? 0;
}

function unknownMethod(call: Call, self: PyValue, method: string): PyValue {
  call.frame.ev.noteMayRaise();
  return call.frame.unknown(`calls ${typeName(self)}.${method}()`, call.node);
}

/** The arguments as strings, or the first Unknown. */
function strings(call: Call, values: Array<PyValue | undefined>): Array<string | undefined> | Unknown {
  for (const v of values) if (v instanceof Unknown) return v;
  return values.map((v) => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw raise(call, 'TypeError', `expected a string, not ${typeName(v)}`);
    return v;
  });
}

function stripChars(s: string, chars: string, left: boolean, right: boolean): string {
  let start = 0;
  let end = s.length;
  while (left && start < end && chars.includes(s[start]!)) start++;
  while (right && end > start && chars.includes(s[end - 1]!)) end--;
  return s.slice(start, end);
}

function splitString(s: string, sep: string | undefined, maxsplit: number, fromRight: boolean): string[] {
  if (sep === undefined) return pythonSplitWhitespace(s, maxsplit, fromRight);
  const all = s.split(sep);
  if (maxsplit < 0 || all.length <= maxsplit + 1) return all;
  return fromRight ? [all.slice(0, all.length - maxsplit).join(sep), ...all.slice(all.length - maxsplit)] : [...all.slice(0, maxsplit), all.slice(maxsplit).join(sep)];
}

function stringMethod(call: Call, s: string, method: string): PyValue {
  const a = call.args.positional;
  switch (method) {
    case 'lower':
    case 'casefold':
      return s.toLowerCase();
    case 'upper':
      return s.toUpperCase();
    case 'title':
      return s.toLowerCase().replace(/(^|[^a-zA-Z])([a-z])/g, (_, pre: string, c: string) => pre + c.toUpperCase());
    case 'capitalize':
      return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
    case 'strip':
    case 'lstrip':
    case 'rstrip': {
      const args = strings(call, [argument(call, 0, 'chars')]);
      if (args instanceof Unknown) return args;
      const [left, right] = [method !== 'rstrip', method !== 'lstrip'];
      return args[0] === undefined ? pythonStrip(s, left, right) : stripChars(s, args[0], left, right);
    }
    case 'split':
    case 'rsplit': {
      const sep = argument(call, 0, 'sep', null);
      const max = argument(call, 1, 'maxsplit', -1);
      if (sep instanceof Unknown) return sep;
      if (typeof max !== 'number') return call.frame.unknown(`${method}() with a maxsplit not known`, call.node);
      if (sep === '') throw raise(call, 'ValueError', 'empty separator');
      if (sep !== null && typeof sep !== 'string') throw raise(call, 'TypeError', 'must be str or None');
      return splitString(s, sep ?? undefined, max, method === 'rsplit');
    }
    case 'splitlines':
      return s.split(/\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/).filter((line, i, all) => i < all.length - 1 || line !== '');
    case 'startswith':
    case 'endswith': {
      const arg = a[0];
      if (arg instanceof Unknown) return arg;
      const options = arg instanceof PyTuple ? arg.items : [arg];
      const texts = strings(call, options);
      if (texts instanceof Unknown) return texts;
      return texts.some((t) => t !== undefined && (method === 'startswith' ? s.startsWith(t) : s.endsWith(t)));
    }
    case 'replace': {
      const args = strings(call, [a[0], a[1]]);
      if (args instanceof Unknown) return args;
      const [from, to] = args;
      if (from === undefined || to === undefined) throw raise(call, 'TypeError', 'replace() takes two strings');
      const count = argument(call, 2, 'count', -1);
      if (typeof count !== 'number') return call.frame.unknown('replace() with a count not known', call.node);
      const parts = s.split(from);
      // Checked before the new string exists: 'ab' * 10**6 replaced a few times grows geometrically.
      call.frame.ev.budget.allocate(s.length + (parts.length - 1) * Math.max(0, to.length - from.length), call.node);
      if (count < 0 || parts.length - 1 <= count) return parts.join(to);
      return parts.slice(0, count + 1).join(to) + from + parts.slice(count + 1).join(from);
    }
    case 'join': {
      const items = iterate(call.frame, a[0] ?? [], call.node);
      if (items instanceof Unknown) return items;
      const unknown = firstUnknown(items);
      if (unknown) return unknown;
      const texts = strings(call, items);
      if (texts instanceof Unknown) return texts;
      call.frame.ev.budget.allocate(texts.reduce((n, t) => n + (t?.length ?? 0), 0) + s.length * texts.length, call.node);
      return texts.join(s);
    }
    case 'format': {
      const text = strFormat(s, a, call.args.keywords);
      if (text instanceof TypeError) throw raise(call, 'IndexError', text.message);
      return text;
    }
    case 'find':
    case 'rfind':
    case 'index':
    case 'rindex':
    case 'count': {
      const args = strings(call, [a[0]]);
      if (args instanceof Unknown) return args;
      const sub = args[0] ?? '';
      if (method === 'count') return sub === '' ? [...s].length + 1 : s.split(sub).length - 1;
      const at = method.startsWith('r') ? s.lastIndexOf(sub) : s.indexOf(sub);
      if (at < 0 && method.endsWith('index')) throw raise(call, 'ValueError', 'substring not found');
      return at;
    }
    case 'partition':
    case 'rpartition': {
      const args = strings(call, [a[0]]);
      if (args instanceof Unknown) return args;
      const sep = args[0] ?? '';
      const at = method === 'partition' ? s.indexOf(sep) : s.lastIndexOf(sep);
      if (at < 0) return new PyTuple(method === 'partition' ? [s, '', ''] : ['', '', s]);
      return new PyTuple([s.slice(0, at), sep, s.slice(at + sep.length)]);
    }
    case 'removeprefix':
    case 'removesuffix': {
      const args = strings(call, [a[0]]);
      if (args instanceof Unknown) return args;
      const affix = args[0] ?? '';
      if (method === 'removeprefix') return affix && s.startsWith(affix) ? s.slice(affix.length) : s;
      return affix && s.endsWith(affix) ? s.slice(0, s.length - affix.length) : s;
    }
    case 'zfill':
    case 'ljust':
    case 'rjust':
    case 'center': {
      const width = a[0];
      if (typeof width !== 'number') return call.frame.unknown(`${method}() with a width not known`, call.node);
      const fill = typeof a[1] === 'string' ? a[1] : method === 'zfill' ? '0' : ' ';
      call.frame.ev.budget.allocate(width * Math.max(1, fill.length), call.node);
      const missing = Math.max(0, width - [...s].length);
      if (method === 'ljust') return s + fill.repeat(missing);
      if (method === 'center') return fill.repeat(Math.floor(missing / 2)) + s + fill.repeat(Math.ceil(missing / 2));
      if (method === 'zfill' && /^[+-]/.test(s)) return s[0] + fill.repeat(missing) + s.slice(1);
      return fill.repeat(missing) + s;
    }
    case 'isdigit':
    case 'isnumeric':
    case 'isdecimal':
      return /^[0-9]+$/.test(s);
    case 'isalpha':
      return /^\p{L}+$/u.test(s);
    case 'isalnum':
      return /^[\p{L}0-9]+$/u.test(s);
    case 'isspace':
      return pythonIsSpace(s);
    case 'isupper':
      return s.toUpperCase() === s && s.toLowerCase() !== s;
    case 'islower':
      return s.toLowerCase() === s && s.toUpperCase() !== s;
  }
  return unknownMethod(call, s, method);
}

/** index/count, shared by lists and tuples. */
function sequenceQuery(call: Call, items: PyValue[], method: string): PyValue {
  const needle = call.args.positional[0];
  if (needle === undefined) return unknownMethod(call, items, method);
  if (method === 'count' || method === 'index') {
    let count = 0;
    for (let i = 0; i < items.length; i++) {
      const eq = pyEquals(items[i]!, needle);
      if (eq instanceof Unknown) return eq;
      if (eq && method === 'index') return i;
      if (eq) count++;
    }
    if (method === 'index') throw raise(call, 'ValueError', 'value is not in the list');
    return count;
  }
  return unknownMethod(call, items, method);
}

function index(call: Call, list: PyValue[], v: PyValue | undefined, fallback: number): number | Unknown {
  if (v === undefined) return fallback;
  if (v instanceof Unknown) return v;
  if (typeof v !== 'number') throw raise(call, 'TypeError', 'list indices must be integers');
  return v < 0 ? Math.max(0, list.length + v) : Math.min(v, list.length);
}

function listMethod(call: Call, list: PyValue[], method: string): PyValue {
  const a = call.args.positional;
  switch (method) {
    case 'append':
      list.push(a[0] ?? null);
      recordItem(list, list.length - 1, a[0] ?? null, argumentProvenance(call, 0, 'object'));
      return null;
    case 'extend': {
      const items = iterate(call.frame, a[0] ?? [], call.node);
      if (items instanceof Unknown) return new ReceiverLost(items.reason, items.file, items.line);
      call.frame.ev.budget.allocate(items.length, call.node);
      for (const item of items) list.push(item);
      return null;
    }
    case 'insert': {
      const at = index(call, list, a[0], list.length);
      if (at instanceof Unknown) return new ReceiverLost(at.reason, at.file, at.line);
      list.splice(at, 0, a[1] ?? null);
      return null;
    }
    case 'remove': {
      for (let i = 0; i < list.length; i++) {
        const eq = pyEquals(list[i]!, a[0] ?? null);
        if (eq instanceof Unknown) return new ReceiverLost(eq.reason, eq.file, eq.line);
        if (eq) {
          list.splice(i, 1);
          return null;
        }
      }
      throw raise(call, 'ValueError', 'list.remove(x): x not in list');
    }
    case 'pop': {
      if (list.length === 0) throw raise(call, 'IndexError', 'pop from empty list');
      const raw = a[0] ?? -1;
      if (typeof raw !== 'number') return new ReceiverLost('pops an index not known', call.frame.file, call.frame.line);
      const at = raw < 0 ? list.length + raw : raw;
      if (at < 0 || at >= list.length) throw raise(call, 'IndexError', 'pop index out of range');
      return list.splice(at, 1)[0]!;
    }
    case 'clear':
      list.length = 0;
      return null;
    case 'reverse':
      list.reverse();
      return null;
    case 'sort': {
      const sorted = sortValues(call, list, call.args.keywords.get('key'));
      if (sorted instanceof Unknown) return new ReceiverLost(sorted.reason, sorted.file, sorted.line);
      call.frame.ev.budget.step(call.node, list.length * Math.ceil(Math.log2(list.length + 1)));
      const ordered = call.args.keywords.get('reverse') === true ? sorted.reverse() : sorted;
      list.length = 0;
      for (const item of ordered) list.push(item);
      return null;
    }
    case 'copy':
      return [...list];
  }
  return sequenceQuery(call, list, method);
}

/** Python's sorted() order for numbers and strings, by `key(item)` when given; Unknown when an item (or key) is unknown. */
export function sortValues(call: Call, items: PyValue[], key?: PyValue): PyValue[] | Unknown {
  const keys = key === undefined || key === null ? items : items.map((item) => invoke(call.frame, key, { positional: [item], keywords: new Map() }, call.node));
  const unknown = firstUnknown(keys);
  if (unknown) return unknown;
  // A stable sort on the keys, as Python's.
  const order = items.map((_, i) => i).sort((a, b) => (cmp(call.frame, '<', keys[a]!, keys[b]!) as number) || a - b);
  return order.map((i) => items[i]!);
}

function dictKey(call: Call, v: PyValue | undefined): string | number | boolean | null | Unknown {
  if (v instanceof Unknown) return v;
  const key = toKey(v ?? null);
  if (key === undefined) return call.frame.unknown(`a dict key of type ${typeName(v ?? null)}`, call.node);
  return key;
}

/** Dict methods; what they read or change keeps each key's provenance (provenance.ts). */
function dictMethod(call: Call, dict: PyDict, method: string): PyValue {
  const a = call.args.positional;
  const ev = call.frame.ev;
  switch (method) {
    case 'get': {
      const key = dictKey(call, a[0]);
      if (key instanceof Unknown) return key;
      if (!dict.entries.has(key)) {
        own(ev, argumentProvenance(call, 1, 'default'));
        return argument(call, 1, 'default') ?? null;
      }
      const recorded = itemProvenance(dict, key, undefined);
      if (recorded) own(ev, recorded);
      return dict.entries.get(key)!;
    }
    case 'keys':
      return [...dict.entries.keys()];
    case 'values':
      return [...dict.entries.values()];
    case 'items':
      return [...dict.entries].map(([k, v]) => new PyTuple([k, v]));
    case 'copy': {
      const copy = new PyDict(new Map(dict.entries));
      copyItemSources(dict, copy);
      return copy;
    }
    case 'clear':
      dict.entries.clear();
      return null;
    case 'setdefault': {
      const key = dictKey(call, a[0]);
      if (key instanceof Unknown) return new ReceiverLost(key.reason, key.file, key.line);
      if (!dict.entries.has(key)) {
        dict.entries.set(key, a[1] ?? null);
        recordItem(dict, key, a[1] ?? null, argumentProvenance(call, 1, 'default'));
      }
      const recorded = itemProvenance(dict, key, undefined);
      if (recorded) own(ev, recorded);
      return dict.entries.get(key)!;
    }
    case 'pop': {
      const key = dictKey(call, a[0]);
      if (key instanceof Unknown) return new ReceiverLost(key.reason, key.file, key.line);
      if (dict.entries.has(key)) {
        const value = dict.entries.get(key)!;
        dict.entries.delete(key);
        return value;
      }
      if (a.length > 1) return a[1]!;
      throw raise(call, 'KeyError', 'pop() of a missing key');
    }
    case 'update': {
      const pairs = mappingPairs(call, a[0]);
      if (pairs instanceof Unknown) return new ReceiverLost(pairs.reason, pairs.file, pairs.line);
      // Each key keeps where its new value came from: the source dict's record, else the argument's.
      const source = a[0] ?? null;
      const sourceProvenance = argumentProvenance(call, 0, '');
      for (const [k, v] of pairs) {
        dict.entries.set(k, v);
        recordItem(dict, k, v, source instanceof PyDict ? itemProvenance(source, k, sourceProvenance) : sourceProvenance);
      }
      for (const [k, v] of call.args.keywords) {
        dict.entries.set(k, v);
        recordItem(dict, k, v, call.args.provenance?.keywords.get(k));
      }
      return null;
    }
  }
  return unknownMethod(call, dict, method);
}

/** The (key, value) pairs of a dict, or of an iterable of pairs, as dict() and update() take them. */
export function mappingPairs(call: Call, source: PyValue | undefined): Array<[string | number | boolean | null, PyValue]> | Unknown {
  if (source === undefined) return [];
  const mapping = behaviour(source)?.asMapping?.(call.frame) ?? source;
  if (mapping instanceof PyDict) return [...mapping.entries];
  if (mapping instanceof Unknown) return mapping;
  const items = iterate(call.frame, mapping, call.node);
  if (items instanceof Unknown) return items;
  const pairs: Array<[string | number | boolean | null, PyValue]> = [];
  for (const item of items) {
    const pair = item instanceof Unknown ? item : sequenceItems(item);
    if (pair instanceof Unknown) return pair;
    if (!pair || pair.length !== 2) throw raise(call, 'ValueError', 'dictionary update sequence element has the wrong length');
    const key = dictKey(call, pair[0]);
    if (key instanceof Unknown) return key;
    pairs.push([key, pair[1]!]);
  }
  return pairs;
}

function setMethod(call: Call, set: PySet, method: string): PyValue {
  const a = call.args.positional;
  switch (method) {
    case 'add':
      if (!set.items.some((x) => sameValue(x, a[0] ?? null))) set.items.push(a[0] ?? null);
      return null;
    case 'update':
    case 'union': {
      let items: PyValue[] = [];
      for (const arg of a) {
        const more = iterate(call.frame, arg, call.node);
        if (more instanceof Unknown) return method === 'update' ? new ReceiverLost(more.reason, more.file, more.line) : more;
        items = union(items, more);
      }
      if (method === 'union') return new PySet(union(set.items, items));
      const merged = union(set.items, items);
      for (let i = set.items.length; i < merged.length; i++) set.items.push(merged[i]!);
      return null;
    }
    case 'discard':
    case 'remove': {
      const at = set.items.findIndex((x) => sameValue(x, a[0] ?? null));
      if (at >= 0) set.items.splice(at, 1);
      else if (method === 'remove') throw raise(call, 'KeyError', 'set.remove() of a missing item');
      return null;
    }
    case 'copy':
      return new PySet([...set.items]);
  }
  return unknownMethod(call, set, method);
}
