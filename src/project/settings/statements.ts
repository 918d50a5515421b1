/** Executing statements: a module's, a class body's, or a project function's when it is called. */
import type { SyntaxNode as Node } from './syntax-node.js';
import { PyDict, PyOpaque, PySet, PyTuple, Unknown, truthy, type PyValue } from '../python-value.js';
import { InputError } from '../../core/errors.js';
import { changedNames } from './assigned-names.js';
import { lineOf, snippet, type Frame } from './context.js';
import { evaluate, parts } from './expressions.js';
import { applyState, captureState, copyState, explorePaths, type EvalPath } from './forks.js';
import { ITERATION_LIMIT, iterate } from './iteration.js';
import { execImport, execImportFrom } from './modules.js';
import { BreakSignal, ContinueSignal, PyRaise, UnknowableLoop, catches, mayCatch } from './signals.js';
import { assignTarget, augmentedAssign, deleteTarget } from './targets.js';
import { decorate, defineClass } from './classes.js';
import { CallFrame, LocalScope, ReturnSignal, inCall } from './function-frame.js';
import { execReturn, makeFunction } from './functions.js';
import { TOO_LARGE, TooLarge } from './budget.js';
import { envReadsIn, itemProvenances, type Provenance } from './provenance.js';

/** Exceptions that left a call of the project's functions on their way up (see execGuarded). */
const raisedInCalls = new WeakSet<PyRaise>();

export function execBlock(frame: Frame, block: Node): void {
  for (const statement of parts(block)) execGuarded(frame, statement);
}

/**
 * Runs one statement. When Python would raise here and nothing can catch it, the process would
 * stop; evaluation goes on instead, so the settings after this line stay visible, and what this
 * statement sets becomes unknown with the reason.
 *
 * A statement that runs out of the evaluation's budget (budget.ts) stops whole: the budget error
 * goes up to the module's top-level statement, which becomes unknown. Once the budget is spent,
 * the statements after it are not run and what they set is unknown too.
 */
function execGuarded(frame: Frame, statement: Node): void {
  const outer = frame.line;
  const budget = frame.ev.budget;
  // A statement's expressions are not parts of an expression around it (a call running a function body).
  const outerParts = frame.ev.provenanceParts;
  frame.ev.provenanceParts = undefined;
  frame.line = lineOf(statement);
  frame.statementDepth++;
  const topLevel = frame.statementDepth === 1 && frame.scope === frame.module.scope;
  try {
    if (topLevel && budget.exhausted) throw TooLarge.at(statement);
    budget.step(statement);
    budget.enter(statement);
    try {
      execStatement(frame, statement);
    } finally {
      budget.leave();
    }
  } catch (error) {
    const ev = frame.ev;
    if (error instanceof PyRaise) {
      // In a call the exception leaves the function: the caller's statement decides what it means.
      if (inCall(frame)) raisedInCalls.add(error);
      if (ev.tryDepth > 0 || (ev.speculative > 0 && error.explicit) || inCall(frame)) throw error;
      frame.line = lineOf(statement);
      ev.uncaughtRaises++;
      // Explicit (a `raise`, a database URL dj-database-url refuses), on the one path the module runs
      // (an explicit raise under an undecidable branch was thrown above, to the fork), and in the
      // module's own code: the app cannot boot. Raised inside the project's functions, it may come
      // from what the evaluator cannot follow there (object identity, say): it stays an Unknown.
      if (error.explicit && ev.speculative === 0 && !raisedInCalls.has(error)) ev.bootFailures.push({ exception: error.exception, reason: error.reason, file: frame.file, line: frame.line, raisedAt: { file: error.file, line: error.line } });
      makeUnknown(frame, statement, error.toUnknown());
    } else if (error instanceof InputError || error instanceof BreakSignal || error instanceof ContinueSignal || error instanceof UnknowableLoop || error instanceof ReturnSignal) {
      throw error;
    } else if (error instanceof TooLarge || error instanceof RangeError) {
      // RangeError: the JS stack or a JS string/array limit gave out first; the same verdict.
      if (!topLevel) throw error instanceof TooLarge ? error : TooLarge.at(statement);
      frame.line = lineOf(statement);
      const line = error instanceof TooLarge && error.line !== undefined ? error.line : lineOf(statement);
      makeUnknown(frame, statement, frame.unknown(TOO_LARGE, undefined, line));
    } else {
      // A construct the evaluator mishandles must not take the whole check down with it; its own
      // message is implanta's business, not the user's.
      frame.line = lineOf(statement);
      makeUnknown(frame, statement, frame.unknown('implanta could not evaluate this statement'));
    }
  } finally {
    frame.statementDepth--;
    frame.line = outer;
    frame.ev.provenanceParts = outerParts;
  }
}

