import type { SyntaxNode as Node } from '../project/settings/syntax-node.js';
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
  /** The local names it binds when they differ from the imported ones (`import shop.models as sm` → sm). */
  bound?: string[];
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

export const NO_MIGRATION_CLASS = 'it has no `class Migration`';

/**
 * The files of Django migration packages. A folder named `migrations` none of whose modules defines a
 * Migration class is a package of helpers that happens to share the name (wagtail/blocks/migrations holds
 * StreamField data-migration utilities), not an app's migrations: Django never loads it. A module without a
 * Migration class next to real migrations stays: Django's loader fails on it (BadMigrationError).
 */
export function migrationPackagesOnly(all: MigrationFile[]): MigrationFile[] {
  const folder = (m: MigrationFile) => m.file.slice(0, m.file.lastIndexOf('/'));
  const real = new Set(all.filter((m) => m.problem !== NO_MIGRATION_CLASS).map(folder));
  return all.filter((m) => real.has(folder(m)));
}

/** Reads a migration file statically: its Migration class, operations, dependencies and imports. */
export async function readMigration(file: string, source: string): Promise<MigrationFile> {
  const key = keyOfPath(file)!;
  const base: MigrationFile = { file, ...key, dependencies: [], replaces: [], atomic: true, operations: [], imports: [], functions: new Map() };
  const tree = await parsePython(source);
  if (!tree) return { ...base, problem: `it ${TOO_MUCH_PYTHON}` };
  const root = tree.rootNode;
  if (root.hasError) return { ...base, problem: `Python cannot parse it (near line ${firstErrorLine(root)})` };
  const cls = root.namedChildren.find((n) => n?.type === 'class_definition' && n.childForFieldName('name')?.text === 'Migration');
  const body = cls?.childForFieldName('body');
  if (!cls || !body) return { ...base, problem: NO_MIGRATION_CLASS };
  const migration = { ...base };
  // Names the file binds to literals, module level then class body (oscar's communication 0001 writes
  // `state_operations = [...]` in the class and `SeparateDatabaseAndState(state_operations=state_operations)`).
  const names = new Map<string, Py>();
  for (const [name, value] of [...assignments(root), ...assignments(body)]) names.set(name, value.t === 'name' ? (names.get(value.v) ?? value) : value);
  const ctx: ReadContext = { aliases: operationAliases(root), names };
  for (const [name, written, line] of assignments(body)) {
    const value = resolved(written, ctx);
    if (name === 'dependencies') migration.dependencies = keys(value);
    else if (name === 'replaces') migration.replaces = keys(value);
    else if (name === 'atomic') migration.atomic = !(value.t === 'bool' && !value.v);
    else if (name === 'operations') {
      if (value.t !== 'seq') return { ...base, problem: `its operations (line ${line}) are not a literal list` };
      migration.operations = value.items.map((item) => toOperation(item, ctx));
    }
  }
  collectModuleFacts(root, migration);
  return migration;
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

/**
 * Local names bound to Django's migration module or to its operations by the file's imports:
 * `from django.db import migrations as m` (m → migrations), `import django.db.migrations as m`,
 * `from django.db.migrations import RunPython as RP` (RP → RunPython). An operation called through an alias
 * is the same operation: `m.RunPython(f)` and `RP(f)` are judged as `migrations.RunPython(f)`.
 */
function operationAliases(root: Node): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const statement of root.namedChildren) {
    if (statement?.type !== 'import_statement' && statement?.type !== 'import_from_statement') continue;
    const module = statement.childForFieldName('module_name')?.text.replace(/\s+/g, '');
    for (const n of statement.childrenForFieldName('name')) {
      if (n?.type !== 'aliased_import') continue;
      const name = n.childForFieldName('name')?.text.replace(/\s+/g, '');
      const alias = n.childForFieldName('alias')?.text;
      if (!name || !alias) continue;
      if (statement.type === 'import_statement') {
        if (name === 'django.db.migrations') aliases.set(alias, 'migrations');
      } else if (module === 'django.db' && name === 'migrations') aliases.set(alias, 'migrations');
      else if (module && OPERATION_MODULES.has(module)) aliases.set(alias, name);
    }
  }
  return aliases;
}

/** Where Django's operations are imported from, by name. */
const OPERATION_MODULES = new Set(['django.db.migrations', 'django.db.migrations.operations', 'django.db.migrations.operations.special', 'django.db.migrations.operations.models', 'django.db.migrations.operations.fields', 'django.contrib.postgres.operations']);

/** `m.RunPython` with m an alias of migrations → `migrations.RunPython`; `RP` → `RunPython`. */
function unalias(callee: string, aliases: ReadonlyMap<string, string>): string {
  const dot = callee.indexOf('.');
  const head = dot < 0 ? callee : callee.slice(0, dot);
  const target = aliases.get(head);
  return target === undefined ? callee : target + (dot < 0 ? '' : callee.slice(dot));
}

interface ReadContext {
  aliases: ReadonlyMap<string, string>;
  /** Module-level and class-level names bound to a literal value. */
  names: ReadonlyMap<string, Py>;
}

/** A bare name the file binds to a literal stands for that literal. */
function resolved(value: Py, ctx: ReadContext): Py {
  return value.t === 'name' ? (ctx.names.get(value.v) ?? value) : value;
}

function toOperation(written: Py, ctx: ReadContext): Operation {
  const value = resolved(written, ctx);
  const aliases = ctx.aliases;
  if (value.t !== 'call') return { kind: '?', line: value.t === 'other' ? value.line : 0, call: { t: 'call', callee: '?', args: [value], kwargs: {}, line: 0 } };
  const call = aliases.size ? { ...value, callee: unalias(value.callee, aliases) } : value;
  const kind = shortName(call.callee);
  const op: Operation = { kind, line: call.line, call };
  const list = (written: Py | undefined) => {
    const v = written && resolved(written, ctx);
    return v?.t === 'seq' ? v.items.map((item) => toOperation(item, ctx)) : [];
  };
  if (kind === 'SeparateDatabaseAndState') {
    op.database = list(argument(call, 'database_operations', 0));
    op.state = list(argument(call, 'state_operations', 1));
  } else if (kind === 'RunSQL') {
    op.state = list(argument(call, 'state_operations', 2));
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
  const original = (n: Node) => (n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text);
  const alias = (n: Node) => (n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : undefined);
  if (node.type === 'import_from_statement') {
    const module = node.childForFieldName('module_name')?.text ?? '';
    const named = node.childrenForFieldName('name').filter((n): n is Node => n !== null);
    const names = named.map(original);
    const aliased = named.some((n) => alias(n) !== undefined);
    return [{ line, module, names, ...(aliased && { bound: named.map((n) => alias(n) ?? original(n)) }) }];
  }
  return node.childrenForFieldName('name').flatMap((n) => {
    if (!n) return [];
    const as = alias(n);
    return [{ line, module: original(n), names: [], ...(as !== undefined && { bound: [as] }) }];
  });
}

function firstErrorLine(root: Node): number {
  const error = root.descendantsOfType('ERROR')[0] ?? root.descendantsOfType('MISSING')[0];
  return (error?.startPosition.row ?? 0) + 1;
}
