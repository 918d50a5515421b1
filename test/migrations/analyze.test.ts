import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeMigrations } from '../../src/migrations/analyze.js';
import { DjangoProject } from './helpers/django-project.js';

/** rule@file:line for each finding, in report order (errors first). */
async function judge(project: DjangoProject, since: string, extra: { head?: string; djangoVersion?: string } = {}) {
  const analysis = await analyzeMigrations({ dir: project.root, base: since, djangoVersion: extra.djangoVersion ?? '3.2', ...(extra.head && { head: extra.head }) });
  const found = analysis.report.findings.map((f) => `${f.rule}@${f.file?.replace('shop/migrations/', '')}:${f.line}`);
  return { analysis, found, runs: analysis.runs.map((r) => r.name) };
}

const V1 = `class Author(models.Model):
    name = models.CharField(max_length=50)


class Book(models.Model):
    title = models.CharField(max_length=100)
    pages = models.IntegerField(null=True)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
`;

describe('implanta migrations on migrations made by Django 3.2', () => {
  const project = new DjangoProject();
  const commits: Record<string, string> = {};

  before(() => {
    commits['start'] = project.head();
    commits['initial'] = project.models(V1, { name: 'initial' });
    // Safe: a new model, a nullable field, a many-to-many, and NOT NULL dropped.
    commits['expand'] = project.models(
      V1.replace('name = models.CharField(max_length=50)', 'name = models.CharField(max_length=50, null=True)')
        .replace('    author =', '    subtitle = models.CharField(max_length=100, null=True)\n    tags = models.ManyToManyField("Tag")\n    author =') +
        '\n\nclass Tag(models.Model):\n    label = models.CharField(max_length=20)\n',
      { name: 'expand' },
    );
    // Breaking: a NOT NULL column with a Django default, NOT NULL + type change, a longer varchar with an index.
    commits['tighten'] = project.models(
      V1.replace('name = models.CharField(max_length=50)', "name = models.CharField(max_length=50, null=True)\n    email = models.EmailField(default='x@example.com')")
        .replace('title = models.CharField(max_length=100)', 'title = models.CharField(max_length=200, db_index=True)')
        .replace('pages = models.IntegerField(null=True)', 'pages = models.BigIntegerField(default=0)')
        .replace('    author =', '    subtitle = models.CharField(max_length=100, null=True)\n    tags = models.ManyToManyField("Tag")\n    author =') +
        '\n\nclass Tag(models.Model):\n    label = models.CharField(max_length=20)\n',
      { name: 'tighten' },
    );
    // Contract: drop a column, a many-to-many and a model.
    commits['contract'] = project.models(
      V1.replace('name = models.CharField(max_length=50)', "name = models.CharField(max_length=50, null=True)\n    email = models.EmailField(default='x@example.com')")
        .replace('title = models.CharField(max_length=100)', 'title = models.CharField(max_length=200, db_index=True)')
        .replace('pages = models.IntegerField(null=True)', 'pages = models.BigIntegerField(default=0)'),
      { name: 'contract' },
    );
    // A rename, confirmed the way a developer answers makemigrations' question.
    commits['rename'] = project.models(
      V1.replace('name = models.CharField(max_length=50)', "full_name = models.CharField(max_length=50, null=True)\n    email = models.EmailField(default='x@example.com')")
        .replace('title = models.CharField(max_length=100)', 'title = models.CharField(max_length=200, db_index=True)')
        .replace('pages = models.IntegerField(null=True)', 'pages = models.BigIntegerField(default=0)'),
      { name: 'rename', answers: 'y\n' },
    );
  });

  it('CreateModel is safe, NOT NULL columns and foreign-key indexes included', async () => {
    const { found, runs } = await judge(project, commits['start']!, { head: commits['initial']! });
    assert.deepEqual(runs, ['0001_initial']);
    assert.deepEqual(found, []);
  });

  it('a nullable AddField, a ManyToMany, a new model and dropping NOT NULL are safe', async () => {
    const { found, runs } = await judge(project, commits['initial']!, { head: commits['expand']! });
    assert.deepEqual(runs, ['0002_expand']);
    assert.deepEqual(found, []);
  });

  it('a NOT NULL AddField, a NOT NULL/type AlterField and an index build are judged, each on its line', async () => {
    const { found, analysis } = await judge(project, commits['expand']!, { head: commits['tighten']! });
    assert.deepEqual(found, [
      'migrations.add-not-null@0003_tighten.py:13',
      'migrations.column-type@0003_tighten.py:18',
      'migrations.not-null@0003_tighten.py:18',
      'migrations.add-index@0003_tighten.py:23',
    ]);
    const messages = analysis.report.findings.map((f) => f.message).join('\n');
    // The longer varchar is not a type change that rewrites the table; the index on it is the warning.
    assert.doesNotMatch(messages, /varchar\(100\) to varchar\(200\)/);
    assert.match(messages, /from integer to bigint/);
    const addNotNull = analysis.report.findings.find((f) => f.rule === 'migrations.add-not-null')!;
    assert.match(addNotNull.message, /Django's, not the database's/);
    assert.match(addNotNull.hint!, /null=True.*backfill.*later release/);
  });

  it('RemoveField (a column and a many-to-many) and DeleteModel are errors with the contract fix', async () => {
    const { found, analysis } = await judge(project, commits['tighten']!, { head: commits['contract']! });
    assert.deepEqual(found.sort(), ['migrations.delete-model@0004_contract.py:21', 'migrations.remove-field@0004_contract.py:13', 'migrations.remove-field@0004_contract.py:17'].sort());
    for (const f of analysis.report.findings) assert.match(f.hint!, /SeparateDatabaseAndState/);
  });

  it('RenameField is an error whose fix keeps the column with db_column', async () => {
    const { found, analysis } = await judge(project, commits['contract']!, { head: commits['rename']! });
    assert.deepEqual(found, ['migrations.rename-field@0005_rename.py:13']);
    assert.match(analysis.report.findings[0]!.hint!, /db_column='name'/);
  });

  it('a chain of migrations is judged in order, each against the schema the previous ones leave', async () => {
    const { found, runs } = await judge(project, commits['expand']!, { head: commits['rename']! });
    assert.deepEqual(runs, ['0003_tighten', '0004_contract', '0005_rename']);
    assert.equal(found.length, 4 + 3 + 1);
  });

  it('models the release itself creates can change freely: nothing running uses them', async () => {
    const { found, runs } = await judge(project, commits['start']!, { head: commits['rename']! });
    assert.equal(runs.length, 5);
    assert.deepEqual(found, []);
  });
});

