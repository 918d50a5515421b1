import { typeChangeIsCatalogueOnly } from '../fields.js';
import type { OperationFact } from '../facts.js';
import { argument, asString, shortName } from '../py-syntax.js';
import { defaultTable, docs, label, shortSql, type JudgeContext, type MigrationRule } from './kit.js';

/**
 * Operations the release that is serving now cannot survive: during the deploy (release phase, preboot,
 * a second dyno, the old dynos still answering while the new ones boot) the old code runs against the
 * new schema.
 */

const isNewTable = (table: string, ctx: JudgeContext) => ctx.newTables.has(table);
const tableOf = (fact: OperationFact) => defaultTable(fact.migration.app, fact.model ?? '');

export const removeField: MigrationRule = {
  meta: { id: 'migrations.remove-field', severity: 'error', title: 'A migration drops a column the running release still reads', docs: docs('removefield') , explain: { checks: "Whether a new migration drops a column of a table the running release still reads (RemoveField, or ALTER TABLE \u2026 DROP COLUMN).", why: "During the deploy the old code keeps serving against the new schema: every query selecting the column fails until the new release serves.", example: "migrations.RemoveField(model_name='book', name='title')", fix: "Stop using the field in one release (state-only removal with SeparateDatabaseAndState), drop the column in the next." } },
  operation(fact) {
    if (fact.op.kind !== 'RemoveField' || fact.newModel || fact.newField) return undefined;
    return {
      message: `${label(fact)} drops the column while the running release still selects it: every query of ${fact.model} fails with "column does not exist" until the new code serves.`,
      hint: dropLater('the field', `SeparateDatabaseAndState(state_operations=[migrations.RemoveField(...)]) in this release (the column stays; Django forgets it; make it nullable or give it a db_default first if it is NOT NULL)`),
    };
  },
  sql(action, _fact, ctx) {
    if (action.kind !== 'drop-column' || isNewTable(action.table, ctx)) return undefined;
    return { message: `\`${shortSql(action)}\` drops ${action.table}.${action.column} while the running release still selects it.`, hint: dropLater('the column', 'a state-only change in this release') };
  },
};

export const deleteModel: MigrationRule = {
  meta: { id: 'migrations.delete-model', severity: 'error', title: 'A migration drops a table the running release still uses', docs: docs('deletemodel') , explain: { checks: "Whether a new migration drops a table the running release still queries.", why: "The old release's pages that use the model fail with \"relation does not exist\" until the new code serves.", example: "migrations.DeleteModel(name='Book')", fix: "Remove the model from the code first (state-only DeleteModel), drop the table in a later release." } },
  operation(fact) {
    if (fact.op.kind !== 'DeleteModel' || fact.newModel) return undefined;
    return {
      message: `${label(fact)} drops the table while the running release still queries ${fact.model}: those pages fail with "relation does not exist" until the new code serves.`,
      hint: dropLater('the model', 'SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(...)]) in this release (the table stays)'),
    };
  },
  sql(action, _fact, ctx) {
    if (action.kind !== 'drop-table' || isNewTable(action.table, ctx)) return undefined;
    return { message: `\`${shortSql(action)}\` drops ${action.table} while the running release still queries it.`, hint: dropLater('the table', 'a state-only change in this release') };
  },
};

export const renameField: MigrationRule = {
  meta: { id: 'migrations.rename-field', severity: 'error', title: 'A migration renames a column the running release uses by its old name', docs: docs('renamefield') , explain: { checks: "Whether a new migration renames a column the running release uses by its old name.", why: "The old release reads and writes the old column name and fails until the new code serves.", example: "migrations.RenameField('book', 'title', 'name')", fix: "Keep the column with db_column='title' and a state-only rename, or add, backfill and drop over several releases." } },
  operation(fact) {
    // With db_column set, Django renames the field only: the column keeps its name.
    if (fact.op.kind !== 'RenameField' || fact.newModel || fact.newField || fact.before?.dbColumn) return undefined;
    const from = asString(argument(fact.op.call, 'old_name', 1));
    const to = asString(argument(fact.op.call, 'new_name', 2));
    return {
      message: `${label(fact)} renames the column ${from ?? '?'} to ${to ?? '?'}: the running release still reads and writes ${from ?? 'the old name'}, and fails until the new code serves.`,
      hint: `Keep the column: give the renamed field db_column='${from ?? 'old_name'}' and make the rename state-only with SeparateDatabaseAndState. To rename the column too: add the new one (nullable), write both, backfill, switch reads, and drop the old one in a later release.`,
    };
  },
  sql(action, _fact, ctx) {
    if (action.kind !== 'rename-column' || isNewTable(action.table, ctx)) return undefined;
    return { message: `\`${shortSql(action)}\` renames ${action.table}.${action.column}: the running release still uses the old name.`, hint: 'Add the new column, write both, backfill, switch reads, and drop the old one in a later release; or keep the column name with db_column.' };
  },
};

