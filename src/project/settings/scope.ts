import type { PyValue } from '../python-value.js';
import type { Provenance } from './provenance.js';
import type { Binding, Origin } from './types.js';

/** A Python namespace: a module's globals, or a comprehension's own variables over them. */
export class Scope {
  bindings = new Map<string, Binding>();
  /**
   * The module that a `from <module we cannot read> import *` named: any name we cannot find may
   * have come from it, so a missing name is unknown rather than a NameError.
   */
  opaqueStar?: string;

  constructor(readonly parent?: Scope) {}

  lookup(name: string): Binding | undefined {
    return this.bindings.get(name) ?? this.parent?.lookup(name);
  }

  /** Binds `name`; `provenance` is what the value was made from, when the evaluator knows (provenance.ts). */
  set(name: string, value: PyValue, origin: Origin, provenance?: Provenance): void {
    this.bindings.set(name, provenance ? { value, origin, provenance } : { value, origin });
  }

  /** The statement at `origin` changed the value in place (append, item assignment…). */
  touch(name: string, origin: Origin): void {
    const binding = this.bindings.get(name);
    if (binding) this.bindings.set(name, { ...binding, origin });
  }

  delete(name: string): boolean {
    return this.bindings.delete(name);
  }

  /** The innermost scope that may be missing names because of an unreadable star import. */
  starSource(): string | undefined {
    return this.opaqueStar ?? this.parent?.starSource();
  }
}
