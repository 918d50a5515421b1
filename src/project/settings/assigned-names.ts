/**
 * Which module names a statement may change, read from its source alone: for the statements the
 * evaluator cannot follow (a while loop, a match, a statement that fails), so that exactly those
 * names become unknown and everything else stays known.
 */
import type { SyntaxNode as Node } from './syntax-node.js';
import { rootName } from './expressions.js';
import { MUTATING_METHODS } from './methods.js';

export interface ChangedNames {
  /** Bound by the statement: `X = …`, `for X in …`, `import X`, `def X`. */
  bound: Set<string>;
  /** Changed through: `X[k] = …`, `X.append(…)`, `X.attr = …`. */
  changed: Set<string>;
  /** Given to a function that may change it in place: `setup(INSTALLED_APPS)`. */
  passed: Set<string>;
}

/** Builtins that never change their arguments. */
const PURE = new Set(['len', 'str', 'int', 'float', 'bool', 'list', 'tuple', 'set', 'frozenset', 'dict', 'sorted', 'reversed', 'any', 'all', 'min', 'max', 'sum', 'print', 'isinstance', 'getattr', 'hasattr', 'repr', 'enumerate', 'zip', 'map', 'filter', 'abs', 'round', 'range']);

/** What django_heroku.settings(locals()) may set. */
const DJANGO_HEROKU_NAMES = ['DATABASES', 'TEST_RUNNER', 'STATIC_ROOT', 'STATIC_URL', 'MIDDLEWARE', 'MIDDLEWARE_CLASSES', 'STATICFILES_STORAGE', 'ALLOWED_HOSTS', 'LOGGING', 'SECRET_KEY'];

/** Their variables are their own: nothing assigned inside reaches the module. */
const OWN_SCOPE = new Set(['lambda', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

export function changedNames(statement: Node): ChangedNames {
  const names: ChangedNames = { bound: new Set(), changed: new Set(), passed: new Set() };
  walk(statement, names);
  return names;
}

function walk(node: Node, names: ChangedNames): void {
  switch (node.type) {
    case 'assignment':
    case 'augmented_assignment':
      target(node.childForFieldName('left'), names);
      break;
    case 'for_statement':
    case 'for_in_clause':
      target(node.childForFieldName('left'), names);
      break;
    case 'named_expression':
      names.bound.add(node.childForFieldName('name')!.text);
      break;
    case 'as_pattern':
      target(node.childForFieldName('alias'), names);
      break;
    case 'function_definition':
    case 'class_definition':
      names.bound.add(node.childForFieldName('name')!.text);
      return;
    case 'import_statement':
    case 'import_from_statement':
      importedNames(node, names);
      return;
    case 'delete_statement':
      for (const child of node.namedChildren) target(child, names);
      return;
    case 'call':
      callEffects(node, names);
      break;
  }
  for (const child of node.namedChildren) if (!OWN_SCOPE.has(child.type)) walk(child, names);
}

function target(node: Node | null, names: ChangedNames): void {
  if (!node) return;
  switch (node.type) {
    case 'identifier':
      names.bound.add(node.text);
      return;
    case 'subscript':
    case 'attribute': {
      const root = rootName(node);
      if (root) names.changed.add(root);
      return;
    }
    case 'as_pattern_target':
      for (const child of node.namedChildren) target(child, names);
      return;
    default:
      for (const child of node.namedChildren) target(child, names);
  }
}

function importedNames(node: Node, names: ChangedNames): void {
  for (const child of node.childrenForFieldName('name')) {
    if (child.type === 'aliased_import') names.bound.add(child.childForFieldName('alias')!.text);
    else if (node.type === 'import_statement') names.bound.add(child.text.split('.')[0]!.trim());
    else names.bound.add(child.text.trim());
  }
}

function callEffects(node: Node, names: ChangedNames): void {
  const fn = node.childForFieldName('function');
  if (fn?.type === 'attribute' && MUTATING_METHODS.has(fn.childForFieldName('attribute')!.text)) {
    const root = rootName(fn.childForFieldName('object')!);
    if (root) names.changed.add(root);
  }
  if (fn && !PURE.has(fn.text)) {
    for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
      const value = arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
      if (value?.type === 'identifier') names.passed.add(value.text);
    }
  }
  const passesNamespace = node.childForFieldName('arguments')?.namedChildren.some((a) => a.type === 'call' && /^(locals|globals|vars)$/.test(a.childForFieldName('function')?.text ?? ''));
  if (passesNamespace) for (const name of DJANGO_HEROKU_NAMES) names.changed.add(name);
}
