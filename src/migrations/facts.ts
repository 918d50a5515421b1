import { readField, type FieldSpec } from './fields.js';
import { argument, asString } from './py-syntax.js';
import { migrationPackagesOnly, type MigrationFile, type MigrationKey, type Operation } from './read-migration.js';
import { readSql, type SqlAction } from './sql.js';
import { modelKey, SchemaState, type ModelState } from './state.js';

/** One operation the next release's `migrate` runs against the database, with what it changes. */
export interface OperationFact {
  migration: MigrationFile;
  op: Operation;
  /** The model it acts on, as written (`book`), when it names one. */
  model?: string;
  /** The model's table is created by a migration of this same release: no running code knows it. */
  newModel: boolean;
  /** The field (its column) is added by a migration of this same release: no running code reads it. */
  newField: boolean;
  /** The field as it was before the operation (AlterField, RemoveField, RenameField). */
  before?: FieldSpec;
  /** The field the operation defines (AddField, AlterField). */
  field?: FieldSpec;
  /** The model before the operation (for unique_together and index_together). */
  modelBefore?: { uniqueTogether: string[][]; indexTogether: string[][]; table?: string };
  /**
   * The SQL the operation runs, when known: a RunSQL's literal SQL, or what `manage.py sqlmigrate`
   * printed for it. Rules about the database judge this instead of the operation when it is present.
   */
  sql?: SqlAction[];
  /** Inside SeparateDatabaseAndState's database_operations. */
  databaseOnly?: boolean;
}

/** What a migration file is, beyond its operations. */
export interface FileFact {
  migration: MigrationFile;
  /** An edit to a migration the running release already applied: `migrate` will not run it again. */
  edited?: boolean;
  /** A new squashed migration whose originals are all applied: Django marks it applied and runs nothing. */
  squashApplied?: boolean;
}

export interface MigrationFacts {
  /** 'static': the files were read; 'sqlmigrate': the SQL came from the project's manage.py sqlmigrate. */
  method: 'static' | 'sqlmigrate';
  django: { major: number; minor: number };
  /** The migrations the next release runs, in the order `migrate` runs them. */
  runs: MigrationFile[];
  operations: OperationFact[];
  files: FileFact[];
}

export interface PlanInput {
  /** Every migration file of the tree being deployed. */
  all: MigrationFile[];
  /** The migrations the running release has (and so has applied). */
  applied: ReadonlySet<string>;
  /** Files that exist at both ends but changed. */
  edited: ReadonlySet<string>;
  django: { major: number; minor: number };
}

export const keyText = (k: MigrationKey): string => `${k.app}.${k.name}`;

/**
 * Replays every migration of the tree in dependency order, as Django's loader would, and collects the
 * operations of those the running release has not applied, each with the schema it meets. Squashed
 * migrations follow Django's rule: the squash runs when none of its originals is applied; otherwise the
 * originals that are not applied run one by one.
 */
export function planMigrations(plan: PlanInput): MigrationFacts {
  const input = { ...plan, all: migrationPackagesOnly(plan.all) };
  const byKey = new Map(input.all.map((m) => [keyText(m), m]));
  const isNew = (m: MigrationFile) => !input.applied.has(keyText(m));
  const squashRuns = (m: MigrationFile) => m.replaces.length > 0 && isNew(m) && m.replaces.every((r) => !input.applied.has(keyText(r)));
  const replacedByRunningSquash = new Set(input.all.filter(squashRuns).flatMap((m) => m.replaces.map(keyText)));

  const files: FileFact[] = [];
  for (const m of input.all) {
    if (input.edited.has(m.file)) files.push({ migration: m, edited: true });
    else if (m.problem && isNew(m)) files.push({ migration: m });
    else if (m.replaces.length > 0 && isNew(m) && !squashRuns(m)) files.push({ migration: m, squashApplied: true });
  }

  const state = new SchemaState();
  const created = new Set<string>();
  const runs: MigrationFile[] = [];
  const operations: OperationFact[] = [];
  for (const m of dependencyOrder(input.all, byKey)) {
    if (m.problem || replacedByRunningSquash.has(keyText(m))) continue;
    // A squash whose originals are on disk and (partly) applied: the originals carry the history.
    if (m.replaces.length > 0 && !squashRuns(m) && m.replaces.some((r) => byKey.has(keyText(r)))) continue;
    const judged = isNew(m) && !(m.replaces.length > 0 && !squashRuns(m));
    if (judged) runs.push(m);
    for (const op of m.operations) {
      if (judged) {
        const database = op.kind === 'SeparateDatabaseAndState' ? (op.database ?? []) : [op];
        for (const inner of database) operations.push(fact(m, inner, state, created, op !== inner));
        for (const inner of database) {
          if (inner.kind === 'CreateModel') created.add(modelKey(m.app, asString(argument(inner.call, 'name', 0)) ?? ''));
          if (inner.kind === 'AddField') created.add(fieldKey(m.app, asString(argument(inner.call, 'model_name', 0)), asString(argument(inner.call, 'name', 1))));
        }
      }
      state.apply(m.app, op);
      if (judged && op.kind === 'RenameModel') {
        const from = modelKey(m.app, asString(argument(op.call, 'old_name', 0)) ?? '');
        if (created.has(from)) created.add(modelKey(m.app, asString(argument(op.call, 'new_name', 1)) ?? ''));
      }
    }
  }
  return { method: 'static', django: input.django, runs, operations, files };
}

