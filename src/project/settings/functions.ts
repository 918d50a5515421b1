/**
 * The project's own `def` and `lambda`, run when called: positional, keyword and default arguments,
 * `*args`/`**kwargs`, closures over the scopes they were defined in, `return` (also inside branches
 * the evaluator cannot decide). Generators and coroutines are not run: calling one gives Unknown.
 */
import type { SyntaxNode as Node } from './syntax-node.js';
import { PyDict, PyOpaque, PyTuple, Unknown, type PyValue } from '../python-value.js';
import { lineOf, type Call, type CallArgs, type Frame } from './context.js';
import { derived, own, recordItem, recordItems, type Provenance } from './provenance.js';
import { evaluate, parts } from './expressions.js';
import { captureState, mergeStates, mergeValues, applyState } from './forks.js';
import { CallFrame, LocalScope, MAX_CALLS, MAX_CALL_DEPTH, ReturnSignal, callBook, closureScope, inCall, keepScope } from './function-frame.js';
import type { ObjectBehaviour } from './objects.js';
import type { Scope } from './scope.js';
import { PyRaise } from './signals.js';
import { execBlock } from './statements.js';
import { UserFunction, type Comparable } from './values.js';

interface Parameter {
  name: string;
  kind: 'positional' | 'star' | 'keyword' | 'double-star';
  /** The default, evaluated once when the function was defined. */
  fallback?: PyValue;
  /** What the default was made from: a helper's `default=None` is a literal of the helper. */
  fallbackProvenance?: Provenance | undefined;
}

/** A `def` or `lambda` of the project, with what it closes over. */
export class PyFunction extends UserFunction implements ObjectBehaviour, Comparable {
  constructor(
    name: string,
    readonly node: Node,
    readonly frame: Frame,
    readonly closure: Scope,
    readonly parameters: Parameter[],
    /** Why it is not run (a generator, a coroutine), when it is not. */
    readonly notRun?: string,
  ) {
    super(name);
  }

  sameAs(other: PyOpaque): boolean {
    return other === this;
  }

  getAttribute(frame: Frame, name: string, node: Node): PyValue {
    if (name === '__name__') return this.name;
    return frame.unknown(`${this.name}.${name}`, node);
  }

  callSelf(call: Call): PyValue {
    return callFunction(call, this, call.args);
  }
}

/** A function with its first argument given: a method of an instance, or a classmethod of its class. */
export class BoundFunction extends PyOpaque implements ObjectBehaviour, Comparable {
  constructor(
    readonly fn: PyFunction,
    readonly self: PyValue,
  ) {
    super(fn.name);
  }

  sameAs(other: PyOpaque): boolean {
    return other instanceof BoundFunction && other.fn === this.fn && other.self === this.self;
  }

  callSelf(call: Call): PyValue {
    return callFunction(call, this.fn, { positional: [this.self, ...call.args.positional], keywords: call.args.keywords });
  }
}

/** The function a `def` statement (or a `lambda`) creates in `frame`; defaults are evaluated now, as Python does. */
export function makeFunction(frame: Frame, node: Node): PyFunction {
  const lambda = node.type === 'lambda';
  const name = lambda ? '<lambda>' : node.childForFieldName('name')!.text;
  const parameters = readParameters(frame, node.childForFieldName('parameters'));
  const closure = closureScope(frame);
  // A closure keeps its defining call's names alive: they fork and merge like a module's from now on.
  if (inCall(frame)) keepScope(frame.ev, closure);
  const isAsync = !lambda && node.children.some((c) => c.type === 'async');
  const body = node.childForFieldName('body');
  const notRun = isAsync ? 'a coroutine function (async def)' : !lambda && body && yields(body) ? 'a generator function' : undefined;
  return new PyFunction(name, node, frame, closure, parameters, notRun);
}

