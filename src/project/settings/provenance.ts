/**
 * Where a value came from, recorded by the evaluator as it makes the value: a literal of the code,
 * a variable of the environment (set, or its default applied), a call of a library, an import, or a
 * computation of several of these. It travels with the value: through names (Binding.provenance),
 * function arguments and returns, and into containers, where each dict key and list item keeps its
 * own (itemSources), so DATABASES['default']['PASSWORD'] knows it came from DATABASE_URL through
 * dj_database_url.parse(). Rules read it (sourcesOf) instead of guessing from line numbers.
 *
 * How it travels through expressions: every `evaluate()` leaves the provenance of the value it gave
 * in `ev.provenance`. A node that knows where its value came from says so (`own`); any other node's
 * value was computed from the values of its parts, which `evaluate()` collects.
 */
import { PyDict, PySet, PyTuple, type PyKey, type PyValue } from '../python-value.js';

export type Provenance = LiteralSource | EnvSource | CallSource | ImportSource | ComputedSource;

/** Written in the code: a literal, or a display (`{...}`, `[...]`) whose items keep their own. */
export interface LiteralSource {
  kind: 'literal';
  file: string;
  line: number;
}

/** A read of the environment. `file`/`line`/`via` are where the settings made it, as in EnvRead. */
export interface EnvSource {
  kind: 'env';
  name: string;
  /** The call as the settings wrote it: os.environ, os.getenv, a project helper (`get_string`)… */
  via: string;
  file: string;
  line: number;
  /** Whether the variable was set; when not, the value is the default's (or None, or a raise). */
  set: boolean;
  /** What the default was made from, when it applied. */
  default?: Provenance;
  /** The settings set the variable themselves before this read (os.environ.setdefault, load_dotenv…). */
  written?: EnvWrite;
}

/** A write to the environment by the settings: where, and what the written value was made from. */
export interface EnvWrite {
  file: string;
  line: number;
  value?: Provenance;
  /** The settings removed the variable (`del os.environ['X']`, `pop`). */
  deleted?: boolean;
}

/** What a library call (one the evaluator models) gave: made from its arguments and the variables it read. */
export interface CallSource {
  kind: 'call';
  callee: string;
  file: string;
  line: number;
  args: Provenance[];
}

/** A name imported from a module the evaluator does not read. */
export interface ImportSource {
  kind: 'import';
  module: string;
  file: string;
  line: number;
}

/** Computed from several values: an operator, an f-string, a fallback (`a or b`). */
export interface ComputedSource {
  kind: 'computed';
  from: Provenance[];
}

/** A computation keeps at most this many parts: enough to tell literal from environment, never a long chain. */
const MAX_PARTS = 16;

/**
 * The parts a node's value was computed from, as `evaluate()` collects them: none, one (most
 * nodes, kept without an array), or several.
 */
export type Parts = Provenance | Provenance[] | undefined;

/** The parts as a list. */
export function partList(parts: Parts): Provenance[] {
  return parts === undefined ? [] : Array.isArray(parts) ? parts : [parts];
}

/** Provenance of a value computed from `parts`: nothing, the one part, or their flattened union. */
export function derived(parts: Parts | readonly Provenance[]): Provenance | undefined {
  if (!parts) return undefined;
  if (!Array.isArray(parts)) return parts as Provenance;
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  const from: Provenance[] = [];
  for (const part of parts) {
    for (const leaf of part.kind === 'computed' ? part.from : [part]) {
      if (from.length >= MAX_PARTS) return { kind: 'computed', from };
      if (!from.includes(leaf)) from.push(leaf);
    }
  }
  return from.length === 1 ? from[0] : { kind: 'computed', from };
}

/** What a container's items were made from, each with the value it was recorded for (a later change not recorded shows). */
interface ItemSource {
  value: PyValue;
  provenance: Provenance | undefined;
}

/** A container's records; `shared` while a copy (a fork's) holds the same box: the first to change it copies it. */
interface ItemSources {
  map: Map<PyKey, ItemSource>;
  shared: boolean;
}

