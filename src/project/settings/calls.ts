/** Calling a value: methods, library functions by name, callable objects; everything else is unknown. */
import type { SyntaxNode as Node } from './syntax-node.js';
import { PyOpaque, PyPath, Unknown, type PyValue } from '../python-value.js';
import { getAttribute } from './attributes.js';
import type { Call, CallArgs, Frame } from './context.js';
import { handlerFor } from './libraries.js';
import { callBuiltinMethod } from './methods.js';
import { behaviour } from './objects.js';
import { callPathMethod } from './paths.js';
import { PyRaise } from './signals.js';
import { BoundMethod, ScopeRef, UserFunction, typeName } from './values.js';

export function invoke(frame: Frame, callee: PyValue, args: CallArgs, node: Node): PyValue {
  if (callee instanceof Unknown) return callee;
  const call: Call = { frame, args, node, name: callee instanceof PyOpaque ? callee.name : typeName(callee) };
  if (callee instanceof BoundMethod) {
    const self = callee.self;
    const custom = behaviour(self)?.callMethod;
    if (custom) return custom.call(self, call, callee.method);
    if (self instanceof PyPath) return callPathMethod(call, self, callee.method);
    return callBuiltinMethod(call, self, callee.method);
  }
  const custom = behaviour(callee)?.callSelf;
  if (custom) return custom.call(callee, call);
  if (callee instanceof UserFunction) {
    frame.ev.noteMayRaise();
    return frame.unknown(`calls ${callee.name}(), a function of the project, which is not run`, node);
  }
  if (callee instanceof PyOpaque && callee.constructor === PyOpaque) {
    const reflective = REFLECTIVE[callee.name];
    if (reflective) return reflective(call);
    const handler = handlerFor(callee.name);
    if (handler) return handler(call);
    frame.ev.noteMayRaise();
    return frame.unknown(`calls ${callee.name}()`, node);
  }
  if (callee instanceof PyOpaque) {
    frame.ev.noteMayRaise();
    return frame.unknown(`calls ${callee.name}`, node);
  }
  throw new PyRaise('TypeError', `'${typeName(callee)}' object is not callable`, frame.file, frame.line);
}

/** Builtins that look at the evaluator itself: its names and its attribute lookup. */
const REFLECTIVE: Record<string, (call: Call) => PyValue> = {
  locals: (call) => new ScopeRef(call.frame.module.scope),
  globals: (call) => new ScopeRef(call.frame.module.scope),
  vars: (call) => (call.args.positional.length ? call.frame.unknown('vars() of an object', call.node) : new ScopeRef(call.frame.module.scope)),
  getattr: (call) => {
    const [obj, name, fallback] = call.args.positional;
    if (name instanceof Unknown) return name;
    if (typeof name !== 'string') throw new PyRaise('TypeError', 'attribute name must be string', call.frame.file, call.frame.line);
    try {
      return getAttribute(call.frame, obj ?? null, name, call.node);
    } catch (error) {
      if (error instanceof PyRaise && error.exception === 'AttributeError' && fallback !== undefined) return fallback;
      throw error;
    }
  },
  hasattr: (call) => {
    const [obj, name] = call.args.positional;
    if (typeof name !== 'string') return call.frame.unknown('hasattr() of a name not known', call.node);
    try {
      const value = getAttribute(call.frame, obj ?? null, name, call.node);
      return value instanceof Unknown ? value : true;
    } catch (error) {
      if (error instanceof PyRaise && error.exception === 'AttributeError') return false;
      throw error;
    }
  },
};