/** Everything `statement` may set becomes `unknown`; library objects it changes through stay as they are. */
function makeUnknown(frame: Frame, statement: Node, unknown: Unknown): void {
  const { bound, changed, passed } = changedNames(statement);
  for (const name of bound) frame.scope.set(name, unknown, frame.origin());
  for (const name of changed) {
    const current = frame.scope.lookup(name)?.value;
    if (current !== undefined && !(current instanceof PyOpaque)) frame.scope.set(name, unknown, frame.origin());
  }
  // A list or dict handed to a function that failed half-way may have been changed before it failed.
  for (const name of passed) {
    const current = frame.scope.lookup(name)?.value;
    if (Array.isArray(current) || current instanceof PyDict || current instanceof PySet) frame.scope.set(name, unknown, frame.origin());
  }
}

function execStatement(frame: Frame, statement: Node): void {
  switch (statement.type) {
    case 'expression_statement':
      return execExpressionStatement(frame, statement);
    case 'if_statement':
      return execIf(frame, statement);
    case 'for_statement':
      return execFor(frame, statement);
    case 'while_statement':
      return execWhile(frame, statement);
    case 'try_statement':
      return execTry(frame, statement);
    case 'with_statement':
      return execWith(frame, statement);
    case 'import_statement':
      return execImport(frame, statement);
    case 'import_from_statement':
      return execImportFrom(frame, statement);
    case 'function_definition':
    case 'class_definition':
      return define(frame, statement, []);
    case 'decorated_definition':
      return define(frame, statement.childForFieldName('definition')!, parts(statement).filter((c) => c.type === 'decorator'));
    case 'delete_statement':
      for (const target of parts(statement)) deleteTarget(frame, target);
      return;
    case 'raise_statement':
      throw new PyRaise(raisedName(statement), `the settings raise ${raisedName(statement)} (${frame.file}:${frame.line})`, frame.file, frame.line, true);
    case 'assert_statement':
      return execAssert(frame, statement);
    case 'break_statement':
      throw new BreakSignal();
    case 'continue_statement':
      throw new ContinueSignal();
    case 'return_statement':
      return execReturn(frame, statement);
    case 'global_statement':
    case 'nonlocal_statement':
      return declareNames(frame, statement);
    case 'future_import_statement':
    case 'pass_statement':
      return;
    default:
      makeUnknown(frame, statement, frame.unknown(`set by a ${statement.type.replace(/_/g, ' ')}, which is not evaluated`));
  }
}

/** `def` and `class`: the function or class, decorated, bound to its name. */
function define(frame: Frame, definition: Node, decorators: Node[]): void {
  const made = definition.type === 'class_definition' ? defineClass(frame, definition) : makeFunction(frame, definition);
  const line = lineOf(definition);
  frame.scope.set(definition.childForFieldName('name')!.text, decorate(frame, decorators, made), frame.origin(), frame.literal(line));
}

/** `global X` / `nonlocal X` in a function: assignments to X go to that scope. */
function declareNames(frame: Frame, statement: Node): void {
  if (!(frame.scope instanceof LocalScope)) return;
  for (const name of parts(statement).filter((c) => c.type === 'identifier')) {
    if (statement.type === 'global_statement') frame.scope.declareGlobal(name.text);
    else frame.scope.declareNonlocal(name.text);
  }
}

