import { show } from '../py-syntax.js';
import { argument } from '../py-syntax.js';
import { docs, label, shortSql, type MigrationRule } from './kit.js';

/** What implanta cannot judge, said plainly; and migration files that will not run as they read. */

export const runSql: MigrationRule = {
  meta: { id: 'migrations.run-sql', severity: 'error', title: "A RunSQL whose effect on the running release cannot be told", docs: docs('runsql') , explain: { checks: "Whether a RunSQL runs SQL whose effect on the running release implanta cannot tell.", why: "Arbitrary SQL can drop or lock what the old code uses, and nothing shows it before the deploy.", example: "migrations.RunSQL(sql_from_a_function())", fix: "Write the SQL as a literal, or run `manage.py sqlmigrate` so implanta can read it, and keep breaking changes for a later release." } },
  operation(fact) {
    if (fact.op.kind !== 'RunSQL') return undefined;
    const sql = argument(fact.op.call, 'sql', 0);
    return {
      message: `${label(fact)} runs SQL implanta cannot read (${sql ? show(sql) : 'no sql argument'} is not a string literal): it cannot tell whether the running release survives it.`,
      hint: 'Write the SQL as a literal, or run `implanta migrations --python` with a database URL to judge what sqlmigrate prints; if it only adds, deploy with --allow-incompatible-migrations after checking by hand.',
    };
  },
  sql(action) {
    if (action.kind !== 'unknown') return undefined;
    return {
      message: `\`${shortSql(action)}\`: implanta cannot tell what this statement does to the tables the running release uses.`,
      hint: 'Check it by hand; split it into statements implanta reads (CREATE INDEX CONCURRENTLY, ADD COLUMN … NULL), or deploy with --allow-incompatible-migrations once you are sure it only adds.',
    };
  },
};

const KNOWN = new Set([
  'CreateModel', 'DeleteModel', 'RenameModel', 'AlterModelTable', 'AlterModelTableComment', 'AlterModelOptions', 'AlterModelManagers', 'AlterOrderWithRespectTo',
  'AlterUniqueTogether', 'AlterIndexTogether', 'AddField', 'RemoveField', 'AlterField', 'RenameField', 'AddIndex', 'RemoveIndex', 'RenameIndex',
  'AddIndexConcurrently', 'RemoveIndexConcurrently', 'AddConstraint', 'RemoveConstraint', 'RunSQL', 'RunPython', 'SeparateDatabaseAndState',
  'CreateExtension', 'BtreeGinExtension', 'BtreeGistExtension', 'CITextExtension', 'CryptoExtension', 'HStoreExtension', 'TrigramExtension', 'UnaccentExtension',
  'CreateCollation', 'RemoveCollation', 'AddConstraintNotValid', 'ValidateConstraint',
]);

export const unknownOperation: MigrationRule = {
  meta: { id: 'migrations.unknown-operation', severity: 'warning', title: 'An operation implanta does not know', docs: 'https://docs.djangoproject.com/en/stable/ref/migration-operations/#writing-your-own' , explain: { checks: "Whether a migration uses an operation that is not one of Django's.", why: "implanta cannot tell what it does to the database while the old release serves.", example: "operations = [my_custom_operation()]", fix: "Check what it runs with `manage.py sqlmigrate APP NAME`, then silence the finding for this migration if it is safe." } },
  operation(fact) {
    if (KNOWN.has(fact.op.kind)) return undefined;
    return {
      message: `${fact.op.kind === '?' ? 'An entry of operations that is not a call' : label(fact)} is not one of Django's operations: implanta cannot tell what it does to the database.`,
      hint: 'Run `implanta migrations --python` with a database URL to judge the SQL it runs, or check it by hand.',
    };
  },
};

export const unreadable: MigrationRule = {
  meta: { id: 'migrations.unreadable', severity: 'error', title: 'A new migration file implanta cannot read', docs: 'https://docs.djangoproject.com/en/stable/topics/migrations/#migration-files' , explain: { checks: "Whether a new migration file can be read as makemigrations writes it (a Migration class with literal operations).", why: "A migration implanta cannot read is a migration nobody checked before the deploy.", example: "a migration that builds its operations in a loop", fix: "Check `python manage.py migrate --plan` lists it, and keep operations literal." } },
  file(fact) {
    if (!fact.migration.problem) return undefined;
    return {
      message: `${fact.migration.file} is a new migration, but ${fact.migration.problem}: implanta cannot tell what it does.`,
      hint: 'Check that `python manage.py migrate --plan` lists it; implanta reads what Django\'s makemigrations writes (a Migration class with literal operations).',
    };
  },
};

export const editedMigration: MigrationRule = {
  meta: { id: 'migrations.edited', severity: 'warning', title: 'A migration the running release already applied was edited', docs: 'https://docs.djangoproject.com/en/stable/topics/migrations/#workflow' , explain: { checks: "Whether a migration the running release already applied was edited since.", why: "Django never re-runs an applied migration: the edit changes nothing in production, and production's schema drifts from the code's.", example: "editing 0003_add_isbn.py after it was deployed", fix: "Revert the edit and put the change in a new migration." } },
  file(fact) {
    if (!fact.edited) return undefined;
    return {
      message: `${fact.migration.file} changed, but the running release already applied ${fact.migration.app}.${fact.migration.name}: \`migrate\` will not run it again, so production will not get the change while a fresh database will.`,
      hint: 'Revert the edit and put the change in a new migration (python manage.py makemigrations).',
    };
  },
};

export const squashApplied: MigrationRule = {
  meta: { id: 'migrations.squash-applied', severity: 'info', title: 'A new squashed migration whose originals are applied: it runs nothing', docs: 'https://docs.djangoproject.com/en/stable/topics/migrations/#migration-squashing' , explain: { checks: "Whether a new squashed migration replaces migrations the running release already applied.", why: "Django records it as applied and runs none of its operations: changes added while squashing never reach production.", example: "0001_squashed_0004 with 0001-0004 applied", fix: "Keep the squash to what the originals did; put new changes in a new migration." } },
  file(fact) {
    if (!fact.squashApplied) return undefined;
    return {
      message: `${fact.migration.file} squashes migrations the running release already applied: Django records it as applied and runs none of its operations.`,
      hint: 'Nothing to do; once every environment has run it, the originals can be deleted.',
    };
  },
};