function readParameters(frame: Frame, node: Node | null): Parameter[] {
  const parameters: Parameter[] = [];
  let keywordOnly = false;
  for (const p of node ? parts(node) : []) {
    switch (p.type) {
      case 'identifier':
        parameters.push({ name: p.text, kind: keywordOnly ? 'keyword' : 'positional' });
        break;
      case 'typed_parameter': {
        const inner = parts(p)[0]!;
        if (inner.type === 'list_splat_pattern') {
          parameters.push({ name: parts(inner)[0]!.text, kind: 'star' });
          keywordOnly = true;
        } else if (inner.type === 'dictionary_splat_pattern') {
          parameters.push({ name: parts(inner)[0]!.text, kind: 'double-star' });
        } else {
          parameters.push({ name: inner.text, kind: keywordOnly ? 'keyword' : 'positional' });
        }
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter':
        parameters.push({ name: p.childForFieldName('name')!.text, kind: keywordOnly ? 'keyword' : 'positional', fallback: evaluate(frame, p.childForFieldName('value')!), fallbackProvenance: frame.ev.provenance });
        break;
      case 'list_splat_pattern':
        parameters.push({ name: parts(p)[0]!.text, kind: 'star' });
        keywordOnly = true;
        break;
      case 'keyword_separator':
        keywordOnly = true;
        break;
      case 'dictionary_splat_pattern':
        parameters.push({ name: parts(p)[0]!.text, kind: 'double-star' });
        break;
      // `/` (positional-only) changes nothing the evaluator needs.
    }
  }
  return parameters;
}

/** Whether a function body yields (its own, not a nested function's). */
function yields(node: Node): boolean {
  for (const child of node.namedChildren) {
    if (child.type === 'yield') return true;
    if (child.type === 'function_definition' || child.type === 'lambda' || child.type === 'class_definition') continue;
    if (yields(child)) return true;
  }
  return false;
}

function typeError(frame: Frame, message: string): PyRaise {
  return new PyRaise('TypeError', message, frame.file, frame.line);
}

/** Python's argument binding: positional, then keywords, then defaults; `*args` and `**kwargs` take the rest. */
function bindArguments(call: Call, fn: PyFunction, args: CallArgs, scope: LocalScope): void {
  const { frame } = call;
  const origin = { file: fn.frame.file, line: fn.node.startPosition.row + 1 };
  const positional = [...args.positional];
  // Arguments keep their provenance inside the function: get_string('X', 'dev') returns the call site's 'dev'.
  const positionalProvenance = [...(args.provenance?.positional ?? [])];
  const keywords = new Map(args.keywords);
  const bound = new Set<string>();
  for (const p of fn.parameters) {
    if (p.kind === 'positional' && positional.length > 0) {
      scope.set(p.name, positional.shift()!, origin, positionalProvenance.shift());
      bound.add(p.name);
    } else if (p.kind === 'star') {
      const rest = new PyTuple(positional.splice(0));
      recordItems(rest, rest.items, positionalProvenance.splice(0));
      scope.set(p.name, rest, origin);
      bound.add(p.name);
    }
  }
  if (positional.length > 0) throw typeError(frame, `${fn.name}() takes ${fn.parameters.filter((p) => p.kind === 'positional').length} positional arguments but ${args.positional.length} were given`);
  const rest = fn.parameters.find((p) => p.kind === 'double-star');
  const extra = new PyDict();
  for (const [name, value] of keywords) {
    const p = fn.parameters.find((q) => q.name === name && (q.kind === 'positional' || q.kind === 'keyword'));
    if (p) {
      if (bound.has(name)) throw typeError(frame, `${fn.name}() got multiple values for argument '${name}'`);
      scope.set(name, value, origin, args.provenance?.keywords.get(name));
      bound.add(name);
    } else if (rest) {
      extra.entries.set(name, value);
      recordItem(extra, name, value, args.provenance?.keywords.get(name));
    } else {
      throw typeError(frame, `${fn.name}() got an unexpected keyword argument '${name}'`);
    }
  }
  if (rest) scope.set(rest.name, extra, origin);
  for (const p of fn.parameters) {
    if (bound.has(p.name) || p.kind === 'star' || p.kind === 'double-star') continue;
    if (p.fallback === undefined) throw typeError(frame, `${fn.name}() missing required argument: '${p.name}'`);
    scope.set(p.name, p.fallback, origin, p.fallbackProvenance);
  }
}

/** Runs the function on `args` and gives what it returns; Unknown (with why) where it cannot be run. */
export function callFunction(call: Call, fn: PyFunction, args: CallArgs): PyValue {
  const { frame, node } = call;
  const ev = frame.ev;
  if (fn.notRun) {
    ev.noteMayRaise();
    return frame.unknown(`calls ${fn.name}(), ${fn.notRun}, which is not run`, node);
  }
  const book = callBook(ev);
  if (book.depth >= MAX_CALL_DEPTH) {
    ev.noteMayRaise();
    return frame.unknown(`calls ${fn.name}() more than ${MAX_CALL_DEPTH} calls deep, which is not followed`, node);
  }
  if (++book.calls > MAX_CALLS) {
    ev.noteMayRaise();
    return frame.unknown(`calls ${fn.name}() after ${MAX_CALLS} calls of project functions, more than the evaluation follows`, node);
  }
  const scope = new LocalScope(fn.closure, fn.frame.module.scope);
  const callFrame = new CallFrame(ev, fn.frame.module, scope, `${fn.name}()`);
  callFrame.line = fn.node.startPosition.row + 1;
  bindArguments(call, fn, args, scope);
  book.depth++;
  book.active.push(scope);
  book.sites.push({ origin: frame.origin(node.startPosition.row + 1), callee: fn.name });
  try {
    const { value, provenance } = run(callFrame, fn);
    // What the function returned is what the call gives, made from what the return was made from.
    own(ev, provenance);
    return value;
  } finally {
    book.sites.pop();
    book.active.pop();
    book.depth--;
    ev.speculative -= callFrame.addedSpeculation;
  }
}

function run(frame: CallFrame, fn: PyFunction): { value: PyValue; provenance: Provenance | undefined } {
  const body = fn.node.childForFieldName('body')!;
  if (fn.node.type === 'lambda') {
    const value = evaluate(frame, body);
    return { value, provenance: frame.ev.provenance };
  }
  let result: PyValue = null;
  let provenance: Provenance | undefined;
  try {
    execBlock(frame, body);
  } catch (error) {
    if (!(error instanceof ReturnSignal)) throw error;
    result = error.value;
    provenance = error.provenance;
  }
  if (frame.earlyReturns.length === 0) return { value: result, provenance };
  // Some paths returned inside a branch that could not be decided: the call gives any of their values.
  const unknown = new Unknown(`what ${fn.name}() returns depends on a branch it cannot decide (${fn.frame.file}:${fn.node.startPosition.row + 1})`, fn.frame.file, fn.node.startPosition.row + 1);
  const now = captureState(frame);
  const states = [now, ...frame.earlyReturns.map((r) => r.state)];
  applyState(frame, mergeStates(now, states, unknown));
  const provenances = [provenance, ...frame.earlyReturns.map((r) => r.provenance)].filter((p): p is Provenance => p !== undefined);
  return { value: mergeValues([result, ...frame.earlyReturns.map((r) => r.value)], unknown), provenance: derived(provenances) };
}

/** `return x` in a call. */
export function execReturn(frame: Frame, statement: Node): never {
  const value = parts(statement)[0];
  if (!value) throw new ReturnSignal(null, frame.literal(lineOf(statement)));
  const result = evaluate(frame, value);
  const provenance = frame.ev.provenance;
  const decidedBy = frame instanceof CallFrame ? frame.decidedBy : [];
  throw new ReturnSignal(result, decidedBy.length && provenance ? derived([provenance, ...decidedBy]) : provenance);
}