type Container = PyDict | PyValue[] | PyTuple | PySet;

/** Lists are plain arrays: their records hang off this key (dicts, tuples and sets have a field). */
const LIST_SOURCES = Symbol('itemSources');

function boxOf(container: Container): ItemSources | undefined {
  return (Array.isArray(container) ? (container as { [LIST_SOURCES]?: ItemSources })[LIST_SOURCES] : container.itemSources) as ItemSources | undefined;
}

function setBox(container: Container, box: ItemSources): void {
  if (Array.isArray(container)) (container as { [LIST_SOURCES]?: ItemSources })[LIST_SOURCES] = box;
  else container.itemSources = box;
}

function isContainer(v: PyValue | undefined): v is Container {
  return Array.isArray(v) || v instanceof PyDict || v instanceof PyTuple || v instanceof PySet;
}

/** Records where the item under `key` (a dict key, a list index) came from. */
export function recordItem(container: PyValue, key: PyKey, value: PyValue, provenance: Provenance | undefined): void {
  if (!isContainer(container)) return;
  let box = boxOf(container);
  if (!box) setBox(container, (box = { map: new Map(), shared: false }));
  else if (box.shared) setBox(container, (box = { map: new Map(box.map), shared: false }));
  box.map.set(key, { value, provenance });
}

/** Records every item of a list or tuple by index. */
export function recordItems(container: PyValue, items: readonly PyValue[], provenances: ReadonlyArray<Provenance | undefined>): void {
  for (let i = 0; i < items.length; i++) if (provenances[i]) recordItem(container, i, items[i]!, provenances[i]);
}

/**
 * A copy of a container (a fork's deep copy) keeps its items' records: shared until either side
 * records a change, as forks copy every live value at every undecidable branch.
 */
export function copyItemSources(from: PyValue, to: PyValue): void {
  if (!isContainer(from) || !isContainer(to)) return;
  const box = boxOf(from);
  if (!box) return;
  box.shared = true;
  setBox(to, box);
}

function entryOf(container: Container, key: PyKey): PyValue | undefined {
  if (container instanceof PyDict) return container.get(key);
  const items = container instanceof PyTuple || container instanceof PySet ? container.items : container;
  return typeof key === 'number' ? items[key] : undefined;
}

/**
 * Where the item under `key` came from. An item recorded (and not changed since) has its own; an
 * item of something a library made (dj_database_url.parse(), a comprehension) was made from what
 * made the container; an item of a display with no record is not known.
 */
export function itemProvenance(container: PyValue, key: PyKey, containerProvenance: Provenance | undefined): Provenance | undefined {
  if (!isContainer(container)) return undefined;
  const source = boxOf(container)?.map.get(key);
  const value = entryOf(container, key);
  // A recorded container item matches its copies too (a fork copies the item along with the container).
  if (source && value !== undefined && (source.value === value || (isContainer(source.value) && isContainer(value)))) return source.provenance;
  return containerProvenance?.kind === 'literal' ? undefined : containerProvenance;
}

/** Each item of a list, tuple or set, with where it came from. */
export function itemProvenances(container: PyValue, containerProvenance: Provenance | undefined): Array<Provenance | undefined> {
  const items = Array.isArray(container) ? container : container instanceof PyTuple || container instanceof PySet ? container.items : [];
  return items.map((_, i) => itemProvenance(container, i, containerProvenance));
}

/** The leaves a value was made from, with environment reads resolved to what the value really is. */
export interface Sources {
  /** Literals of the code the value is (or is computed from). */
  literals: LiteralSource[];
  /** Config vars that were set and that the value came from. */
  environment: EnvSource[];
  /** Variables read but not set, whose default (or None) the value is. */
  unset: EnvSource[];
  /** Something else: a library name, a file the settings loaded, a part with no record. */
  other: number;
}

