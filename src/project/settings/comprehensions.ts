/**
 * List, set and dict comprehensions and generator expressions over known items, in their own scope
 * as in Python 3. An unknown iterable, or a filter that cannot be decided, makes the result unknown.
 */
import type { SyntaxNode as Node } from './syntax-node.js';
import { PyDict, PySet, Unknown, truthy, type PyKey, type PyValue } from '../python-value.js';
import type { Frame } from './context.js';
import { evaluate, parts } from './expressions.js';
import { ITERATION_LIMIT, iterate } from './iteration.js';
import { union } from './operators.js';
import { Signal } from './signals.js';
import { assignTarget } from './targets.js';
import { toKey, typeName } from './values.js';

class GiveUp extends Signal {
  constructor(readonly unknown: Unknown) {
    super(unknown.reason);
  }
}

export function evaluateComprehension(frame: Frame, node: Node): PyValue {
  const body = node.childForFieldName('body')!;
  const clauses = parts(node).filter((c) => c.type === 'for_in_clause' || c.type === 'if_clause');
  const inner = frame.child();
  const results: PyValue[] = [];
  const pairs: Array<[PyKey, PyValue]> = [];
  const run = (i: number): void => {
    if (results.length + pairs.length > ITERATION_LIMIT) throw new GiveUp(frame.unknown('a comprehension too long to follow', node));
    const clause = clauses[i];
    if (!clause) {
      if (node.type === 'dictionary_comprehension') {
        const key = evaluate(inner, body.childForFieldName('key')!);
        if (key instanceof Unknown) throw new GiveUp(key);
        const k = toKey(key);
        if (k === undefined) throw new GiveUp(frame.unknown(`a dict key of type ${typeName(key)}`, body));
        pairs.push([k, evaluate(inner, body.childForFieldName('value')!)]);
      } else {
        results.push(evaluate(inner, body));
      }
      frame.ev.budget.allocate(1, body);
      return;
    }
    if (clause.type === 'if_clause') {
      const test = truthy(evaluate(inner, parts(clause)[0]!));
      if (test instanceof Unknown) throw new GiveUp(test);
      if (test) run(i + 1);
      return;
    }
    const rights = clause.childrenForFieldName('right');
    const source = rights.length === 1 ? evaluate(inner, rights[0]!) : rights.map((r) => evaluate(inner, r));
    const items = iterate(inner, source, clause);
    if (items instanceof Unknown) throw new GiveUp(items);
    for (const item of items) {
      assignTarget(inner, clause.childForFieldName('left')!, item);
      run(i + 1);
    }
  };
  try {
    run(0);
  } catch (error) {
    if (error instanceof GiveUp) return error.unknown;
    throw error;
  }
  if (node.type === 'dictionary_comprehension') return new PyDict(new Map(pairs));
  if (node.type === 'set_comprehension') return new PySet(union([], results));
  return results;
}