describe('indexes, unique_together and AddIndexConcurrently', () => {
  const project = new DjangoProject();
  const commits: Record<string, string> = {};
  const book = (meta: string) => `class Book(models.Model):\n    title = models.CharField(max_length=100)\n    isbn = models.CharField(max_length=13)\n\n    class Meta:\n${meta}\n`;

  before(() => {
    commits['initial'] = project.models(book("        unique_together = [('title', 'isbn')]"), { name: 'initial' });
    commits['indexed'] = project.models(book("        unique_together = [('title', 'isbn')]\n        indexes = [models.Index(fields=['isbn'], name='book_isbn_idx')]"), { name: 'indexed' });
    commits['ununique'] = project.models(book("        indexes = [models.Index(fields=['isbn'], name='book_isbn_idx')]"), { name: 'ununique' });
    commits['atomic'] = project.migration(
      '0004_concurrent_in_transaction',
      "    dependencies = [DEPENDENCY]\n    operations = [\n        AddIndexConcurrently('book', models.Index(fields=['title'], name='book_title_idx')),\n    ]\n",
      'from django.contrib.postgres.operations import AddIndexConcurrently\n',
    );
    commits['concurrent'] = project.migration(
      '0005_concurrent',
      "    atomic = False\n    dependencies = [DEPENDENCY]\n    operations = [\n        AddIndexConcurrently(model_name='book', index=models.Index(fields=['title', 'isbn'], name='book_t_i_idx')),\n    ]\n",
      'from django.contrib.postgres.operations import AddIndexConcurrently\n',
    );
  });

  it('AddIndex builds the index with a plain CREATE INDEX: a warning', async () => {
    assert.deepEqual((await judge(project, commits['initial']!, { head: commits['indexed']! })).found, ['migrations.add-index@0002_indexed.py:13']);
  });

  it('removing a unique_together is an error', async () => {
    const { found, analysis } = await judge(project, commits['indexed']!, { head: commits['ununique']! });
    assert.deepEqual(found, ['migrations.remove-together@0003_ununique.py:13']);
    assert.match(analysis.report.findings[0]!.message, /unique_together \(title, isbn\)/);
  });

  it('AddIndexConcurrently fails the release phase inside a transaction, and is safe with atomic = False', async () => {
    const { found } = await judge(project, commits['ununique']!, { head: commits['atomic']! });
    assert.deepEqual(found, ['migrations.add-index@0004_concurrent_in_transaction.py:8']);
    const { analysis } = await judge(project, commits['ununique']!, { head: commits['atomic']! });
    assert.equal(analysis.report.findings[0]!.severity, 'error');
    assert.deepEqual((await judge(project, commits['atomic']!, { head: commits['concurrent']! })).found, []);
  });
});