/** Resolves a provenance down to its leaves: a settings' own write is followed to what was written. */
export function sourcesOf(provenance: Provenance | undefined, into: Sources = { literals: [], environment: [], unset: [], other: 0 }, depth = 0): Sources {
  if (!provenance || depth > 32) {
    into.other++;
    return into;
  }
  switch (provenance.kind) {
    case 'literal':
      into.literals.push(provenance);
      break;
    case 'env':
      if (provenance.written && provenance.set) sourcesOf(provenance.written.value, into, depth + 1);
      else if (provenance.set) into.environment.push(provenance);
      else {
        into.unset.push(provenance);
        if (provenance.default) sourcesOf(provenance.default, into, depth + 1);
      }
      break;
    case 'call':
      if (provenance.args.length === 0) into.other++;
      for (const arg of provenance.args) sourcesOf(arg, into, depth + 1);
      break;
    case 'import':
      into.other++;
      break;
    case 'computed':
      for (const part of provenance.from) sourcesOf(part, into, depth + 1);
      break;
  }
  return into;
}

/**
 * The sources of a whole value: a container's are its items' (each with its own record), so a
 * list of literal keys is literal and a dict holding one config var is not.
 */
export function valueSources(value: PyValue, provenance: Provenance | undefined, into: Sources = { literals: [], environment: [], unset: [], other: 0 }, depth = 0): Sources {
  if (!isContainer(value) || depth > 8) return sourcesOf(provenance, into);
  if (value instanceof PyDict) {
    for (const [key, item] of value.entries) valueSources(item, itemProvenance(value, key, provenance), into, depth + 1);
  } else {
    const items = Array.isArray(value) ? value : value.items;
    items.forEach((item, i) => valueSources(item, itemProvenance(value, i, provenance), into, depth + 1));
  }
  return into;
}

/** Where the value under `path` inside a binding's value came from (path [] is the binding itself). */
export function provenanceAt(value: PyValue, provenance: Provenance | undefined, path: readonly PyKey[]): { value: PyValue; provenance: Provenance | undefined } | undefined {
  let current = value;
  let source = provenance;
  for (const key of path) {
    if (!isContainer(current)) return undefined;
    const next = entryOf(current, key);
    if (next === undefined) return undefined;
    source = itemProvenance(current, key, source);
    current = next;
  }
  return { value: current, provenance: source };
}

/** The environment reads a provenance holds anywhere (for a condition that decided a branch). */
export function envReadsIn(provenance: Provenance | undefined, into: EnvSource[] = [], depth = 0): EnvSource[] {
  if (!provenance || depth > 32) return into;
  if (provenance.kind === 'env') into.push(provenance);
  else if (provenance.kind === 'call') for (const arg of provenance.args) envReadsIn(arg, into, depth + 1);
  else if (provenance.kind === 'computed') for (const part of provenance.from) envReadsIn(part, into, depth + 1);
  return into;
}

/** `ownProvenance` before the node says anything: its value is computed from its parts. */
export const DERIVE = Symbol('derive');

/** The evaluator's slots for the provenance of the expression being evaluated (see `evaluate()`). */
export interface ProvenanceSlots {
  provenance: Provenance | undefined;
  ownProvenance: Provenance | undefined | typeof DERIVE;
  provenanceParts: Parts;
}

/** The node being evaluated knows where its value came from. */
export function own(ev: ProvenanceSlots, provenance: Provenance | undefined): void {
  ev.ownProvenance = provenance;
}

/** What the node being evaluated said its value came from so far; undefined when it said nothing. */
export function ownedProvenance(ev: ProvenanceSlots): Provenance | undefined {
  return ev.ownProvenance === DERIVE ? undefined : ev.ownProvenance;
}

/** A part the node's value may be computed from (an argument, an environment variable a library read). */
export function addPart(ev: ProvenanceSlots, provenance: Provenance | undefined): void {
  if (!provenance) return;
  const parts = ev.provenanceParts;
  if (!parts) ev.provenanceParts = provenance;
  else if (!Array.isArray(parts)) {
    if (parts !== provenance) ev.provenanceParts = [parts, provenance];
  }
  else if (parts.length < 4 * MAX_PARTS && parts.at(-1) !== provenance) parts.push(provenance);
}