export const renameModel: MigrationRule = {
  meta: { id: 'migrations.rename-model', severity: 'error', title: 'A migration renames a table the running release uses by its old name', docs: docs('renamemodel') , explain: { checks: "Whether a new migration renames a table the running release uses by its old name.", why: "Every query of the old release against that table fails until the new code serves.", example: "migrations.RenameModel('Book', 'Title')", fix: "Keep the table with Meta.db_table and a state-only rename, or copy the data over several releases." } },
  operation(fact) {
    if ((fact.op.kind !== 'RenameModel' && fact.op.kind !== 'AlterModelTable') || fact.newModel) return undefined;
    const before = fact.modelBefore?.table ?? tableOf(fact);
    let after: string | undefined;
    if (fact.op.kind === 'RenameModel') {
      // A model with Meta.db_table keeps its table when renamed: Django renames nothing in the database.
      if (fact.modelBefore?.table !== undefined) return undefined;
      after = defaultTable(fact.migration.app, asString(argument(fact.op.call, 'new_name', 1)) ?? '');
    } else {
      after = asString(argument(fact.op.call, 'table', 1)) ?? defaultTable(fact.migration.app, fact.model ?? '');
      if (after === before) return undefined;
    }
    return {
      message: `${label(fact)} renames the table ${before} to ${after}: the running release still queries ${before}, and fails until the new code serves.`,
      hint: `Keep the table: set Meta.db_table = '${before}' on the model so the change is Django's alone (SeparateDatabaseAndState for the state change). Rename the table itself in a later release, once no running code uses the old name.`,
    };
  },
  sql(action, _fact, ctx) {
    if (action.kind !== 'rename-table' || isNewTable(action.table, ctx)) return undefined;
    return { message: `\`${shortSql(action)}\` renames ${action.table}: the running release still queries it by that name.`, hint: 'Keep the old table name with Meta.db_table, and rename in a later release.' };
  },
};

export const notNull: MigrationRule = {
  meta: { id: 'migrations.not-null', severity: 'error', title: 'A migration makes a column NOT NULL under the running release', docs: docs('alterfield') , explain: { checks: "Whether a new migration makes an existing column NOT NULL.", why: "PostgreSQL checks every row under an ACCESS EXCLUSIVE lock (reads and writes wait for the scan), and the running release, which may still write NULL there, gets IntegrityError.", example: "migrations.AlterField('book', 'isbn', models.CharField(max_length=13))  # was null=True", fix: "Deploy code that always writes the value first, backfill, then add the constraint in a later release." } },
  operation(fact) {
    if (fact.op.kind !== 'AlterField' || fact.newModel || fact.newField || !fact.field || fact.field.nullable || fact.field.manyToMany) return undefined;
    if (fact.before && !fact.before.nullable) return undefined;
    const tighten = tightenHint(fact.model ?? 'model');
    if (!fact.before) {
      return {
        severity: 'warning',
        message: `${label(fact)} leaves the column NOT NULL, and implanta cannot tell what it was before (the field is not defined by a migration it can read): if it was nullable, the running release's writes of NULL fail.`,
        hint: tighten,
      };
    }
    return {
      message: `${label(fact)} makes a nullable column NOT NULL: PostgreSQL scans the whole table under an ACCESS EXCLUSIVE lock, and the running release, which still writes NULL there, gets IntegrityError.`,
      hint: tighten,
    };
  },
  sql(action, _fact, ctx) {
    if (action.kind !== 'set-not-null' || isNewTable(action.table, ctx)) return undefined;
    return { message: `\`${shortSql(action)}\` scans ${action.table} under an ACCESS EXCLUSIVE lock, and the running release may still write NULL there.`, hint: tightenHint(action.table) };
  },
};

