/**
 * The project's own classes: the body runs once and its names become class attributes; static
 * methods, class methods, plain methods, properties and instances with `__init__` follow Python.
 * A class with a base from outside the project may get anything from it: what the project's code
 * does not define is Unknown, and making an instance of one is not followed.
 */
import type { SyntaxNode as Node } from './syntax-node.js';
import { PyOpaque, Unknown, type PyValue } from '../python-value.js';
import { invoke } from './calls.js';
import { lineOf, snippet, type Call, type Frame } from './context.js';
import { evaluate, evaluateArguments, parts } from './expressions.js';
import { ClassBodyFrame, closureScope, keepScope } from './function-frame.js';
import { BoundFunction, PyFunction, callFunction } from './functions.js';
import type { ObjectBehaviour } from './objects.js';
import { Scope } from './scope.js';
import { PyRaise } from './signals.js';
import { execBlock } from './statements.js';
import type { Comparable } from './values.js';
import { own as ownProvenance, type Provenance } from './provenance.js';

/** `@staticmethod`, `@classmethod` and `@property` around a function. */
export class MethodWrapper extends PyOpaque implements ObjectBehaviour {
  constructor(
    readonly kind: 'staticmethod' | 'classmethod' | 'property',
    readonly fn: PyValue,
  ) {
    super(kind);
  }

  getAttribute(frame: Frame, name: string, node: Node): PyValue {
    // `@name.setter` keeps the getter: the evaluator only reads properties.
    if (this.kind === 'property' && (name === 'setter' || name === 'deleter' || name === 'getter')) return new PropertyChange(this);
    return frame.unknown(`${this.kind}.${name}`, node);
  }
}

class PropertyChange extends PyOpaque implements ObjectBehaviour {
  constructor(readonly property: MethodWrapper) {
    super('property.setter');
  }

  callSelf(): PyValue {
    return this.property;
  }
}

/** Where attribute lookup on a class ends: found, not there, or maybe in a base the project does not define. */
type Lookup = { value: PyValue; owner: PyClass; provenance: Provenance | undefined } | { missing: true } | { maybeIn: string };

export class PyClass extends PyOpaque implements ObjectBehaviour, Comparable {
  constructor(
    name: string,
    readonly namespace: Scope,
    readonly bases: PyValue[],
  ) {
    super(name);
  }

  sameAs(other: PyOpaque): boolean {
    return other === this;
  }

  /** Depth-first through the bases, left to right: Python's MRO for the single-inheritance helpers settings use. */
  find(name: string): Lookup {
    const own = this.namespace.bindings.get(name);
    if (own) return { value: own.value, owner: this, provenance: own.provenance };
    for (const base of this.bases) {
      if (base instanceof PyClass) {
        const found = base.find(name);
        if (!('missing' in found)) return found;
      } else if (!(base instanceof PyOpaque && base.name === 'object')) {
        return { maybeIn: base instanceof PyOpaque ? base.name : 'a base class not known' };
      }
    }
    return { missing: true };
  }

  getAttribute(frame: Frame, name: string, node: Node): PyValue {
    if (name === '__name__') return this.name;
    const found = this.find(name);
    if ('missing' in found) throw new PyRaise('AttributeError', `type object '${this.name}' has no attribute '${name}'`, frame.file, lineOf(node));
    if ('maybeIn' in found) return frame.unknown(`${this.name}.${name} may come from ${found.maybeIn}`, node);
    ownProvenance(frame.ev, found.provenance);
    const value = found.value;
    if (value instanceof MethodWrapper) {
      if (value.kind === 'classmethod') return value.fn instanceof PyFunction ? new BoundFunction(value.fn, this) : value.fn;
      if (value.kind === 'staticmethod') return value.fn;
    }
    return value;
  }

  setAttribute(name: string, value: PyValue, frame?: Frame, provenance?: Provenance): boolean {
    this.namespace.set(name, value, frame?.origin() ?? { file: '', line: 0 }, provenance);
    return true;
  }

  callSelf(call: Call): PyValue {
    const { frame, node } = call;
    const init = this.find('__init__');
    const creates = this.find('__new__');
    if ('maybeIn' in init || !('missing' in creates)) {
      frame.ev.noteMayRaise();
      return frame.unknown(`makes a ${this.name}, whose construction comes from code the evaluator does not run`, node);
    }
    const instance = new PyInstance(this, new Scope());
    keepScope(frame.ev, instance.attributes);
    if ('value' in init && init.value instanceof PyFunction) callFunction(call, init.value, { positional: [instance, ...call.args.positional], keywords: call.args.keywords });
    else if ('value' in init) return frame.unknown(`makes a ${this.name}, whose __init__ is not a plain function`, node);
    else if (call.args.positional.length > 0 || call.args.keywords.size > 0) throw new PyRaise('TypeError', `${this.name}() takes no arguments`, frame.file, lineOf(node));
    return instance;
  }
}

