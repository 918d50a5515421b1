/** Attribute access and subscripts: `obj.name`, `obj[key]`, `obj[a:b]`, and assigning to them. */
import type { SyntaxNode as Node } from './syntax-node.js';
import { PyDict, PyOpaque, PyPath, PySet, PyTuple, Unknown, type PyValue } from '../python-value.js';
import type { Frame } from './context.js';
import { resolveQualified } from './libraries.js';
import { behaviour } from './objects.js';
import { pathAttribute } from './paths.js';
import { PyRaise } from './signals.js';
import { BoundMethod, ProjectModule, toKey, typeName } from './values.js';
import { own, recordItem, type Provenance } from './provenance.js';

function raise(frame: Frame, exception: string, message: string): PyRaise {
  return new PyRaise(exception, message, frame.file, frame.line);
}

export function getAttribute(frame: Frame, obj: PyValue, name: string, node: Node): PyValue {
  if (obj instanceof Unknown) return obj;
  const custom = behaviour(obj)?.getAttribute;
  if (custom) return custom.call(obj, frame, name, node);
  if (obj instanceof PyPath) return pathAttribute(frame, obj, name, node);
  if (obj instanceof ProjectModule) {
    const binding = obj.scope.bindings.get(name);
    own(frame.ev, binding?.provenance);
    if (binding) return binding.value;
    const submodule = frame.ev.modules.get(`${obj.name}.${name}`);
    if (submodule) return new ProjectModule(submodule.name, submodule.scope);
    if (obj.scope.opaqueStar) return frame.unknown(`${obj.name}.${name} may come from \`from ${obj.scope.opaqueStar} import *\``, node);
    throw raise(frame, 'AttributeError', `module '${obj.name}' has no attribute '${name}'`);
  }
  if (obj instanceof PyOpaque) {
    // A plain opaque value is a name in a module we do not read: its attributes are names too.
    if (obj.constructor === PyOpaque) return resolveQualified(frame, `${obj.name}.${name}`);
    return frame.unknown(`${obj.name}.${name}`, node);
  }
  if (typeof obj === 'string' || Array.isArray(obj) || obj instanceof PyDict || obj instanceof PySet || obj instanceof PyTuple) return new BoundMethod(obj, name);
  return frame.unknown(`${typeName(obj)}.${name}`, node);
}

/** `obj.name = value`; false when the model cannot hold it. */
export function setAttribute(obj: PyValue, name: string, value: PyValue, frame: Frame, provenance?: Provenance): boolean {
  if (obj instanceof ProjectModule) {
    obj.scope.set(name, value, frame.origin(), provenance);
    return true;
  }
  return behaviour(obj)?.setAttribute?.(name, value, frame, provenance) ?? false;
}

/** A list or string index, negative counting from the end; undefined when out of range. */
function position(length: number, index: number): number | undefined {
  const at = index < 0 ? length + index : index;
  return at >= 0 && at < length && Number.isInteger(at) ? at : undefined;
}

export function getItem(frame: Frame, obj: PyValue, key: PyValue, node: Node): PyValue {
  if (obj instanceof Unknown) return obj;
  const custom = behaviour(obj)?.getItem;
  if (custom) return custom.call(obj, frame, key, node);
  if (key instanceof Unknown) return key;
  if (obj instanceof PyDict) {
    const k = toKey(key);
    if (k === undefined) return frame.unknown(`a dict key of type ${typeName(key)}`, node);
    const value = obj.entries.get(k);
    // The key is not quoted: it may come from the environment.
    if (value === undefined) throw raise(frame, 'KeyError', 'KeyError: the dict has no such key');
    return value;
  }
  const sequence = typeof obj === 'string' ? [...obj] : Array.isArray(obj) ? obj : obj instanceof PyTuple ? obj.items : undefined;
  if (sequence) {
    if (typeof key !== 'number' && typeof key !== 'boolean') throw raise(frame, 'TypeError', `${typeName(obj)} indices must be integers, not ${typeName(key)}`);
    const at = position(sequence.length, Number(key));
    if (at === undefined) throw raise(frame, 'IndexError', `${typeName(obj)} index out of range`);
    return sequence[at]!;
  }
  throw raise(frame, 'TypeError', `'${typeName(obj)}' object is not subscriptable`);
}

