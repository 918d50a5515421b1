/**
 * Python values as the static settings evaluator knows them. Plain JS values stand for Python's
 * None/bool/int/float/str/list; classes mark the kinds JS lacks. `Unknown` is a value the evaluator
 * could not determine without running code: rules that meet it say they cannot tell, never guess.
 */

export class Unknown {
  constructor(
    /** Why it cannot be known, for the user: "reads os.environ['X'] which is not set", "calls foo()". */
    readonly reason: string,
    readonly file?: string,
    readonly line?: number,
  ) {}
}

export class PyTuple {
  /** Where each item came from, as the settings evaluator recorded it (settings/provenance.ts). */
  itemSources?: unknown;
  constructor(readonly items: PyValue[]) {}
}

export class PySet {
  itemSources?: unknown;
  constructor(readonly items: PyValue[]) {}
}

/** Dict keys are restricted to the hashable primitives settings use. */
export type PyKey = string | number | boolean | null;

export class PyDict {
  /** Where each key's value came from, as the settings evaluator recorded it (settings/provenance.ts). */
  itemSources?: unknown;
  constructor(readonly entries: Map<PyKey, PyValue> = new Map()) {}
  get(key: PyKey): PyValue | undefined {
    return this.entries.get(key);
  }
}

/** A pathlib.Path (or an os.path string built from __file__): absolute, forward slashes. */
export class PyPath {
  constructor(readonly path: string) {}
  toString(): string {
    return this.path;
  }
}

/**
 * Something that exists but is not data: a module, a function, a class, an env helper object.
 * `name` is its dotted origin when known (`environ.Env`, `decouple.config`).
 */
export class PyOpaque {
  constructor(readonly name: string) {}
}

export type PyValue = null | boolean | number | string | PyValue[] | PyTuple | PySet | PyDict | PyPath | PyOpaque | Unknown;

/** Python truthiness; Unknown when the value (or a container's emptiness) cannot be known. */
export function truthy(v: PyValue): boolean | Unknown {
  if (v instanceof Unknown) return v;
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyTuple || v instanceof PySet) return v.items.length > 0;
  if (v instanceof PyDict) return v.entries.size > 0;
  return true;
}

/** The items of a list, tuple or set; undefined when `v` is not a sequence. */
export function sequenceItems(v: PyValue): PyValue[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof PyTuple || v instanceof PySet) return v.items;
  return undefined;
}

/**
 * Python's `needle in seq` for string items: true/false when decidable, Unknown when the sequence is
 * unknown or holds unknown items and the needle was not found among the known ones.
 */
export function containsString(seq: PyValue, needle: string): boolean | Unknown {
  if (seq instanceof Unknown) return seq;
  if (typeof seq === 'string') return seq.includes(needle);
  if (seq instanceof PyDict) return seq.entries.has(needle);
  const items = sequenceItems(seq);
  if (!items) return new Unknown('not a sequence');
  let unknown: Unknown | undefined;
  for (const item of items) {
    if (item === needle) return true;
    if (item instanceof Unknown) unknown ??= item;
  }
  return unknown ?? false;
}

/** A JSON-able rendering for `--format json` and for comparing with real Python's output. */
export function toJson(v: PyValue): unknown {
  if (v instanceof Unknown) return { unknown: v.reason };
  if (v instanceof PyTuple || v instanceof PySet) return v.items.map(toJson);
  if (Array.isArray(v)) return v.map(toJson);
  if (v instanceof PyDict) return Object.fromEntries([...v.entries].map(([k, x]) => [String(k), toJson(x)]));
  if (v instanceof PyPath) return v.path;
  if (v instanceof PyOpaque) return `<${v.name}>`;
  return v;
}

/** Python's repr, for messages: `'abc'`, `True`, `None`, `[1, 2]`. */
export function pyRepr(v: PyValue): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (v instanceof Unknown) return '<unknown>';
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (v instanceof PyTuple) return v.items.length === 1 ? `(${pyRepr(v.items[0])},)` : `(${v.items.map(pyRepr).join(', ')})`;
  if (v instanceof PySet) return `{${v.items.map(pyRepr).join(', ')}}`;
  if (v instanceof PyDict) return `{${[...v.entries].map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  if (v instanceof PyPath) return `PosixPath('${v.path}')`;
  return `<${v.name}>`;
}

/** Python's type name of a value (`str`, `dict`, `PosixPath`), for messages that must not echo the value. */
export function typeName(v: PyValue): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  if (v instanceof PyTuple) return 'tuple';
  if (v instanceof PySet) return 'set';
  if (v instanceof PyDict) return 'dict';
  if (v instanceof PyPath) return 'PosixPath';
  if (v instanceof Unknown) return 'unknown';
  return v.name;
}