export const columnType: MigrationRule = {
  meta: { id: 'migrations.column-type', severity: 'error', title: "A migration changes a column's type under the running release", docs: docs('alterfield') , explain: { checks: "Whether a new migration changes a column's type in a way the running release or the table data cannot survive (a rewrite or an incompatible cast).", why: "Every type change but a longer varchar (or varchar to text) rewrites the whole table under an ACCESS EXCLUSIVE lock, and the old code may write values the new type refuses.", example: "AlterField('book', 'pages', models.CharField(max_length=10))  # was IntegerField", fix: "Add a new column of the new type, write both, backfill, switch reads, drop the old one later." } },
  operation(fact) {
    if (fact.op.kind !== 'AlterField' || fact.newModel || fact.newField || !fact.field || !fact.before || fact.field.manyToMany) return undefined;
    const before = fact.before.columnType;
    const after = fact.field.columnType;
    if (before !== undefined && after !== undefined) {
      if (before === after || typeChangeIsCatalogueOnly(before, after)) return undefined;
      return {
        message: `${label(fact)} changes the column from ${before} to ${after}: PostgreSQL rewrites the whole table under an ACCESS EXCLUSIVE lock (every read and write waits), and the running release may write values the new type rejects.`,
        hint: expandType(),
      };
    }
    if (fact.before.className === fact.field.className) return undefined;
    return {
      severity: 'warning',
      message: `${label(fact)} changes the field from ${fact.before.className} to ${fact.field.className}; implanta does not know their column types, so it cannot tell whether PostgreSQL rewrites the table.`,
      hint: `Run \`implanta migrations --python\` with a database URL to judge the SQL, or ${expandType()}`,
    };
  },
  sql(action, fact, ctx) {
    if (action.kind !== 'alter-type' || isNewTable(action.table, ctx)) return undefined;
    const before = fact.before?.columnType;
    if (before !== undefined && (before === action.type || typeChangeIsCatalogueOnly(before, action.type))) return undefined;
    return { message: `\`${shortSql(action)}\` changes ${action.table}.${action.column}'s type${before ? ` from ${before}` : ''}: PostgreSQL rewrites the table under an ACCESS EXCLUSIVE lock.`, hint: expandType() };
  },
};

export const addNotNull: MigrationRule = {
  meta: { id: 'migrations.add-not-null', severity: 'error', title: 'A migration adds a NOT NULL column without a database default', docs: docs('addfield') , explain: { checks: "Whether a new migration adds a NOT NULL column without a database default (db_default, Django 5.0+).", why: "The running release inserts rows without the column, and those inserts fail.", example: "AddField('book', 'isbn', models.CharField(max_length=13, default=''))", fix: "Add it nullable (or with db_default), backfill, then make it NOT NULL in a later release." } },
  operation(fact, ctx) {
    const field = fact.field;
    if (fact.op.kind !== 'AddField' || fact.newModel || !field || field.nullable || field.manyToMany) return undefined;
    const dbDefaults = ctx.django.major >= 5;
    if (field.hasDbDefault && dbDefaults) return undefined;
    const why = field.hasDbDefault
      ? `db_default needs Django 5.0 or later, and this project runs Django ${ctx.django.major}.${ctx.django.minor}`
      : field.hasDefault
        ? "its default is Django's, not the database's: Django fills the existing rows with it, then drops it from the column"
        : 'it has no default at all';
    return {
      message: `${label(fact)} adds a NOT NULL column without a database default (${why}): the running release's INSERTs, which do not name the column, fail with a NOT NULL violation until the new code serves.`,
      hint: `Add it with null=True in this release (the new code writes it), backfill the existing rows, and make it NOT NULL in a later release${dbDefaults ? '; or give it a db_default (Django 5.0+), which stays on the column' : ''}.`,
    };
  },
  sql(action, _fact, ctx) {
    if (action.kind !== 'add-column' || !action.notNull || action.dbDefault || isNewTable(action.table, ctx)) return undefined;
    return {
      message: `\`${shortSql(action)}\` leaves ${action.table}.${action.column} NOT NULL without a default: the running release's INSERTs fail.`,
      hint: 'Add the column nullable, backfill, and make it NOT NULL in a later release (or keep a database default on it).',
    };
  },
};