/** `obj[start:stop:step]` on strings, lists and tuples. */
export function getSlice(frame: Frame, obj: PyValue, bounds: Array<PyValue | undefined>, node: Node): PyValue {
  if (obj instanceof Unknown) return obj;
  const unknown = bounds.find((b): b is Unknown => b instanceof Unknown);
  if (unknown) return unknown;
  const sequence = typeof obj === 'string' ? [...obj] : Array.isArray(obj) ? obj : obj instanceof PyTuple ? obj.items : undefined;
  if (!sequence) return frame.unknown(`a slice of ${typeName(obj)}`, node);
  const [start, stop, step] = bounds.map((b) => (b === undefined || b === null ? undefined : Number(b)));
  const picked = slice(sequence, start, stop, step ?? 1);
  if (picked === undefined) throw raise(frame, 'ValueError', 'slice step cannot be zero');
  if (typeof obj === 'string') return picked.join('');
  return Array.isArray(obj) ? picked : new PyTuple(picked);
}

function slice<T>(items: T[], start: number | undefined, stop: number | undefined, step: number): T[] | undefined {
  if (step === 0) return undefined;
  const n = items.length;
  const clamp = (v: number, low: number, high: number) => Math.min(Math.max(v < 0 ? v + n : v, low), high);
  const out: T[] = [];
  if (step > 0) {
    for (let i = start === undefined ? 0 : clamp(start, 0, n); i < (stop === undefined ? n : clamp(stop, 0, n)); i += step) out.push(items[i]!);
  } else {
    for (let i = start === undefined ? n - 1 : clamp(start, -1, n - 1); i > (stop === undefined ? -1 : clamp(stop, -1, n - 1)); i += step) out.push(items[i]!);
  }
  return out;
}

/**
 * `obj[key] = value`. Returns false when the container cannot be kept exact (an unknown key): the
 * caller then treats the whole container as unknown.
 */
export function setItem(frame: Frame, obj: PyValue, key: PyValue, value: PyValue, node: Node, provenance?: Provenance): boolean {
  if (obj instanceof Unknown) return true;
  const custom = behaviour(obj)?.setItem;
  if (custom) {
    custom.call(obj, frame, key, value, node, provenance);
    return true;
  }
  if (key instanceof Unknown) return false;
  if (obj instanceof PyDict) {
    const k = toKey(key);
    if (k === undefined) return false;
    obj.entries.set(k, value);
    recordItem(obj, k, value, provenance);
    return true;
  }
  if (Array.isArray(obj)) {
    if (typeof key !== 'number') throw raise(frame, 'TypeError', `list indices must be integers, not ${typeName(key)}`);
    const at = position(obj.length, key);
    if (at === undefined) throw raise(frame, 'IndexError', 'list assignment index out of range');
    obj[at] = value;
    recordItem(obj, at, value, provenance);
    return true;
  }
  throw raise(frame, 'TypeError', `'${typeName(obj)}' object does not support item assignment`);
}

export function deleteItem(frame: Frame, obj: PyValue, key: PyValue, node: Node): boolean {
  if (obj instanceof Unknown) return true;
  const custom = behaviour(obj)?.deleteItem;
  if (custom) {
    custom.call(obj, frame, key, node);
    return true;
  }
  if (key instanceof Unknown) return false;
  if (obj instanceof PyDict) {
    const k = toKey(key);
    if (k === undefined || !obj.entries.delete(k)) throw raise(frame, 'KeyError', 'KeyError: del of a key the dict does not have');
    return true;
  }
  if (Array.isArray(obj) && typeof key === 'number') {
    const at = position(obj.length, key);
    if (at === undefined) throw raise(frame, 'IndexError', 'list assignment index out of range');
    obj.splice(at, 1);
    return true;
  }
  return false;
}