describe('data migrations, RunSQL and SeparateDatabaseAndState', () => {
  const project = new DjangoProject();
  const commits: Record<string, string> = {};

  before(() => {
    commits['initial'] = project.models('class Book(models.Model):\n    title = models.CharField(max_length=100)\n    pages = models.IntegerField(null=True)\n', { name: 'initial' });
    commits['python'] = project.migration(
      '0002_data',
      "    dependencies = [DEPENDENCY]\n    operations = [\n        migrations.RunPython(fill_pages),\n        migrations.RunPython(fill_titles, reverse_code=migrations.RunPython.noop),\n    ]\n",
      "from shop.models import Book\n\n\ndef fill_pages(apps, schema_editor):\n    Book.objects.filter(pages=None).update(pages=0)\n\n\ndef fill_titles(apps, schema_editor):\n    Book = apps.get_model('shop', 'Book')\n    Book.objects.filter(title='').update(title='?')\n\n\n",
    );
    commits['sql'] = project.migration(
      '0003_sql',
      "    dependencies = [DEPENDENCY]\n    operations = [\n        migrations.RunSQL('CREATE INDEX CONCURRENTLY shop_book_pages ON shop_book (pages)', reverse_sql='DROP INDEX shop_book_pages'),\n        migrations.RunSQL(\"\"\"ALTER TABLE shop_book DROP COLUMN pages; UPDATE shop_book SET title = 'x'\"\"\", migrations.RunSQL.noop),\n        migrations.RunSQL(SQL, migrations.RunSQL.noop),\n        migrations.RunSQL('CLUSTER shop_book USING shop_book_pkey', migrations.RunSQL.noop),\n    ]\n",
      "SQL = open('x.sql').read()\n\n",
    );
    commits['state-only'] = project.migration(
      '0004_state_only',
      "    dependencies = [DEPENDENCY]\n    operations = [\n        migrations.SeparateDatabaseAndState(\n            state_operations=[migrations.RemoveField(model_name='book', name='pages')],\n        ),\n    ]\n",
    );
  });

  it('RunPython without reverse_code, and a data migration importing the model: warnings', async () => {
    const { found, analysis } = await judge(project, commits['initial']!, { head: commits['python']! });
    assert.deepEqual(found, ['migrations.direct-model-import@0002_data.py:1', 'migrations.run-python-no-reverse@0002_data.py:19']);
    assert.match(analysis.report.findings[0]!.hint!, /apps\.get_model\('shop', 'ModelName'\)/);
  });

  it("RunSQL: literal SQL is judged statement by statement; SQL it cannot read or tell is said so", async () => {
    const { found, analysis } = await judge(project, commits['python']!, { head: commits['sql']! });
    // CREATE INDEX CONCURRENTLY in this atomic migration: PostgreSQL refuses it in Django's transaction (proved in
    // test/cli/migrations.test.ts with manage.py migrate).
    assert.deepEqual(found, ['migrations.add-index@0003_sql.py:9', 'migrations.remove-field@0003_sql.py:10', 'migrations.run-sql@0003_sql.py:11', 'migrations.run-sql@0003_sql.py:12']);
    const messages = analysis.report.findings.map((f) => f.message);
    assert.match(messages[0]!, /CREATE INDEX CONCURRENTLY shop_book_pages .*inside the transaction of 0003_sql/);
    assert.match(messages[1]!, /DROP COLUMN pages/);
    assert.match(messages[2]!, /cannot read \(SQL is not a string literal\)/);
    assert.match(messages[3]!, /cannot tell what this statement does/);
  });

  it('SeparateDatabaseAndState with state operations only touches no table', async () => {
    assert.deepEqual((await judge(project, commits['sql']!, { head: commits['state-only']! })).found, []);
  });
});

describe('squashed migrations and edited ones', () => {
  const project = new DjangoProject();
  const commits: Record<string, string> = {};

  before(() => {
    commits['start'] = project.head();
    commits['0001'] = project.models('class Book(models.Model):\n    title = models.CharField(max_length=100)\n', { name: 'initial' });
    project.models('class Book(models.Model):\n    title = models.CharField(max_length=100)\n    pages = models.IntegerField(null=True)\n', { name: 'pages' });
    commits['0003'] = project.models('class Book(models.Model):\n    title = models.CharField(max_length=100)\n', { name: 'no_pages' });
    commits['squash'] = project.manage(['squashmigrations', 'shop', '0003', '--noinput']);
  });

  it('a squash of applied migrations runs nothing: an info, and nothing judged twice', async () => {
    const { found, runs } = await judge(project, commits['0003']!, { head: commits['squash']! });
    assert.deepEqual(runs, []);
    assert.deepEqual(found, ['migrations.squash-applied@0001_squashed_0003_no_pages.py:1']);
  });

  it('a squash whose originals are partly applied: the remaining originals run, once each', async () => {
    const { found, runs } = await judge(project, commits['0001']!, { head: commits['squash']! });
    assert.deepEqual(runs, ['0002_pages', '0003_no_pages']);
    // pages is added (0002) and dropped (0003) within the release: no running code reads it.
    assert.deepEqual(found, ['migrations.squash-applied@0001_squashed_0003_no_pages.py:1']);
  });

  it('on a fresh database the squash runs instead of its originals', async () => {
    const { found, runs } = await judge(project, commits['start']!, { head: commits['squash']! });
    assert.deepEqual(runs, ['0001_squashed_0003_no_pages']);
    assert.deepEqual(found, []);
  });

  it('an edit to an applied migration is a warning: migrate will not run it again', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { commit } = await import('../deploy/helpers/git-repo.js');
    const file = join(project.root, 'shop/migrations/0002_pages.py');
    writeFileSync(file, readFileSync(file, 'utf8').replace('null=True', 'null=True, blank=True'));
    const edited = commit(project.root, {}, 'edit an applied migration');
    const { found } = await judge(project, commits['squash']!, { head: edited });
    assert.deepEqual(found, ['migrations.edited@0002_pages.py:1']);
  });
});