export const removeTogether: MigrationRule = {
  meta: { id: 'migrations.remove-together', severity: 'error', title: 'A migration removes a unique_together the running release relies on, or an index_together its queries use', docs: docs('alteruniquetogether') , explain: { checks: "Whether a new migration removes a unique_together (an error) or an index_together (a warning) of a table the running release uses.", why: "The old code may depend on the uniqueness (get_or_create, error handling) while it still serves. A dropped index breaks no query (PostgreSQL plans without it), but the old release's queries that used it scan the table, and DROP INDEX waits for an ACCESS EXCLUSIVE lock.", example: "AlterUniqueTogether(name='book', unique_together=set())", fix: "Remove the dependence in one release, the constraint in the next; replace an index_together with Meta.indexes (AddIndexConcurrently) before dropping it." } },
  operation(fact) {
    const kind = fact.op.kind;
    if ((kind !== 'AlterUniqueTogether' && kind !== 'AlterIndexTogether') || fact.newModel || !fact.modelBefore) return undefined;
    const key = kind === 'AlterUniqueTogether' ? 'unique_together' : 'index_together';
    const before = kind === 'AlterUniqueTogether' ? fact.modelBefore.uniqueTogether : fact.modelBefore.indexTogether;
    const value = argument(fact.op.call, key, 1);
    const after = value?.t === 'seq' ? (value.items.every((i) => i.t === 'str') ? [value.items.map((i) => (i as { v: string }).v)] : value.items.map((g) => (g.t === 'seq' ? g.items.map((i) => (i.t === 'str' ? i.v : '?')) : []))) : [];
    // unique_together moved to Meta.constraints in the same migration (Django's advice): the same columns stay unique.
    const kept = key === 'unique_together' ? uniqueConstraintsAdded(fact) : [];
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((f) => b.includes(f));
    const removed = before.filter((group) => !after.some((g) => g.join(',') === group.join(',')) && !kept.some((g) => same(g, group)));
    if (removed.length === 0) return undefined;
    const names = removed.map((g) => `(${g.join(', ')})`).join(', ');
    if (key === 'index_together') {
      // Not an error: proven in test/migrations/postgres-behaviour.test.ts, the old release's queries still run
      // once the index is gone; only their plans change. Heavy, like RemoveIndex: a warning in both modes.
      return {
        severity: 'warning',
        message: `${label(fact)} removes index_together ${names}: the running release keeps working (no query needs the index to run), but its queries that used it now scan the table, and DROP INDEX waits for an ACCESS EXCLUSIVE lock on the table (reads and writes queue behind it).`,
        hint: 'If the old code still needs the index, add it to Meta.indexes first (AddIndexConcurrently, atomic = False) and drop the index_together in a later release; to drop it without the lock, use RemoveIndexConcurrently in a migration with atomic = False.',
      };
    }
    return {
      message: `${label(fact)} removes unique_together ${names}: the running release counts on the database to refuse duplicates (get_or_create, IntegrityError handling); once the new code writes duplicates, its .get() calls raise MultipleObjectsReturned.`,
      hint: 'Deploy the code that no longer relies on the constraint first; remove it in a later release (or move it to Meta.constraints with UniqueConstraint in the same migration).',
    };
  },
};

/** The field groups made unique by AddConstraint(UniqueConstraint(fields=…)) in the same migration, on the same model (no condition). */
function uniqueConstraintsAdded(fact: OperationFact): string[][] {
  const model = fact.model?.toLowerCase();
  return fact.migration.operations.flatMap((op) => {
    if (op.kind !== 'AddConstraint' || asString(argument(op.call, 'model_name', 0))?.toLowerCase() !== model) return [];
    const constraint = argument(op.call, 'constraint', 1);
    if (constraint?.t !== 'call' || shortName(constraint.callee) !== 'UniqueConstraint' || constraint.kwargs['condition'] !== undefined) return [];
    const fields = constraint.kwargs['fields'];
    return fields?.t === 'seq' && fields.items.every((f) => f.t === 'str') ? [fields.items.map((f) => (f as { v: string }).v)] : [];
  });
}

function dropLater(what: string, stateOnly: string): string {
  return `Deploy the code that no longer uses ${what} first, with ${stateOnly}; drop it from the database in a later release, once no running code reads it.`;
}

function tightenHint(model: string): string {
  return `Deploy code that always writes a value first and backfill the NULLs of ${model}; then tighten in a later release. On PostgreSQL 12+, add CHECK (column IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT (no long lock), and SET NOT NULL uses that constraint instead of scanning under the lock.`;
}

function expandType(): string {
  return 'add a column of the new type (nullable), write both from the new code, backfill, switch reads, and drop the old column in a later release.';
}