export class PyInstance extends PyOpaque implements ObjectBehaviour, Comparable {
  constructor(
    readonly cls: PyClass,
    readonly attributes: Scope,
  ) {
    super(`${cls.name} instance`);
  }

  sameAs(other: PyOpaque): boolean {
    return other === this;
  }

  getAttribute(frame: Frame, name: string, node: Node): PyValue {
    const own = this.attributes.bindings.get(name);
    if (own) {
      ownProvenance(frame.ev, own.provenance);
      return own.value;
    }
    if (name === '__class__') return this.cls;
    const found = this.cls.find(name);
    if ('missing' in found) throw new PyRaise('AttributeError', `'${this.cls.name}' object has no attribute '${name}'`, frame.file, lineOf(node));
    if ('maybeIn' in found) return frame.unknown(`${this.cls.name}().${name} may come from ${found.maybeIn}`, node);
    const value = found.value;
    ownProvenance(frame.ev, found.provenance);
    if (value instanceof PyFunction) return new BoundFunction(value, this);
    if (value instanceof MethodWrapper) {
      if (value.kind === 'staticmethod') return value.fn;
      if (value.kind === 'classmethod') return value.fn instanceof PyFunction ? new BoundFunction(value.fn, this.cls) : value.fn;
      if (value.fn instanceof PyFunction) return callFunction({ frame, node, args: { positional: [this], keywords: new Map() }, name }, value.fn, { positional: [this], keywords: new Map() });
      return frame.unknown(`${this.cls.name}().${name}, a property not known`, node);
    }
    return value;
  }

  setAttribute(name: string, value: PyValue, frame?: Frame, provenance?: Provenance): boolean {
    this.attributes.set(name, value, frame?.origin() ?? { file: '', line: 0 }, provenance);
    return true;
  }
}

/** Names of decorators that leave a function as it is, for what the evaluator reads. */
const TRANSPARENT = new Set(['functools.lru_cache', 'functools.cache', 'functools.wraps', 'typing.overload', 'typing.final']);

/** `@decorator` applied to what a definition made, innermost first. */
export function decorate(frame: Frame, decorators: Node[], made: PyValue): PyValue {
  let value = made;
  for (const decorator of [...decorators].reverse()) {
    const expression = parts(decorator)[0]!;
    const callee = expression.type === 'call' ? evaluate(frame, expression.childForFieldName('function')!) : undefined;
    if (callee instanceof PyOpaque && callee.constructor === PyOpaque && TRANSPARENT.has(callee.name)) continue;
    const applied = evaluate(frame, expression);
    if (applied instanceof PyOpaque && applied.constructor === PyOpaque) {
      if (applied.name === 'staticmethod' || applied.name === 'classmethod' || applied.name === 'property') {
        value = new MethodWrapper(applied.name, value);
        continue;
      }
      if (applied.name === 'functools.cached_property') {
        value = new MethodWrapper('property', value);
        continue;
      }
      if (TRANSPARENT.has(applied.name)) continue;
    }
    if (applied instanceof Unknown) return applied;
    value = invoke(frame, applied, { positional: [value], keywords: new Map() }, decorator);
  }
  return value;
}

/** `class Name(bases): body`. */
export function defineClass(frame: Frame, node: Node): PyValue {
  const name = node.childForFieldName('name')!.text;
  const args = evaluateArguments(frame, node.childForFieldName('superclasses'));
  if (args instanceof Unknown) return args;
  if (args.keywords.size > 0) return frame.unknown(`class ${name} with ${snippet(node.childForFieldName('superclasses')!)}, whose metaclass is not run`, node);
  const namespace = new Scope(frame.scope);
  keepScope(frame.ev, namespace);
  const origin = frame.origin();
  namespace.set('__module__', frame.module.name, origin);
  namespace.set('__qualname__', name, origin);
  const body = new ClassBodyFrame(frame.ev, frame.module, namespace, closureScope(frame));
  body.line = frame.line;
  execBlock(body, node.childForFieldName('body')!);
  return new PyClass(name, namespace, args.positional);
}
