import type { Node } from 'web-tree-sitter';
import { parsePython, TOO_MUCH_PYTHON } from '../project/settings/parser.js';
import { argument, shortName, toPy, type Py } from './py-syntax.js';

export type Call = Extract<Py, { t: 'call' }>;

/** `('app_label', 'migration_name')`. */
export interface MigrationKey {
  app: string;
  name: string;
}

export interface Operation {
  /** Django's class name: AddField, RunPython, AddIndexConcurrently… */
  kind: string;
  line: number;
  call: Call;
  /** SeparateDatabaseAndState's halves, and RunSQL's state_operations (which never touch the database). */
  database?: Operation[];
  state?: Operation[];
}

/** A module-level import, for telling a data migration that imports models directly. */
export interface ImportLine {
  line: number;
  module: string;
  names: string[];
  /** The function it sits in; absent at module level. */
  inFunction?: string;
}

export interface MigrationFile {
  /** Path relative to the project root, forward slashes. */
  file: string;
  app: string;
  name: string;
  dependencies: MigrationKey[];
  /** A squashed migration's originals. */
  replaces: MigrationKey[];
  /** `atomic = False` on the class; Django's default is True. */
  atomic: boolean;
  operations: Operation[];
  imports: ImportLine[];
  /** Module-level functions by name: line, the calls made inside (get_user_model), and the module-level names it reads. */
  functions: Map<string, { line: number; calls: Set<string>; globals: Set<string> }>;
  /** Why the file could not be read as a migration; nothing else is then known. */
  problem?: string;
}

/**
 * `app/migrations/0002_x.py` → app label `app` and name `0002_x`. Django's default label is the last part
 * of the app's module path, which is the folder holding `migrations/`.
 */
export function keyOfPath(file: string): MigrationKey | undefined {
  const match = /(?:^|\/)([^/]+)\/migrations\/([^/]+)\.py$/.exec(file);
  if (!match || match[2] === '__init__') return undefined;
  return { app: match[1]!, name: match[2]! };
}

/** Reads a migration file statically: its Migration class, operations, dependencies and imports. */
export async function readMigration(file: string, source: string): Promise<MigrationFile> {
  const key = keyOfPath(file)!;
  const base: MigrationFile = { file, ...key, dependencies: [], replaces: [], atomic: true, operations: [], imports: [], functions: new Map() };
  const tree = await parsePython(source);
  if (!tree) return { ...base, problem: `it ${TOO_MUCH_PYTHON}` };
  try {
    const root = tree.rootNode;
    if (root.hasError) return { ...base, problem: `Python cannot parse it (near line ${firstErrorLine(root)})` };
    const cls = root.namedChildren.find((n) => n?.type === 'class_definition' && n.childForFieldName('name')?.text === 'Migration');
    const body = cls?.childForFieldName('body');
    if (!cls || !body) return { ...base, problem: 'it has no `class Migration`' };
    const migration = { ...base };
    for (const [name, value, line] of assignments(body)) {
      if (name === 'dependencies') migration.dependencies = keys(value);
      else if (name === 'replaces') migration.replaces = keys(value);
      else if (name === 'atomic') migration.atomic = !(value.t === 'bool' && !value.v);
      else if (name === 'operations') {
        if (value.t !== 'seq') return { ...base, problem: `its operations (line ${line}) are not a literal list` };
        migration.operations = value.items.map(toOperation);
      }
    }
    collectModuleFacts(root, migration);
    return migration;
  } finally {
    tree.delete();
  }
}

function* assignments(block: Node): Generator<[string, Py, number]> {
  for (const statement of block.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'identifier' && right) yield [left.text, toPy(right), left.startPosition.row + 1];
  }
}

/** Dependencies and replaces: tuples of two strings; `swappable_dependency(...)` and the like are skipped. */
function keys(value: Py): MigrationKey[] {
  if (value.t !== 'seq') return [];
  return value.items.flatMap((item) => {
    if (item.t !== 'seq' || item.items.length !== 2) return [];
    const [app, name] = item.items;
    return app?.t === 'str' && name?.t === 'str' ? [{ app: app.v, name: name.v }] : [];
  });
}

function toOperation(value: Py): Operation {
  if (value.t !== 'call') return { kind: '?', line: value.t === 'other' ? value.line : 0, call: { t: 'call', callee: '?', args: [value], kwargs: {}, line: 0 } };
  const kind = shortName(value.callee);
  const op: Operation = { kind, line: value.line, call: value };
  const list = (v: Py | undefined) => (v?.t === 'seq' ? v.items.map(toOperation) : []);
  if (kind === 'SeparateDatabaseAndState') {
    op.database = list(argument(value, 'database_operations', 0));
    op.state = list(argument(value, 'state_operations', 1));
  } else if (kind === 'RunSQL') {
    op.state = list(argument(value, 'state_operations', 2));
  }
  return op;
}

function collectModuleFacts(root: Node, migration: MigrationFile): void {
  for (const child of root.namedChildren) {
    if (!child) continue;
    if (child.type === 'import_statement' || child.type === 'import_from_statement') for (const imported of importsOf(child)) migration.imports.push(imported);
    const fn = child.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    if (fn?.type !== 'function_definition') continue;
    const name = fn.childForFieldName('name')?.text;
    if (!name) continue;
    const calls = new Set(fn.descendantsOfType('call').flatMap((c) => (c?.childForFieldName('function') ? [c.childForFieldName('function')!.text] : [])));
    migration.functions.set(name, { line: fn.startPosition.row + 1, calls, globals: globalsRead(fn) });
    for (const inner of fn.descendantsOfType(['import_statement', 'import_from_statement'])) {
      // Loops, not push(...): one import statement can name more modules than a call takes arguments.
      if (inner) for (const imported of importsOf(inner)) migration.imports.push({ ...imported, inFunction: name });
    }
  }
}

/** Names a function reads that it does not bind itself (parameters, assignments): the module's. */
function globalsRead(fn: Node): Set<string> {
  const local = new Set<string>();
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) if (p) local.add((p.type === 'identifier' ? p : p.namedChildren[0])?.text ?? '');
  for (const a of fn.descendantsOfType(['assignment', 'for_statement'])) {
    const left = a?.childForFieldName('left');
    if (left?.type === 'identifier') local.add(left.text);
  }
  const body = fn.childForFieldName('body');
  const read = new Set<string>();
  for (const id of body?.descendantsOfType('identifier') ?? []) {
    // `x.y`: only the object of an attribute chain is a name lookup.
    if (id && id.parent?.type === 'attribute' && id.parent.childForFieldName('attribute')?.id === id.id) continue;
    if (id && id.parent?.type === 'keyword_argument' && id.parent.childForFieldName('name')?.id === id.id) continue;
    if (id && !local.has(id.text)) read.add(id.text);
  }
  return read;
}

function importsOf(node: Node): ImportLine[] {
  const line = node.startPosition.row + 1;
  if (node.type === 'import_from_statement') {
    const module = node.childForFieldName('module_name')?.text ?? '';
    const names = node.childrenForFieldName('name').flatMap((n) => (n ? [n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text] : []));
    return [{ line, module, names }];
  }
  return node.childrenForFieldName('name').flatMap((n) => (n ? [{ line, module: n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text, names: [] }] : []));
}

function firstErrorLine(root: Node): number {
  const error = root.descendantsOfType('ERROR')[0] ?? root.descendantsOfType('MISSING')[0];
  return (error?.startPosition.row ?? 0) + 1;
}
