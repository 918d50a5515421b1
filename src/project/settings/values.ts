/**
 * Value kinds the evaluator needs beyond the shared PyValue model, and the Python semantics of
 * equality, copying and `str()` over all of them. Every extra kind is a PyOpaque or PyPath, so code
 * outside the evaluator sees them as "something that is not data" or a path.
 */
import type { SyntaxNode as Node } from './syntax-node.js';
import { PyDict, PyOpaque, PyPath, PySet, PyTuple, Unknown, pyRepr, sequenceItems, typeName, type PyKey, type PyValue } from '../python-value.js';
import type { Call, Frame } from './context.js';
import type { ObjectBehaviour } from './objects.js';
import type { Scope } from './scope.js';
import { PyRaise } from './signals.js';
import { TOO_LARGE, chargeSteps, chargeUnits } from './budget.js';
import { copyItemSources } from './provenance.js';

/** A module of the project, evaluated: attribute access reads its scope. */
export class ProjectModule extends PyOpaque {
  constructor(
    name: string,
    readonly scope: Scope,
  ) {
    super(name);
  }
}

/** `obj.method` before it is called: the call dispatches on the receiver's kind. */
export class BoundMethod extends PyOpaque {
  constructor(
    readonly self: PyValue,
    readonly method: string,
  ) {
    super(`${typeName(self)}.${method}`);
  }
}

/** A `def` or `lambda` of the project: defined, never run, so calling it gives Unknown. */
export class UserFunction extends PyOpaque {}

/** `locals()` / `globals()` at module level: a dict view of the module's names, and what django_heroku.settings() writes through. */
export class ScopeRef extends PyOpaque implements ObjectBehaviour {
  constructor(readonly scope: Scope) {
    super('locals()');
  }

  getAttribute(_frame: Frame, name: string): PyValue {
    return new BoundMethod(this, name);
  }

  getItem(frame: Frame, key: PyValue, node: Node): PyValue {
    if (key instanceof Unknown) return key;
    const binding = typeof key === 'string' ? this.scope.bindings.get(key) : undefined;
    if (!binding) throw new PyRaise('KeyError', 'KeyError: the module has no such name', frame.file, node.startPosition.row + 1);
    return binding.value;
  }

  setItem(frame: Frame, key: PyValue, value: PyValue): void {
    if (typeof key === 'string') this.scope.set(key, value, frame.origin());
  }

  contains(_frame: Frame, item: PyValue): boolean | PyValue {
    return item instanceof Unknown ? item : typeof item === 'string' && this.scope.bindings.has(item);
  }

  callMethod(call: Call, method: string): PyValue {
    const { frame, node } = call;
    const [key, fallback = null] = call.args.positional;
    switch (method) {
      case 'get':
        if (typeof key !== 'string') return frame.unknown('locals().get() of a name not known', node);
        return this.scope.bindings.get(key)?.value ?? fallback;
      case 'setdefault':
        if (typeof key !== 'string') return frame.unknown('locals().setdefault() of a name not known', node);
        if (!this.scope.bindings.has(key)) this.scope.set(key, fallback, frame.origin());
        return this.scope.bindings.get(key)!.value;
      case 'update': {
        if (key !== undefined && !(key instanceof PyDict)) return frame.unknown('locals().update() of something not a dict', node);
        for (const [k, v] of [...(key?.entries ?? []), ...call.args.keywords]) if (typeof k === 'string') this.scope.set(k, v, frame.origin());
        return null;
      }
    }
    return frame.unknown(`calls locals().${method}()`, node);
  }
}

/** Opaque objects that carry state compare by it, so two branches building the same helper agree. */
export interface Comparable {
  sameAs(other: PyOpaque): boolean;
}

function isComparable(v: PyOpaque): v is PyOpaque & Comparable {
  return typeof (v as Partial<Comparable>).sameAs === 'function';
}

export { typeName } from '../python-value.js';

/** True when `v` or anything inside it is Unknown. */
export function containsUnknown(v: PyValue): boolean {
  if (v instanceof Unknown) return true;
  const items = sequenceItems(v);
  if (items) return items.some(containsUnknown);
  if (v instanceof PyDict) return [...v.entries.values()].some(containsUnknown);
  return false;
}