/** The class a `raise` names: `raise ImproperlyConfigured(...)` → ImproperlyConfigured. */
function raisedName(statement: Node): string {
  let node = parts(statement)[0];
  if (!node) return 'Exception';
  if (node.type === 'call') node = node.childForFieldName('function')!;
  return node.text.split('.').at(-1)!.trim();
}

function execAssert(frame: Frame, statement: Node): void {
  const test = truthy(evaluate(frame, parts(statement)[0]!));
  if (test === false) throw new PyRaise('AssertionError', `an assert fails (${frame.file}:${frame.line})`, frame.file, frame.line, true);
  if (test instanceof Unknown) frame.ev.noteMayRaise('AssertionError');
}

/**
 * The right-hand side of an assignment, with what it was made from; an exception nothing can catch
 * makes just the value unknown.
 */
function valueOf(frame: Frame, node: Node): { value: PyValue; provenance: Provenance | undefined } {
  try {
    const value = evaluate(frame, node);
    return { value, provenance: frame.ev.provenance };
  } catch (error) {
    if (error instanceof PyRaise && frame.ev.tryDepth === 0 && !error.explicit && !inCall(frame)) return { value: error.toUnknown(), provenance: undefined };
    throw error;
  }
}

function execExpressionStatement(frame: Frame, statement: Node): void {
  for (const expression of parts(statement)) {
    if (expression.type === 'assignment') {
      const targets: Node[] = [];
      let current: Node | null = expression;
      while (current?.type === 'assignment') {
        targets.push(current.childForFieldName('left')!);
        current = current.childForFieldName('right');
      }
      // `X: int` alone annotates and binds nothing.
      if (!current) continue;
      const { value, provenance } = valueOf(frame, current);
      for (const target of targets) assignTarget(frame, target, value, provenance);
    } else if (expression.type === 'augmented_assignment') {
      const op = expression.childForFieldName('operator')!.type.replace(/=$/, '');
      const { value, provenance } = valueOf(frame, expression.childForFieldName('right')!);
      augmentedAssign(frame, expression.childForFieldName('left')!, op, value, provenance);
    } else {
      evaluate(frame, expression);
    }
  }
}

interface Clause {
  condition?: Node;
  body: Node;
}

function execIf(frame: Frame, statement: Node): void {
  const clauses: Clause[] = [{ condition: statement.childForFieldName('condition')!, body: statement.childForFieldName('consequence')! }];
  for (const alternative of statement.childrenForFieldName('alternative')) {
    if (alternative.type === 'elif_clause') clauses.push({ condition: alternative.childForFieldName('condition')!, body: alternative.childForFieldName('consequence')! });
    else clauses.push({ body: alternative.childForFieldName('body')! });
  }
  runClauses(frame, clauses, 0);
}

/** The first clause whose condition holds; an undecidable condition follows both ways. */
function runClauses(frame: Frame, clauses: Clause[], index: number): void {
  const clause = clauses[index];
  if (!clause) return;
  if (!clause.condition) return execBlock(frame, clause.body);
  const test = truthy(evaluate(frame, clause.condition));
  if (test === true) return decided(frame, () => execBlock(frame, clause.body));
  if (test === false) return decided(frame, () => runClauses(frame, clauses, index + 1));
  const base = copyState(captureState(frame));
  const reason = `depends on ${snippet(clause.condition)} (${frame.file}:${lineOf(clause.condition)})`;
  explorePaths(
    frame,
    base,
    [
      { start: copyState(base), run: () => execBlock(frame, clause.body) },
      { start: copyState(base), run: () => runClauses(frame, clauses, index + 1) },
    ],
    reason,
  );
}

/** Runs the branch a condition chose; in a project function, what it returns was decided by the condition's environment reads. */
function decided(frame: Frame, run: () => void): void {
  if (!(frame instanceof CallFrame)) return run();
  const reads = envReadsIn(frame.ev.provenance);
  const mark = frame.decidedBy.length;
  frame.decidedBy.push(...reads);
  try {
    run();
  } finally {
    frame.decidedBy.length = mark;
  }
}

