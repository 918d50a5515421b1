import { planMigrations, type MigrationFacts } from '../../src/migrations/facts.js';
import { readMigration } from '../../src/migrations/read-migration.js';
import { migrationRules } from '../../src/migrations/rules/index.js';
import { testRule } from '../helpers/rule-tester.js';
import assert from 'node:assert/strict';
import { it } from 'node:test';

/**
 * Every migrations.* rule with passing and failing cases, on migration files as Django writes them. The
 * running release has applied shop.0001_initial; each case adds shop.0002_change (and what it says).
 */
const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name='Book',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=100)),
                ('pages', models.IntegerField(null=True)),
                ('isbn', models.CharField(db_column='code', max_length=13)),
            ],
            options={'unique_together': {('title', 'isbn')}},
        ),
    ]
`;

async function facts(operations: string, options: { header?: string; atomic?: boolean; django?: [number, number]; extra?: Record<string, string>; edited?: string[]; applied?: string[] } = {}): Promise<MigrationFacts> {
  const change = `${options.header ?? ''}from django.db import migrations, models


class Migration(migrations.Migration):
${options.atomic === false ? '    atomic = False\n' : ''}    dependencies = [('shop', '0001_initial')]
    operations = [
${operations}
    ]
`;
  const files: Record<string, string> = { 'shop/migrations/0001_initial.py': INITIAL, 'shop/migrations/0002_change.py': change, ...options.extra };
  const all = await Promise.all(Object.entries(files).map(([file, source]) => readMigration(file, source)));
  const [major, minor] = options.django ?? [4, 2];
  return planMigrations({ all, applied: new Set(options.applied ?? ['shop.0001_initial']), edited: new Set(options.edited ?? []), django: { major, minor } });
}

const sql = (text: string) => `        migrations.RunSQL(${JSON.stringify(text)}, migrations.RunSQL.noop),`;
const rule = (id: string) => migrationRules.find((r) => r.meta.id === id)!;
const AT = { file: 'shop/migrations/0002_change.py', line: 7 };
/** The first operation's place when the case adds one import line above the file. */
const AT_AFTER_IMPORT = { ...AT, line: 8 };
const DJANGO_AS_M = 'from django.db import migrations as m\n';
const createTome = "        migrations.CreateModel(name='Tome', fields=[('id', models.AutoField(primary_key=True)), ('name', models.CharField(max_length=10))]),";

testRule(rule('migrations.remove-field'), {
  pass: [
    { name: 'a field of a model this release creates', facts: await facts(`${createTome}\n        migrations.RemoveField(model_name='tome', name='name'),`) },
    { name: 'a state-only removal', facts: await facts("        migrations.SeparateDatabaseAndState(state_operations=[migrations.RemoveField('book', 'pages')]),") },
  ],
  fail: [
    { name: 'RemoveField', facts: await facts("        migrations.RemoveField(model_name='book', name='pages'),"), reports: [{ messageId: 'operation', ...AT }] },
    { name: 'RunSQL DROP COLUMN', facts: await facts(sql('ALTER TABLE shop_book DROP COLUMN pages')), reports: [{ messageId: 'sql', ...AT }] },
  ],
});

testRule(rule('migrations.delete-model'), {
  pass: [{ name: 'a model this release creates', facts: await facts(`${createTome}\n        migrations.DeleteModel('Tome'),`) }],
  fail: [
    { name: 'DeleteModel', facts: await facts("        migrations.DeleteModel(name='Book'),"), reports: [{ messageId: 'operation', ...AT }] },
    { name: 'DROP TABLE', facts: await facts(sql('DROP TABLE IF EXISTS "shop_book"')), reports: ['sql'] },
  ],
});

testRule(rule('migrations.rename-field'), {
  pass: [{ name: 'a field with db_column: only Django renames it', facts: await facts("        migrations.RenameField('book', 'isbn', 'code13'),") }],
  fail: [
    { name: 'RenameField', facts: await facts("        migrations.RenameField(model_name='book', old_name='title', new_name='name'),"), reports: ['operation'] },
    { name: 'RENAME COLUMN', facts: await facts(sql('ALTER TABLE shop_book RENAME COLUMN title TO name')), reports: ['sql'] },
  ],
});

const WITH_TABLE = INITIAL.replace("options={'unique_together'", "options={'db_table': 'books', 'unique_together'");
testRule(rule('migrations.rename-model'), {
  pass: [
    { name: 'AlterModelOptions touches no table', facts: await facts("        migrations.AlterModelOptions(name='book', options={'ordering': ['title']}),") },
    { name: 'RenameModel of a model with Meta.db_table: the table keeps its name', facts: await facts("        migrations.RenameModel(old_name='Book', new_name='Tome'),", { extra: { 'shop/migrations/0001_initial.py': WITH_TABLE } }) },
    { name: 'AlterModelTable to the name the table has', facts: await facts("        migrations.AlterModelTable(name='book', table='books'),", { extra: { 'shop/migrations/0001_initial.py': WITH_TABLE } }) },
  ],
  fail: [
    { name: 'RenameModel', facts: await facts("        migrations.RenameModel(old_name='Book', new_name='Tome'),"), reports: [{ messageId: 'operation', mentions: ['shop_book to shop_tome'] }] },
    { name: 'AlterModelTable', facts: await facts("        migrations.AlterModelTable(name='book', table='books'),"), reports: [{ messageId: 'operation', mentions: ['shop_book to books'] }] },
    { name: "AlterModelTable(table=None) back to Django's name (oscar communication 0002)", facts: await facts("        migrations.AlterModelTable(name='book', table=None),", { extra: { 'shop/migrations/0001_initial.py': WITH_TABLE } }), reports: [{ messageId: 'operation', mentions: ['books to shop_book'] }] },
    { name: 'RENAME TO', facts: await facts(sql('ALTER TABLE "shop_book" RENAME TO "shop_tome"')), reports: ['sql'] },
  ],
});

testRule(rule('migrations.not-null'), {
  pass: [
    { name: 'dropping NOT NULL', facts: await facts("        migrations.AlterField('book', 'title', models.CharField(max_length=100, null=True)),") },
    { name: 'DROP NOT NULL', facts: await facts(sql('ALTER TABLE shop_book ALTER COLUMN title DROP NOT NULL')) },
  ],
  fail: [
    { name: 'a nullable column made NOT NULL', facts: await facts("        migrations.AlterField(model_name='book', name='pages', field=models.IntegerField(default=0)),"), reports: [{ messageId: 'operation', severity: 'error' }] },
    { name: 'a field no readable migration defines: cannot tell', facts: await facts("        migrations.AlterField('book', 'ghost', models.IntegerField()),"), reports: [{ messageId: 'operation', severity: 'warning' }] },
    { name: 'SET NOT NULL', facts: await facts(sql('ALTER TABLE shop_book ALTER COLUMN pages SET NOT NULL')), reports: ['sql'] },
  ],
});

testRule(rule('migrations.column-type'), {
  pass: [
    { name: 'a longer varchar (catalogue only)', facts: await facts("        migrations.AlterField('book', 'title', models.CharField(max_length=200)),") },
    { name: 'varchar to text', facts: await facts("        migrations.AlterField('book', 'title', models.TextField()),") },
  ],
  fail: [
    { name: 'integer to bigint', facts: await facts("        migrations.AlterField('book', 'pages', models.BigIntegerField(null=True)),"), reports: [{ messageId: 'operation', severity: 'error' }] },
    { name: 'a shorter varchar', facts: await facts("        migrations.AlterField('book', 'title', models.CharField(max_length=50)),"), reports: ['operation'] },
    { name: 'field classes it does not know', facts: await facts("        migrations.AlterField('book', 'pages', myfields.Money(null=True)),"), reports: [{ messageId: 'operation', severity: 'warning' }] },
    { name: 'ALTER COLUMN TYPE', facts: await facts(sql('ALTER TABLE "shop_book" ALTER COLUMN "pages" TYPE bigint USING "pages"::bigint')), reports: ['sql'] },
  ],
});

testRule(rule('migrations.add-not-null'), {
  pass: [
    { name: 'nullable', facts: await facts("        migrations.AddField('book', 'year', models.IntegerField(null=True)),") },
    { name: 'db_default on Django 5.0', facts: await facts("        migrations.AddField('book', 'year', models.IntegerField(db_default=2000)),", { django: [5, 0] }) },
    { name: 'a many-to-many', facts: await facts("        migrations.AddField('book', 'tags', models.ManyToManyField(to='shop.Tag')),") },
    { name: 'NOT NULL with a default the column keeps', facts: await facts(sql('ALTER TABLE shop_book ADD COLUMN year integer DEFAULT 2000 NOT NULL')) },
  ],
  fail: [
    { name: "a Django default is not the database's", facts: await facts("        migrations.AddField(model_name='book', name='year', field=models.IntegerField(default=2000)),"), reports: ['operation'] },
    { name: 'db_default before Django 5.0', facts: await facts("        migrations.AddField('book', 'year', models.IntegerField(db_default=2000)),", { django: [4, 2] }), reports: ['operation'] },
    { name: "Django's ADD COLUMN … DEFAULT then DROP DEFAULT", facts: await facts(sql('ALTER TABLE "shop_book" ADD COLUMN "year" integer DEFAULT 2000 NOT NULL; ALTER TABLE "shop_book" ALTER COLUMN "year" DROP DEFAULT;')), reports: ['sql'] },
  ],
});

const INDEXED = INITIAL.replace("options={'unique_together': {('title', 'isbn')}}", "options={'unique_together': {('title', 'isbn')}, 'index_together': {('title', 'pages')}}");
testRule(rule('migrations.remove-together'), {
  pass: [
    { name: 'adding a group', facts: await facts("        migrations.AlterUniqueTogether(name='book', unique_together={('title', 'isbn'), ('title', 'pages')}),") },
    {
      name: 'unique_together moved to a UniqueConstraint in the same migration (wagtail 0087)',
      facts: await facts("        migrations.AlterUniqueTogether(name='book', unique_together=set()),\n        migrations.AddConstraint(model_name='book', constraint=models.UniqueConstraint(fields=('isbn', 'title'), name='u')),"),
    },
    {
      name: "index_together renamed into Meta.indexes (Django 4.2's RenameIndex old_fields), then emptied",
      facts: await facts("        migrations.RenameIndex(model_name='book', new_name='book_t_p_idx', old_fields=('title', 'pages')),\n        migrations.AlterIndexTogether(name='book', index_together=set()),", { extra: { 'shop/migrations/0001_initial.py': INDEXED } }),
    },
  ],
  fail: [
    { name: 'unique_together emptied', facts: await facts("        migrations.AlterUniqueTogether(name='book', unique_together=set()),"), reports: [{ messageId: 'operation', severity: 'error' }] },
    {
      name: 'a UniqueConstraint with a condition does not keep the columns unique',
      facts: await facts("        migrations.AlterUniqueTogether(name='book', unique_together=set()),\n        migrations.AddConstraint(model_name='book', constraint=models.UniqueConstraint(fields=('title', 'isbn'), condition=models.Q(pages__gt=0), name='u')),"),
      reports: ['operation'],
    },
    {
      name: 'index_together emptied: a warning, the old release still runs',
      facts: await facts("        migrations.AlterIndexTogether(name='book', index_together=set()),", { extra: { 'shop/migrations/0001_initial.py': INDEXED } }),
      reports: [{ messageId: 'operation', severity: 'warning', mentions: ['index_together (title, pages)', 'ACCESS EXCLUSIVE'] }],
    },
  ],
});

testRule(rule('migrations.run-sql'), {
  pass: [
    { name: 'statements it can read', facts: await facts(sql("CREATE INDEX CONCURRENTLY b ON shop_book (pages); UPDATE shop_book SET pages = 0 WHERE pages IS NULL; COMMENT ON TABLE shop_book IS 'x;y'")) },
    { name: 'RunSQL under an alias, literal SQL it reads', facts: await facts("        R('UPDATE shop_book SET pages = 0', R.noop),", { header: 'from django.db.migrations.operations import RunSQL as R\n' }) },
  ],
  fail: [
    { name: 'SQL that is not a literal', facts: await facts('        migrations.RunSQL(load_sql()),'), reports: ['operation'] },
    { name: 'RunSQL under an alias, SQL it cannot read', facts: await facts('        m.RunSQL(load_sql()),', { header: DJANGO_AS_M }), reports: [{ messageId: 'operation', ...AT_AFTER_IMPORT }] },
    { name: 'a statement it does not know', facts: await facts(sql('CLUSTER shop_book USING shop_book_pkey')), reports: ['sql'] },
  ],
});

testRule(rule('migrations.add-index'), {
  pass: [
    { name: 'AddIndexConcurrently with atomic = False', facts: await facts("        AddIndexConcurrently('book', models.Index(fields=['pages'], name='p_idx')),", { atomic: false, header: 'from django.contrib.postgres.operations import AddIndexConcurrently\n' }) },
    { name: 'RemoveIndexConcurrently with atomic = False', facts: await facts("        RemoveIndexConcurrently('book', 'p_idx'),", { atomic: false, header: 'from django.contrib.postgres.operations import RemoveIndexConcurrently\n' }) },
    { name: 'RunSQL CONCURRENTLY with atomic = False', facts: await facts(sql('CREATE INDEX CONCURRENTLY "p_idx" ON "shop_book" ("pages"); DROP INDEX CONCURRENTLY "old_idx"'), { atomic: false }) },
    { name: 'an index on a model this release creates', facts: await facts(`${createTome}\n        migrations.AddIndex('tome', models.Index(fields=['name'], name='n_idx')),`) },
  ],
  fail: [
    { name: 'AddIndex', facts: await facts("        migrations.AddIndex(model_name='book', index=models.Index(fields=['pages'], name='p_idx')),"), reports: [{ messageId: 'operation', severity: 'warning' }] },
    { name: 'a foreign key added to an existing table', facts: await facts("        migrations.AddField('book', 'shelf', models.ForeignKey(null=True, on_delete=models.SET_NULL, to='shop.shelf')),"), reports: ['operation'] },
    { name: 'db_index=True on an existing column', facts: await facts("        migrations.AlterField('book', 'pages', models.IntegerField(null=True, db_index=True)),"), reports: ['operation'] },
    { name: 'a UniqueConstraint', facts: await facts("        migrations.AddConstraint('book', models.UniqueConstraint(fields=['isbn'], name='u_isbn')),"), reports: ['operation'] },
    { name: 'AddIndexConcurrently in a transaction fails the release phase', facts: await facts("        AddIndexConcurrently('book', models.Index(fields=['pages'], name='p_idx')),", { header: 'from django.contrib.postgres.operations import AddIndexConcurrently\n' }), reports: [{ messageId: 'operation', severity: 'error', mentions: ['atomic = False'] }] },
    { name: 'RemoveIndexConcurrently in a transaction, imported under an alias', facts: await facts("        RIC('book', 'p_idx'),", { header: 'from django.contrib.postgres.operations import RemoveIndexConcurrently as RIC\n' }), reports: [{ messageId: 'operation', severity: 'error', mentions: ['RemoveIndexConcurrently book', 'DROP INDEX CONCURRENTLY'] }] },
    { name: 'RunSQL CREATE INDEX CONCURRENTLY in a transaction', facts: await facts(sql('CREATE INDEX CONCURRENTLY "p_idx" ON "shop_book" ("pages")')), reports: [{ messageId: 'sql', severity: 'error', ...AT }] },
    { name: 'RunSQL DROP INDEX CONCURRENTLY in a transaction', facts: await facts(sql('DROP INDEX CONCURRENTLY IF EXISTS "p_idx"')), reports: [{ messageId: 'sql', severity: 'error' }] },
    { name: 'CREATE INDEX', facts: await facts(sql('CREATE INDEX "p_idx" ON "shop_book" ("pages")')), reports: ['sql'] },
  ],
});

testRule(rule('migrations.run-python-no-reverse'), {
  pass: [
    { name: 'with reverse_code', facts: await facts('        migrations.RunPython(forwards, migrations.RunPython.noop),') },
    { name: 'with reverse_code=None spelled out as noop under an alias', facts: await facts('        m.RunPython(forwards, reverse_code=m.RunPython.noop),', { header: DJANGO_AS_M }) },
    { name: 'RP(forwards, backwards) with RP an alias of RunPython', facts: await facts('        RP(forwards, backwards),', { header: 'from django.db.migrations import RunPython as RP\n' }) },
  ],
  fail: [
    { name: 'without', facts: await facts('        migrations.RunPython(forwards),'), reports: [{ messageId: 'operation', ...AT, mentions: ['IrreversibleError'] }] },
    { name: 'reverse_code=None', facts: await facts('        migrations.RunPython(forwards, reverse_code=None),'), reports: ['operation'] },
    { name: 'from django.db import migrations as m', facts: await facts('        m.RunPython(forwards),', { header: DJANGO_AS_M }), reports: [{ messageId: 'operation', ...AT_AFTER_IMPORT }] },
    { name: 'import django.db.migrations as m', facts: await facts('        m.RunPython(forwards),', { header: 'import django.db.migrations as m\n' }), reports: [{ messageId: 'operation', ...AT_AFTER_IMPORT }] },
    { name: 'from django.db.migrations import RunPython as RP', facts: await facts('        RP(forwards),', { header: 'from django.db.migrations import RunPython as RP\n' }), reports: [{ messageId: 'operation', ...AT_AFTER_IMPORT, mentions: ['RunPython'] }] },
  ],
});

const DATA = (body: string) => `def forwards(apps, schema_editor):\n${body}\n\n\n`;
testRule(rule('migrations.direct-model-import'), {
  pass: [
    { name: 'apps.get_model', facts: await facts('        migrations.RunPython(forwards, migrations.RunPython.noop),', { header: DATA("    Book = apps.get_model('shop', 'Book')\n    Book.objects.update(pages=0)") }) },
    { name: "Django's query library (django.db.models: Count, F, Q) is not a model", facts: await facts('        migrations.RunPython(forwards, migrations.RunPython.noop),', { header: `from django.db.models import Count, F\n\n\n${DATA("    Book = apps.get_model('shop', 'Book')\n    Book.objects.annotate(n=Count('id')).update(pages=F('pages'))")}` }) },
    { name: 'a module-level import the function does not read', facts: await facts('        migrations.RunPython(forwards, migrations.RunPython.noop),', { header: `from shop.models import Book\n\n\n${DATA("    Book = apps.get_model('shop', 'Book')\n    Book.objects.update(pages=0)")}` }) },
  ],
  fail: [
    { name: 'an import inside the function', facts: await facts('        migrations.RunPython(forwards, migrations.RunPython.noop),', { header: DATA('    from shop.models import Book\n    Book.objects.update(pages=0)') }), reports: [{ messageId: 'operation', line: 2 }] },
    { name: 'an aliased module-level import the function reads, in RP under an alias', facts: await facts('        RP(forwards, RP.noop),', { header: `from django.db.migrations import RunPython as RP\nfrom shop.models import Book as B\n\n\n${DATA('    B.objects.update(pages=0)')}` }), reports: [{ messageId: 'operation', line: 2 }] },
    { name: 'import shop.models as sm, read as sm.Book', facts: await facts('        migrations.RunPython(forwards, migrations.RunPython.noop),', { header: `import shop.models as sm\n\n\n${DATA('    sm.Book.objects.update(pages=0)')}` }), reports: [{ messageId: 'operation', line: 1 }] },
    { name: 'get_user_model()', facts: await facts('        migrations.RunPython(forwards, migrations.RunPython.noop),', { header: `from django.contrib.auth import get_user_model\n\n\n${DATA('    get_user_model().objects.update(is_active=True)')}` }), reports: [{ messageId: 'operation', line: 4 }] },
  ],
});

testRule(rule('migrations.unknown-operation'), {
  pass: [{ name: "Django's operations", facts: await facts("        migrations.AlterModelOptions(name='book', options={}),\n        migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop),") }],
  fail: [{ name: 'a third-party operation', facts: await facts('        pgtrigger.AddTrigger(model_name="book", trigger=None),'), reports: ['operation'] }],
});



testRule(rule('migrations.unreadable'), {
  pass: [{ name: 'a file Django wrote', facts: await facts("        migrations.AddField('book', 'year', models.IntegerField(null=True)),") }],
  fail: [
    { name: 'a syntax error', facts: await facts('        migrations.AddField(,'), reports: [{ messageId: 'file', line: 1 }] },
    {
      name: 'a generated migration past the parse cap is a finding, not a refusal of the project',
      facts: await facts(Array<string>(10_000).fill("        migrations.AlterModelOptions(name='book', options={}),").join('\n')),
      reports: [{ messageId: 'file', file: 'shop/migrations/0002_change.py', mentions: ['more Python than implanta reads'] }],
    },
    { name: 'no Migration class next to real migrations (Django fails on it too)', facts: await facts('', { extra: { 'shop/migrations/0003_odd.py': 'x = 1\n' } }), reports: ['file'] },
  ],
});

it('a folder named migrations none of whose modules is a migration is not a migrations package (wagtail/blocks/migrations)', async () => {
  const helpers = { 'shop/blocks/migrations/operations.py': 'class RenameStreamChildrenOperation:\n    pass\n', 'shop/blocks/migrations/utils.py': 'def apply(x):\n    return x\n' };
  const planned = await facts('', { extra: helpers });
  assert.deepEqual(planned.files, []);
  assert.deepEqual(planned.runs.map((m) => m.file), ['shop/migrations/0002_change.py']);
});

testRule(rule('migrations.edited'), {
  pass: [{ name: 'nothing applied changed', facts: await facts('') }],
  fail: [{ name: 'an applied migration changed', facts: await facts('', { edited: ['shop/migrations/0001_initial.py'] }), reports: [{ messageId: 'file', file: 'shop/migrations/0001_initial.py' }] }],
});

const SQUASH = `from django.db import migrations


class Migration(migrations.Migration):
    replaces = [('shop', '0001_initial'), ('shop', '0002_change')]
    dependencies = []
    operations = []
`;
testRule(rule('migrations.squash-applied'), {
  pass: [{ name: 'a squash that runs on a fresh database', facts: await facts('', { applied: [], extra: { 'shop/migrations/0001_squashed_0002.py': SQUASH } }) }],
  fail: [{ name: 'a squash of applied migrations', facts: await facts('', { applied: ['shop.0001_initial', 'shop.0002_change'], extra: { 'shop/migrations/0001_squashed_0002.py': SQUASH } }), reports: [{ messageId: 'file', severity: 'info' }] }],
});