/** The first Unknown inside `v`, depth first: its reason explains why `v` is not fully known. */
export function firstUnknown(v: PyValue): Unknown | undefined {
  if (v instanceof Unknown) return v;
  const items = sequenceItems(v) ?? (v instanceof PyDict ? [...v.entries.values()] : undefined);
  for (const item of items ?? []) {
    const found = firstUnknown(item);
    if (found) return found;
  }
  return undefined;
}

/**
 * Structural sameness, for deciding whether two evaluation paths agree. Stricter than Python's `==`
 * (1 and True differ, Unknown never equals anything): agreeing here means "the same setting".
 */
export function sameValue(a: PyValue, b: PyValue): boolean {
  if (a === b) return !(a instanceof Unknown);
  chargeSteps(1);
  if (a instanceof Unknown || b instanceof Unknown) return false;
  if (Array.isArray(a)) return Array.isArray(b) && sameItems(a, b);
  if (a instanceof PyTuple) return b instanceof PyTuple && sameItems(a.items, b.items);
  if (a instanceof PySet) return b instanceof PySet && a.items.length === b.items.length && a.items.every((x) => b.items.some((y) => sameValue(x, y)));
  if (a instanceof PyDict) {
    if (!(b instanceof PyDict) || a.entries.size !== b.entries.size) return false;
    for (const [k, v] of a.entries) if (!b.entries.has(k) || !sameValue(v, b.entries.get(k)!)) return false;
    return true;
  }
  if (a instanceof PyPath) return b instanceof PyPath && a.constructor === b.constructor && a.path === b.path;
  if (a instanceof PyOpaque) {
    if (!(b instanceof PyOpaque) || a.constructor !== b.constructor || a.name !== b.name) return false;
    return isComparable(a) ? a.sameAs(b) : !(a instanceof ProjectModule) || a.scope === (b as ProjectModule).scope;
  }
  return false;
}

function sameItems(a: PyValue[], b: PyValue[]): boolean {
  return a.length === b.length && a.every((x, i) => sameValue(x, b[i]!));
}

/** Python's `==`: 1 == 1.0 == True, a list never equals a tuple; Unknown when it cannot be told. */
export function pyEquals(a: PyValue, b: PyValue): boolean | Unknown {
  chargeSteps(1);
  if (a instanceof Unknown) return a;
  if (b instanceof Unknown) return b;
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  if (typeof a === 'string' || typeof b === 'string' || a === null || b === null) return a === b;
  const ia = Array.isArray(a) ? a : a instanceof PyTuple ? a.items : undefined;
  const ib = Array.isArray(b) ? b : b instanceof PyTuple ? b.items : undefined;
  if (ia && ib) {
    if (Array.isArray(a) !== Array.isArray(b) || ia.length !== ib.length) return false;
    return allEqual(ia.map((x, i) => pyEquals(x, ib[i]!)));
  }
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.entries.size !== b.entries.size) return false;
    const results: Array<boolean | Unknown> = [];
    for (const [k, v] of a.entries) {
      if (!b.entries.has(k)) return false;
      results.push(pyEquals(v, b.entries.get(k)!));
    }
    return allEqual(results);
  }
  if (a instanceof PySet && b instanceof PySet) return sameValue(a, b) || (containsUnknown(a) || containsUnknown(b) ? new Unknown('compares sets holding unknown items') : false);
  if (a instanceof PyPath && b instanceof PyPath) return a.path === b.path;
  if (a instanceof PyOpaque && b instanceof PyOpaque) return sameValue(a, b);
  return false;
}

function allEqual(results: Array<boolean | Unknown>): boolean | Unknown {
  if (results.includes(false)) return false;
  return results.find((r): r is Unknown => r instanceof Unknown) ?? true;
}