function fact(m: MigrationFile, op: Operation, state: SchemaState, created: Set<string>, databaseOnly: boolean): OperationFact {
  const call = op.call;
  const model =
    op.kind === 'RenameModel'
      ? asString(argument(call, 'old_name', 0))
      : MODEL_BY_NAME.has(op.kind)
        ? asString(argument(call, 'name', 0))
        : NO_MODEL.has(op.kind)
          ? undefined
          : asString(argument(call, 'model_name', 0));
  const current: ModelState | undefined = model ? state.model(m.app, model) : undefined;
  const fieldName = op.kind === 'RenameField' ? asString(argument(call, 'old_name', 1)) : asString(argument(call, 'name', 1));
  const before = FIELD_OPS.has(op.kind) && fieldName ? current?.fields.get(fieldName) : undefined;
  const field = op.kind === 'AddField' || op.kind === 'AlterField' ? readField(argument(call, 'field', 2)) : undefined;
  const sql = op.kind === 'RunSQL' ? literalSql(op) : undefined;
  return {
    migration: m,
    op,
    ...(model !== undefined && { model }),
    newModel: model !== undefined && created.has(modelKey(m.app, model)),
    newField: created.has(fieldKey(m.app, model, fieldName)),
    ...(before && { before }),
    ...(field && { field }),
    ...(current && { modelBefore: { uniqueTogether: current.uniqueTogether, indexTogether: current.indexTogether, ...(current.table !== undefined && { table: current.table }) } }),
    ...(sql && { sql }),
    ...(databaseOnly && { databaseOnly }),
  };
}

/** `app.model.field`, in the same set as the models this release creates. */
function fieldKey(app: string, model: string | undefined, field: string | undefined): string {
  return `${modelKey(app, model ?? '?')}.${(field ?? '?').toLowerCase()}`;
}

const MODEL_BY_NAME = new Set(['CreateModel', 'DeleteModel', 'AlterUniqueTogether', 'AlterIndexTogether', 'AlterModelTable', 'AlterModelOptions', 'AlterModelManagers', 'AlterOrderWithRespectTo']);
/** Operations whose first argument is not a model (RunSQL's is its SQL). */
const NO_MODEL = new Set(['RunSQL', 'RunPython', 'SeparateDatabaseAndState']);
const FIELD_OPS = new Set(['AlterField', 'RemoveField', 'RenameField']);

/** A RunSQL's forward SQL when it is a string literal (or a list of them); undefined when it is computed. */
function literalSql(op: Operation): SqlAction[] | undefined {
  const value = argument(op.call, 'sql', 0);
  if (value?.t === 'str') return readSql(value.v);
  if (value?.t === 'seq') {
    const parts = value.items.map((item) => (item.t === 'seq' ? item.items[0] : item));
    if (parts.every((p) => p?.t === 'str')) return parts.flatMap((p) => readSql((p as { v: string }).v));
  }
  return undefined;
}

/** Dependencies first; among independent migrations, the order of their files. */
function dependencyOrder(all: MigrationFile[], byKey: Map<string, MigrationFile>): MigrationFile[] {
  const sorted = [...all].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: MigrationFile[] = [];
  const visit = (m: MigrationFile) => {
    const key = keyText(m);
    if (done.has(key) || visiting.has(key)) return;
    visiting.add(key);
    for (const dep of m.dependencies) {
      const target = byKey.get(keyText(dep));
      if (target) visit(target);
    }
    // A squash stands in for its originals: whatever depended on them follows it too.
    for (const original of m.replaces) {
      const target = byKey.get(keyText(original));
      if (target) visit(target);
    }
    visiting.delete(key);
    done.add(key);
    out.push(m);
  };
  for (const m of sorted) visit(m);
  return out;
}
