/**
 * Where the project's own functions and class bodies run: a call's local names (with `global` and
 * `nonlocal`), its early returns, and the limits that keep a recursive helper from running forever.
 * Every scope that outlives a statement (modules, running calls, closures, classes, instances) is
 * listed here, so an undecidable branch forks and merges all of them, not only the module's.
 */
import type { PyValue } from '../python-value.js';
import { Frame, type Evaluator, type ModuleState } from './context.js';
import type { EvalState } from './forks.js';
import { Scope } from './scope.js';
import { Signal } from './signals.js';
import type { Origin } from './types.js';
import type { EnvSource, Provenance } from './provenance.js';

/** A `return` on its way to the call: carried as a JS exception through the statements it leaves. */
export class ReturnSignal extends Signal {
  constructor(
    readonly value: PyValue,
    /** What the returned value was made from. */
    readonly provenance?: Provenance,
  ) {
    super('return');
  }
}

/**
 * How deep calls may nest and how many calls one evaluation may make. Settings helpers are shallow
 * and few; a deeper or longer chain is a recursion the evaluator gives up on (Unknown, with why).
 */
export const MAX_CALL_DEPTH = 32;
export const MAX_CALLS = 20_000;

interface CallBook {
  depth: number;
  calls: number;
  /** Local scopes of the calls running now, innermost last. */
  active: Scope[];
  /** Scopes that outlive their statement: closures' locals, class namespaces, instance attributes. */
  kept: Set<Scope>;
  /** Where each running call was made, outermost first. */
  sites: CallSite[];
}

export interface CallSite {
  origin: Origin;
  /** The function called, by name: `get_env_variable`. */
  callee: string;
}

const books = new WeakMap<Evaluator, CallBook>();

export function callBook(ev: Evaluator): CallBook {
  let book = books.get(ev);
  if (!book) {
    book = { depth: 0, calls: 0, active: [], kept: new Set(), sites: [] };
    books.set(ev, book);
  }
  return book;
}

/**
 * The statement outside any project function that led to the running call: what the settings
 * wrote (`SECRET_KEY = get_string('SECRET_KEY', …)`), so a read inside the helper belongs to it.
 */
export function outermostCall(ev: Evaluator): CallSite | undefined {
  return callBook(ev).sites[0];
}

/** A scope that must fork and merge with the modules from now on. */
export function keepScope(ev: Evaluator, scope: Scope): void {
  callBook(ev).kept.add(scope);
}

/** Every scope an undecidable branch may change: the modules, running calls, kept scopes, and the frame's own chain. */
export function liveScopes(frame: Frame): Scope[] {
  const book = callBook(frame.ev);
  const scopes = new Set<Scope>();
  for (const module of frame.ev.modules.values()) scopes.add(module.scope);
  for (const scope of book.active) scopes.add(scope);
  for (const scope of book.kept) scopes.add(scope);
  for (let scope: Scope | undefined = frame.scope; scope; scope = scope.parent) scopes.add(scope);
  return [...scopes];
}

/**
 * A function's local names. `global X` sends X to the module, `nonlocal X` to the enclosing
 * function that has it; everything else is local, with the enclosing scopes behind for reading.
 */
export class LocalScope extends Scope {
  private readonly redirects = new Map<string, Scope>();

  constructor(
    parent: Scope,
    readonly globals: Scope,
  ) {
    super(parent);
  }

  declareGlobal(name: string): void {
    this.redirects.set(name, this.globals);
  }

  declareNonlocal(name: string): void {
    for (let scope = this.parent; scope && scope !== this.globals; scope = scope.parent) {
      if (scope.bindings.has(name)) {
        this.redirects.set(name, scope);
        return;
      }
    }
  }

  override lookup(name: string) {
    const target = this.redirects.get(name);
    return target ? target.lookup(name) : super.lookup(name);
  }

  override set(name: string, value: PyValue, origin: Origin, provenance?: Provenance): void {
    const target = this.redirects.get(name);
    if (target) target.set(name, value, origin, provenance);
    else super.set(name, value, origin, provenance);
  }

  override touch(name: string, origin: Origin): void {
    const target = this.redirects.get(name);
    if (target) target.touch(name, origin);
    else super.touch(name, origin);
  }

  override delete(name: string): boolean {
    const target = this.redirects.get(name);
    return target ? target.delete(name) : super.delete(name);
  }
}

/** A path that returned early: its state, and what it returned. */
export interface EarlyReturn {
  state: EvalState;
  value: PyValue;
  provenance?: Provenance | undefined;
}

/** The statements of one call of a project function. */
export class CallFrame extends Frame {
  /** Paths that returned inside an undecidable branch while others went on. */
  readonly earlyReturns: EarlyReturn[] = [];
  /** Statements after such a branch may not run at all: how much speculation this call added. */
  addedSpeculation = 0;
  /**
   * Environment reads that decided the branches the running statement is in. A helper's
   * `if value is None: return default` returns the default because the variable is unset: what it
   * returns was made from that read too (provenance.ts).
   */
  readonly decidedBy: EnvSource[] = [];

  constructor(
    ev: Evaluator,
    module: ModuleState,
    override readonly scope: LocalScope,
    /** What the call is, for messages: `get_env_variable()`. */
    readonly callee: string,
  ) {
    super(ev, module, scope);
  }
}

/** The body of a class statement: its names become the class's attributes. */
export class ClassBodyFrame extends Frame {
  constructor(
    ev: Evaluator,
    module: ModuleState,
    scope: Scope,
    /** What functions defined in the body close over: Python skips the class namespace. */
    readonly enclosing: Scope,
  ) {
    super(ev, module, scope);
  }
}

/** The scope a `def` or `lambda` defined in `frame` closes over. */
export function closureScope(frame: Frame): Scope {
  return frame instanceof ClassBodyFrame ? frame.enclosing : frame.scope;
}

/** The innermost running call, when `frame` is (or is a comprehension inside) one. */
export function inCall(frame: Frame): frame is CallFrame {
  return frame instanceof CallFrame;
}