/** Numbers and bools as Python's numeric tower sees them. */
export function asNumber(v: PyValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

/**
 * Deep copy of the mutable containers, keeping aliasing inside one copy (two names bound to one list
 * still share the copied list): evaluation paths each mutate their own copy.
 */
export function cloneValue(v: PyValue, memo: Map<object, PyValue>): PyValue {
  if (v === null || typeof v !== 'object') return v;
  const seen = memo.get(v);
  if (seen !== undefined) return seen;
  chargeSteps(1);
  if (Array.isArray(v)) {
    const copy: PyValue[] = [];
    memo.set(v, copy);
    for (const item of v) copy.push(cloneValue(item, memo));
    copyItemSources(v, copy);
    return copy;
  }
  if (v instanceof PyDict) {
    const copy = new PyDict();
    memo.set(v, copy);
    for (const [k, x] of v.entries) copy.entries.set(k, cloneValue(x, memo));
    copyItemSources(v, copy);
    return copy;
  }
  if (v instanceof PySet) {
    const copy = new PySet([]);
    memo.set(v, copy);
    for (const item of v.items) copy.items.push(cloneValue(item, memo));
    return copy;
  }
  if (v instanceof PyTuple) {
    const copy = new PyTuple(v.items.map((item) => cloneValue(item, memo)));
    memo.set(v, copy);
    copyItemSources(v, copy);
    return copy;
  }
  return v;
}

/** Python's `str(v)`; Unknown when the text would depend on something not known. */
export function pyStr(v: PyValue): string | Unknown {
  if (typeof v === 'string') return v;
  if (v instanceof Unknown) return v;
  if (v instanceof PyPath) return v.path;
  if (typeof v === 'number') return formatNumber(v);
  const inner = firstUnknown(v);
  if (inner) return inner;
  if (v instanceof PyOpaque) return new Unknown(`str() of ${v.name}`);
  return boundedRepr(v);
}

/** Python's repr of a float keeps a `.0`; ints have none. The evaluator keeps ints exact, floats approximate. */
export function formatNumber(n: number): string {
  if (Number.isFinite(n)) return String(n);
  if (Number.isNaN(n)) return 'nan';
  return n > 0 ? 'inf' : '-inf';
}

/** Python's `repr(v)`, Unknown when it depends on something not known. */
export function pyReprKnown(v: PyValue): string | Unknown {
  const inner = firstUnknown(v);
  if (inner) return inner;
  if (v instanceof PyOpaque) return new Unknown(`repr() of ${v.name}`);
  return boundedRepr(v);
}

/** repr() of a container, charged to the budget; Unknown when it is too big to write out at all. */
function boundedRepr(v: PyValue): string | Unknown {
  const walked = itemsWalked(v);
  if (walked === undefined) return new Unknown(TOO_LARGE);
  chargeSteps(walked);
  const text = pyRepr(v);
  chargeUnits(text.length);
  return text;
}

/** Dict keys the model can hold; a tuple or other key makes the dict unknowable. */
export function toKey(v: PyValue): PyKey | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return undefined;
}

/** Django reads a setting when `name.isupper()`: at least one cased letter and no lower-case one. */
export function isSettingName(name: string): boolean {
  return name.toUpperCase() === name && name.toLowerCase() !== name;
}

/** Turns parsed JSON into Python values, as `json.loads` would. */
export function fromJson(v: unknown): PyValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(fromJson);
  return new PyDict(new Map(Object.entries(v as object).map(([k, x]) => [k, fromJson(x)])));
}

/** What rules and reports may walk in one value: items counted as often as they are reached, and nesting. */
const REPORT_LIMITS = { items: 100_000, depth: 100 };

/**
 * Whether walking `v` (repr, JSON, equality) stays small: a list holding the same list twice, thirty
 * times over, is a few bytes to build and a billion items to print; a list holding itself never ends.
 */
export function fitsInReport(v: PyValue): boolean {
  return itemsWalked(v) !== undefined;
}

/** How many items walking `v` meets, each as often as it is reached; undefined past the limits. */
function itemsWalked(v: PyValue): number | undefined {
  let items = 0;
  const stack: Array<[PyValue, number]> = [[v, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (++items > REPORT_LIMITS.items || depth > REPORT_LIMITS.depth) return undefined;
    const inner = sequenceItems(value) ?? (value instanceof PyDict ? value.entries.values() : undefined);
    if (inner) for (const item of inner) stack.push([item, depth + 1]);
  }
  return items;
}