/** Unrolls a loop over known items; a loop over unknown ones runs its body zero or one time, merged. */
function execFor(frame: Frame, statement: Node): void {
  const left = statement.childForFieldName('left')!;
  const right = statement.childForFieldName('right')!;
  const body = statement.childForFieldName('body')!;
  const orElse = statement.childForFieldName('alternative')?.childForFieldName('body');
  const iterable = evaluate(frame, right);
  const iterableProvenance = frame.ev.provenance;
  const items = iterate(frame, iterable, right);
  const reason = `depends on the loop over ${snippet(right)} (${frame.file}:${lineOf(statement)})`;
  const before = copyState(captureState(frame));
  try {
    if (items instanceof Unknown || items.length > ITERATION_LIMIT) {
      const item = items instanceof Unknown ? items : frame.unknown('an item of a loop too long to follow', right);
      explorePaths(
        frame,
        before,
        [
          { start: copyState(before), run: () => orElse && execBlock(frame, orElse) },
          {
            start: copyState(before),
            run: () => {
              assignTarget(frame, left, item);
              execBlock(frame, body);
              if (orElse) execBlock(frame, orElse);
            },
          },
        ],
        reason,
      );
      return;
    }
    let broke = false;
    const provenances = Array.isArray(iterable) || iterable instanceof PyTuple ? itemProvenances(iterable, iterableProvenance) : [];
    for (const [i, item] of items.entries()) {
      assignTarget(frame, left, item, provenances[i] ?? (provenances.length ? undefined : iterableProvenance));
      try {
        execBlock(frame, body);
      } catch (error) {
        if (error instanceof BreakSignal) {
          broke = true;
          break;
        }
        if (!(error instanceof ContinueSignal)) throw error;
      }
    }
    if (!broke && orElse) execBlock(frame, orElse);
  } catch (error) {
    if (!(error instanceof UnknowableLoop)) throw error;
    applyState(frame, before);
    makeUnknown(frame, statement, frame.unknown(reason, statement));
  }
}

function execWhile(frame: Frame, statement: Node): void {
  const test = truthy(evaluate(frame, statement.childForFieldName('condition')!));
  if (test === false) {
    const orElse = statement.childForFieldName('alternative')?.childForFieldName('body');
    if (orElse) execBlock(frame, orElse);
    return;
  }
  makeUnknown(frame, statement, frame.unknown(`set in a while loop (${frame.file}:${frame.line}), which is not followed`, statement));
}

function execWith(frame: Frame, statement: Node): void {
  const clause = parts(statement).find((c) => c.type === 'with_clause');
  for (const item of clause ? parts(clause).filter((c) => c.type === 'with_item') : []) {
    const value = item.childForFieldName('value')!;
    const expression = value.type === 'as_pattern' ? parts(value)[0]! : value;
    const entered = evaluate(frame, expression);
    const alias = value.type === 'as_pattern' ? value.childForFieldName('alias') : null;
    const target = alias ? parts(alias)[0] : undefined;
    if (target) assignTarget(frame, target, entered instanceof Unknown ? entered : frame.unknown(`what ${snippet(expression)} gives a with statement`, expression));
  }
  execBlock(frame, statement.childForFieldName('body')!);
}

interface Handler {
  /** Exception class names the clause catches; a bare `except:` catches everything. */
  catches: string[];
  alias?: Node;
  body: Node;
}

function handlers(statement: Node): Handler[] {
  return parts(statement)
    .filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause')
    .map((clause) => {
      const value = clause.childForFieldName('value') ?? parts(clause).find((c) => c.type !== 'block');
      const typeNode = value?.type === 'as_pattern' ? parts(value)[0] : value;
      const alias = value?.type === 'as_pattern' ? (value.childForFieldName('alias') ?? undefined) : undefined;
      const names = typeNode === undefined || typeNode.type === 'block' ? ['BaseException'] : exceptionNames(typeNode);
      return { catches: names, alias, body: parts(clause).filter((c) => c.type === 'block').at(-1)! };
    });
}

