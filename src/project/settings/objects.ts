/**
 * Behaviour an opaque object can implement to act like its Python counterpart: `os.environ` is
 * subscriptable, an `environ.Env` is callable and has methods, an `environ.Path` supports `-`.
 * The evaluator asks the object before falling back to "cannot know".
 */
import type { SyntaxNode as Node } from './syntax-node.js';
import { PyOpaque, PyPath, type PyDict, type PyValue, type Unknown } from '../python-value.js';
import type { Call, Frame } from './context.js';
import type { Provenance } from './provenance.js';

export interface ObjectBehaviour {
  getAttribute?(frame: Frame, name: string, node: Node): PyValue;
  setAttribute?(name: string, value: PyValue, frame?: Frame, provenance?: Provenance): boolean;
  callSelf?(call: Call): PyValue;
  callMethod?(call: Call, method: string): PyValue;
  getItem?(frame: Frame, key: PyValue, node: Node): PyValue;
  setItem?(frame: Frame, key: PyValue, value: PyValue, node: Node, provenance?: Provenance): void;
  deleteItem?(frame: Frame, key: PyValue, node: Node): void;
  contains?(frame: Frame, item: PyValue, node: Node): boolean | PyValue;
  /** The object as a dict, for `{**obj}` and `dict(obj)`: os.environ is a mapping. */
  asMapping?(frame: Frame): PyDict | Unknown;
  /** `self <op> other` (or `other <op> self` when reflected); undefined when the operator does not apply. */
  binary?(op: string, other: PyValue, reflected: boolean): PyValue | undefined;
}

/** The behaviour of library objects (opaque ones, and django-environ's Path); undefined for plain data. */
export function behaviour(v: PyValue): ObjectBehaviour | undefined {
  return v instanceof PyOpaque || v instanceof PyPath ? (v as ObjectBehaviour) : undefined;
}
