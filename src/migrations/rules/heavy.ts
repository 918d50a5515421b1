import type { OperationFact } from '../facts.js';
import { argument, shortName, type Py } from '../py-syntax.js';
import { docs, label, shortSql, type MigrationRule, type Verdict } from './kit.js';

/** Safe for the running code, but heavy or one-way: warnings. */

const CONCURRENTLY = 'Build it with AddIndexConcurrently (django.contrib.postgres.operations) in a migration with atomic = False';

export const addIndex: MigrationRule = {
  meta: { id: 'migrations.add-index', severity: 'warning', title: 'An index is built without CONCURRENTLY, blocking writes to the table', docs: 'https://docs.djangoproject.com/en/stable/ref/contrib/postgres/operations/#concurrent-index-operations' , explain: { checks: "Whether an index is built on an existing table without CONCURRENTLY (PostgreSQL).", why: "CREATE INDEX locks the table against writes for the whole build; on a big table the site stops writing.", example: "AddIndex('book', models.Index(fields=['isbn']))", fix: "Use AddIndexConcurrently (django.contrib.postgres.operations) in a migration with atomic = False." } },
  operation(fact) {
    const kind = fact.op.kind;
    if ((kind === 'AddIndexConcurrently' || kind === 'RemoveIndexConcurrently') && fact.migration.atomic) return inTransaction(fact, kind === 'AddIndexConcurrently' ? 'CREATE INDEX CONCURRENTLY' : 'DROP INDEX CONCURRENTLY');
    if (fact.newModel || (fact.newField && fact.op.kind === 'AlterField')) return undefined;
    const what = indexBuilt(fact);
    if (!what) return undefined;
    return {
      message: `${label(fact)} builds ${what} with a plain CREATE INDEX: PostgreSQL blocks every INSERT, UPDATE and DELETE on the table until the index is built (minutes on a big table).`,
      hint: kind === 'AddIndex' ? `${CONCURRENTLY}.` : `${CONCURRENTLY}, and make the field change state-only with SeparateDatabaseAndState (state_operations: the field change; database_operations: AddIndexConcurrently).`,
    };
  },
  sql(action, fact, ctx) {
    // Before the new-table test: a table this release creates does not make a transaction accept CONCURRENTLY.
    if ((action.kind === 'create-index' || action.kind === 'drop-index') && action.concurrently && fact.migration.atomic) return inTransaction(fact, `\`${shortSql(action)}\``);
    if ('table' in action && ctx.newTables.has(action.table)) return undefined;
    if (action.kind === 'create-index' && !action.concurrently) {
      return { message: `\`${shortSql(action)}\` blocks writes to ${action.table} until the index is built.`, hint: `Use CREATE INDEX CONCURRENTLY (${CONCURRENTLY}).` };
    }
    if (action.kind === 'add-constraint' && action.constraint === 'unique') {
      return { message: `\`${shortSql(action)}\` builds a unique index on ${action.table} while blocking writes.`, hint: 'Build the unique index with CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … UNIQUE USING INDEX.' };
    }
    return undefined;
  },
};

/**
 * CONCURRENTLY inside the transaction Django wraps an atomic migration in: PostgreSQL refuses it ("cannot run
 * inside a transaction block"; Django refuses AddIndexConcurrently/RemoveIndexConcurrently itself, and so does
 * `manage.py sqlmigrate`), so `migrate` fails in the release phase and the release is not deployed.
 */
function inTransaction(fact: OperationFact, what: string): Verdict {
  return {
    severity: 'error',
    message: `${label(fact)} runs ${what} inside the transaction of ${fact.migration.name} (the migration has no atomic = False): PostgreSQL refuses CONCURRENTLY in a transaction, so \`migrate\` fails and the release phase stops the deploy.`,
    hint: 'Set atomic = False on the Migration class, and keep the other operations in a migration of their own (without a transaction, a failure halfway leaves the earlier ones applied).',
  };
}

/** What index an operation builds on an existing table, in words; undefined when it builds none. */
function indexBuilt(fact: OperationFact): string | undefined {
  const field = fact.field;
  switch (fact.op.kind) {
    case 'AddIndex':
      return 'an index';
    case 'AddField':
      if (!field || field.manyToMany) return undefined;
      return field.unique ? 'a unique index' : field.indexed ? 'an index' : undefined;
    case 'AlterField':
      if (!field || !fact.before || field.manyToMany) return undefined;
      if (field.unique && !fact.before.unique) return 'a unique index';
      return field.indexed && !fact.before.indexed && !fact.before.unique ? 'an index' : undefined;
    case 'AlterUniqueTogether':
    case 'AlterIndexTogether': {
      const before = (fact.op.kind === 'AlterUniqueTogether' ? fact.modelBefore?.uniqueTogether : fact.modelBefore?.indexTogether) ?? [];
      const value = argument(fact.op.call, fact.op.kind === 'AlterUniqueTogether' ? 'unique_together' : 'index_together', 1);
      const groups = groupsOf(value);
      const added = groups.filter((g) => !before.some((b) => b.join(',') === g.join(',')));
      return added.length ? `${fact.op.kind === 'AlterUniqueTogether' ? 'a unique index' : 'an index'} on (${added[0]!.join(', ')})` : undefined;
    }
    case 'AddConstraint': {
      const constraint = argument(fact.op.call, 'constraint', 1);
      return constraint?.t === 'call' && shortName(constraint.callee) === 'UniqueConstraint' ? 'a unique index' : undefined;
    }
    default:
      return undefined;
  }
}