function exceptionNames(node: Node): string[] {
  if (node.type === 'tuple' || node.type === 'parenthesized_expression' || node.type === 'expression_list') return parts(node).flatMap(exceptionNames);
  return [node.text.split('.').at(-1)!.trim()];
}

/**
 * try/except/else/finally. A certain exception runs its handler; an exception that may or may not
 * happen (a call into code we do not run, an import of a package that may be missing) follows both
 * the completed body and each handler that could catch it, and merges them.
 */
function execTry(frame: Frame, statement: Node): void {
  const ev = frame.ev;
  const clauses = handlers(statement);
  const orElse = parts(statement).find((c) => c.type === 'else_clause')?.childForFieldName('body');
  const final = parts(statement).find((c) => c.type === 'finally_clause');
  const finalBody = final ? parts(final).find((c) => c.type === 'block') : undefined;
  const base = clauses.length > 0 ? copyState(captureState(frame)) : undefined;
  const outerMayRaise = ev.mayRaise;
  const caughtBefore = ev.caughtRequired.length;
  ev.mayRaise = new Set();
  ev.tryDepth++;
  const guardsImports = clauses.some(guardsImport);
  if (guardsImports) ev.importGuards++;
  let raised: PyRaise | undefined;
  let mayRaise: Set<string>;
  try {
    execBlock(frame, statement.childForFieldName('body')!);
  } catch (error) {
    if (!(error instanceof PyRaise)) throw error;
    raised = error;
  } finally {
    ev.tryDepth--;
    if (guardsImports) ev.importGuards--;
    mayRaise = ev.mayRaise;
    ev.mayRaise = outerMayRaise;
  }
  // What no handler here can catch may still reach an enclosing try.
  for (const exception of mayRaise) if (!clauses.some((h) => h.catches.some((c) => mayCatch(c, exception)))) ev.noteMayRaise(exception);
  try {
    if (raised) {
      const handler = clauses.find((h) => h.catches.some((c) => catches(c, raised!.exception)));
      if (!handler) throw raised;
      // The handler gives up (raises, and nothing outside catches it): what the body read was required after all.
      const required = () => {
        if (ev.tryDepth === 0 && ev.speculative === 0) for (const read of ev.caughtRequired.slice(caughtBefore)) read.required = true;
      };
      const uncaught = ev.uncaughtRaises;
      try {
        runHandler(frame, handler, raised.exception);
      } catch (error) {
        if (error instanceof PyRaise) required();
        throw error;
      }
      if (ev.uncaughtRaises > uncaught) required();
      return;
    }
    const reachable = clauses.filter((h) => [...mayRaise].some((exception) => h.catches.some((c) => mayCatch(c, exception))));
    if (reachable.length === 0) {
      if (orElse) execBlock(frame, orElse);
      return;
    }
    const paths: EvalPath[] = [
      { start: captureState(frame), run: () => orElse && execBlock(frame, orElse) },
      ...reachable.map((handler) => ({ start: copyState(base!), run: () => runHandler(frame, handler, handler.catches[0]!) })),
    ];
    explorePaths(frame, base!, paths, `depends on whether the try block at ${frame.file}:${lineOf(statement)} raises`);
  } finally {
    if (finalBody) execBlock(frame, finalBody);
  }
}

/**
 * `except ImportError:` (or a base of it) that goes on: one that raises again (`raise
 * ImproperlyConfigured(...)`) still stops the app when the package is missing.
 */
function guardsImport(handler: Handler): boolean {
  return handler.catches.some((c) => catches(c, 'ModuleNotFoundError')) && !raisesDirectly(handler.body);
}

/** A `raise` in the block or its nested blocks, not counting functions and classes defined there. */
function raisesDirectly(node: Node): boolean {
  return parts(node).some((c) => c.type === 'raise_statement' || (c.type !== 'function_definition' && c.type !== 'class_definition' && c.type !== 'decorated_definition' && raisesDirectly(c)));
}

function runHandler(frame: Frame, handler: Handler, exception: string): void {
  const target = handler.alias ? parts(handler.alias)[0] : undefined;
  if (target) assignTarget(frame, target, new PyOpaque(exception));
  execBlock(frame, handler.body);
}