function groupsOf(value: Py | undefined): string[][] {
  if (value?.t !== 'seq') return [];
  if (value.items.every((i) => i.t === 'str')) return value.items.length ? [value.items.map((i) => (i as { v: string }).v)] : [];
  return value.items.map((g) => (g.t === 'seq' ? g.items.map((i) => (i.t === 'str' ? i.v : '?')) : []));
}

export const runPythonNoReverse: MigrationRule = {
  meta: { id: 'migrations.run-python-no-reverse', severity: 'warning', title: 'A RunPython has no reverse_code: the data change cannot be undone', docs: docs('runpython') , explain: { checks: "Whether a RunPython has reverse_code.", why: "Without it the migration cannot be rolled back, and a rollback of the release leaves the data changed.", example: "migrations.RunPython(fill_isbn)", fix: "migrations.RunPython(fill_isbn, reverse_code=migrations.RunPython.noop), or a real reverse." } },
  operation(fact) {
    if (fact.op.kind !== 'RunPython') return undefined;
    const reverse = argument(fact.op.call, 'reverse_code', 1);
    if (reverse && reverse.t !== 'none') return undefined;
    return {
      message: `${label(fact)} has no reverse_code: \`migrate\` back past ${fact.migration.name} is refused (IrreversibleError), and a rollback of the code leaves the data as this function left it.`,
      hint: 'Give it reverse_code: a function that undoes the change, or migrations.RunPython.noop when leaving the data is right.',
    };
  },
};

export const directModelImport: MigrationRule = {
  meta: { id: 'migrations.direct-model-import', severity: 'warning', title: 'A data migration imports models directly instead of apps.get_model', docs: 'https://docs.djangoproject.com/en/stable/topics/migrations/#data-migrations' , explain: { checks: "Whether a data migration imports models directly instead of using apps.get_model.", why: "The imported model is today's code, not the schema at that migration: the migration breaks when the model changes later.", example: "from books.models import Book  # inside a migration", fix: "def forwards(apps, schema_editor): Book = apps.get_model('books', 'Book')" } },
  operation(fact) {
    if (fact.op.kind !== 'RunPython') return undefined;
    const functions = [argument(fact.op.call, 'code', 0), argument(fact.op.call, 'reverse_code', 1)].flatMap((v) => (v?.t === 'name' && !v.v.includes('.') ? [v.v] : []));
    if (functions.length === 0) return undefined;
    const m = fact.migration;
    const uses = (i: { module: string; names: string[]; bound?: string[] }, fn: string) => {
      const globals = m.functions.get(fn)?.globals;
      const bound = i.bound ?? (i.names.length ? i.names : [i.module.split('.')[0]!]);
      return globals !== undefined && bound.some((n) => globals.has(n));
    };
    const imported = m.imports.find(
      (i) => importsModels(i.module, i.names) && (i.inFunction !== undefined ? functions.includes(i.inFunction) : functions.some((fn) => uses(i, fn))),
    );
    if (imported) {
      return {
        line: imported.line,
        message: `${label(fact)} runs code that imports models from ${imported.module} (line ${imported.line}): that is today's model class, not the model as it is at ${m.name}; once the model changes again, this migration breaks on a fresh database.`,
        hint: `Inside the function, use apps.get_model('${m.app}', 'ModelName') (the historical model passed to RunPython) instead of importing it.`,
      };
    }
    const user = functions.find((f) => m.functions.get(f)?.calls.has('get_user_model'));
    if (user) {
      return {
        line: m.functions.get(user)!.line,
        message: `${label(fact)} runs ${user}(), which calls get_user_model(): that is today's user model, not the historical one.`,
        hint: "Use apps.get_model(settings.AUTH_USER_MODEL) — or apps.get_model('auth', 'User') — inside the function.",
      };
    }
    return undefined;
  },
};

/** `from shop.models import Book`, `from shop import models`, `import shop.models`; Django's own `from django.db import models` is the field library, and `from django.db.models import Count` its query library. */
function importsModels(module: string, names: string[]): boolean {
  // django.db.models and its submodules are the query library (Count, F, Q, functions), not models.
  if (module === 'django.db' || module === 'django.db.models' || module.startsWith('django.db.models.')) return false;
  if (module === 'models' || module.endsWith('.models')) return true;
  return names.includes('models');
}
