import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { TEST_TOKEN } from '../deploy/helpers/fake-api.js';
import { FakePlatform } from '../deploy/helpers/fake-platform.js';
import { commit, tempDir } from '../deploy/helpers/git-repo.js';
import { DjangoProject, PYTHON } from '../migrations/helpers/django-project.js';
import { implanta } from './helpers/run-cli.js';

const ADMIN = { ...process.env, PGHOST: '127.0.0.1', PGUSER: 'implanta', PGPASSWORD: 'implanta', PGDATABASE: 'postgres' };
const psql = (sql: string, database = 'postgres') => execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { env: { ...ADMIN, PGDATABASE: database }, encoding: 'utf8' });

const V1 = `class Book(models.Model):
    title = models.CharField(max_length=100)
    pages = models.IntegerField(null=True)
`;
const V2 = `class Book(models.Model):
    title = models.CharField(max_length=200, db_index=True)
    pages = models.BigIntegerField(default=0)
    isbn = models.CharField(max_length=13, default='')
`;

describe('implanta migrations (the command)', () => {
  const project = new DjangoProject();
  let base: string;
  let safe: string;
  const env = { DATABASE_URL: '' };

  before(() => {
    base = project.models(V1, { name: 'initial' });
    safe = project.models(V1 + '    subtitle = models.CharField(max_length=100, null=True)\n', { name: 'subtitle' });
    project.models(V2, { name: 'breaking' });
  });

  it('text: the migrations it compared, each finding at file:line with its fix, and exit 1', async () => {
    const run = await implanta(['migrations', project.root, '--since', safe], { env });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, new RegExp(`^Comparing HEAD \\(\\w{12}\\) with --since ${safe} \\(${safe.slice(0, 12)}\\): 1 migration to run`));
    assert.match(run.stdout, /shop\.0003_breaking {2}shop\/migrations\/0003_breaking\.py {2}\(RemoveField, AddField, AlterField, AlterField\)/);
    assert.match(run.stdout, /Judged from the migration files, read statically/);
    assert.match(run.stdout, /error {3}migrations\.add-not-null {2}shop\/migrations\/0003_breaking\.py:\d+\n +AddField book\.isbn adds a NOT NULL column/);
    assert.match(run.stdout, /error {3}migrations\.remove-field {2}shop\/migrations\/0003_breaking\.py:\d+/);
    assert.match(run.stdout, /hint: .*SeparateDatabaseAndState/);
  });

  it('json: the report of check plus the compared commits, the method and the migrations that run', async () => {
    const run = await implanta(['migrations', project.root, '--since', safe, '--format', 'json'], { env });
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout);
    assert.equal(report.tool, 'implanta');
    assert.equal(report.migrations.method, 'static');
    assert.equal(report.migrations.base.commit, safe);
    assert.deepEqual(report.migrations.runs.map((r: { name: string }) => r.name), ['0003_breaking']);
    const rules = report.findings.map((f: { rule: string; area: string }) => `${f.area}:${f.rule}`);
    assert.deepEqual([...new Set(rules)].sort(), ['migrations:migrations.add-index', 'migrations:migrations.add-not-null', 'migrations:migrations.column-type', 'migrations:migrations.not-null', 'migrations:migrations.remove-field']);
    assert.equal(report.counts.error, 4, JSON.stringify(report.findings.map((f: { rule: string }) => f.rule)));
    assert.equal(report.counts.warning, 1);
  });

  it('a column added and dropped within the release is no one running\'s business', async () => {
    const report = JSON.parse((await implanta(['migrations', project.root, '--since', base, '--format', 'json'], { env })).stdout);
    assert.deepEqual(report.migrations.runs.map((r: { name: string }) => r.name), ['0002_subtitle', '0003_breaking']);
    assert.ok(!report.findings.some((f: { rule: string }) => f.rule === 'migrations.remove-field'));
    assert.equal(report.counts.error, 3);
  });

  it('sarif: one result per finding, on the migration file and line', async () => {
    const run = await implanta(['migrations', project.root, '--since', safe, '--format', 'sarif'], { env });
    const sarif = JSON.parse(run.stdout);
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    assert.equal(results.length, 5);
    for (const r of results) {
      assert.match(r.ruleId, /^migrations\./);
      assert.equal(r.locations[0]!.physicalLocation.artifactLocation.uri, 'shop/migrations/0003_breaking.py');
      assert.ok(r.locations[0]!.physicalLocation.region.startLine > 10);
    }
  });

  it('exit 0 for safe migrations, and with --fail-level none', async () => {
    const ok = await implanta(['migrations', project.root, '--since', base, '--format', 'json'], { env: { ...env } });
    assert.equal(ok.code, 1);
    const safeRun = await implanta(['migrations', project.root, '--since', safe + '~1', '--fail-level', 'none'], { env });
    assert.equal(safeRun.code, 0);
    const onlySafe = execFileSync('git', ['diff', '--name-only', base, safe], { cwd: project.root, encoding: 'utf8' });
    assert.match(onlySafe, /0002_subtitle/);
  });

  it('bad usage: one line and exit 2', async () => {
    const none = await implanta(['migrations', project.root], { env });
    assert.equal(none.code, 2);
    assert.equal(none.stderr, 'implanta: say what the running release runs: --since REF or -a APP (one of them; see `implanta migrations --help`)\n');
    const badRef = await implanta(['migrations', project.root, '--since', 'no-such-ref'], { env });
    assert.equal(badRef.code, 2);
    assert.match(badRef.stderr, /^implanta: --since no-such-ref: not a commit of .*\n$/);
    const python = await implanta(['migrations', project.root, '--since', base, '--python', PYTHON], { env });
    assert.equal(python.code, 2);
    assert.match(python.stderr, /needs a database: pass --database-url URL or set DATABASE_URL/);
  });

  describe('with --python and a database: the SQL of manage.py sqlmigrate', () => {
    const db = `implanta_sqlmigrate_${process.pid}`;
    const url = `postgres://implanta:implanta@127.0.0.1:5432/${db}`;

    before(() => {
      psql(`DROP DATABASE IF EXISTS ${db}`);
      psql(`CREATE DATABASE ${db}`);
      // The database as production has it: the running release's migrations applied.
      execFileSync(PYTHON, ['manage.py', 'migrate', 'shop', '0002', '-v0'], { cwd: project.root, env: { ...process.env, DATABASE_URL: url, PYTHONDONTWRITEBYTECODE: '1' } });
    });
    after(() => psql(`DROP DATABASE IF EXISTS ${db}`));

    it('judges the statements Django would run, says so, and never prints the URL', async () => {
      const run = await implanta(['migrations', project.root, '--since', safe, '--python', PYTHON, '--database-url', url, '--format', 'json'], { env });
      assert.equal(run.code, 1, run.stderr);
      assert.ok(!run.stdout.includes(url) && !run.stderr.includes(url));
      const report = JSON.parse(run.stdout);
      assert.equal(report.migrations.method, 'sqlmigrate');
      const found = report.findings.map((f: { rule: string; line: number; message: string }) => `${f.rule}:${f.line}`);
      const statics = JSON.parse((await implanta(['migrations', project.root, '--since', safe, '--format', 'json'], { env })).stdout);
      // The same verdicts on the same lines, reached from the SQL.
      assert.deepEqual(found.sort(), statics.findings.map((f: { rule: string; line: number }) => `${f.rule}:${f.line}`).sort());
      const messages = report.findings.map((f: { message: string }) => f.message).join('\n');
      assert.match(messages, /ALTER TABLE "shop_book" DROP COLUMN "subtitle"/);
      assert.match(messages, /ADD COLUMN "isbn" varchar\(13\) DEFAULT '' NOT NULL/);
      assert.match(messages, /CREATE INDEX "shop_book_title_\w+" ON "shop_book"/);
    });

    it('text says which way was used', async () => {
      const run = await implanta(['migrations', project.root, '--since', safe, '--python', PYTHON], { env: { DATABASE_URL: url } });
      assert.match(run.stdout, /Judged from the SQL that manage\.py sqlmigrate prints\./);
    });
  });

  describe('-a APP: compared with the commit the current release runs', () => {
    let platform: FakePlatform;
    before(async () => {
      platform = await new FakePlatform().start(safe);
    });
    after(() => platform.close());

    it('asks the platform for the release and its slug, then judges what the tree adds to it', async () => {
      const run = await implanta(['migrations', project.root, '-a', 'demo', '--api-url', platform.api.url, '--format', 'json'], { env: { ...env, HEROKU_API_KEY: TEST_TOKEN, HOME: tempDir('implanta-home-') } });
      assert.equal(run.code, 1, run.stderr);
      const report = JSON.parse(run.stdout);
      assert.equal(report.migrations.base.commit, safe);
      assert.deepEqual(report.migrations.runs.map((r: { name: string }) => r.name), ['0003_breaking']);
      assert.ok(!run.stdout.includes(TEST_TOKEN));
    });
  });
});

/**
 * A monorepo: manage.py in backend/, the requirements.txt Heroku installs at the repository's top. The
 * Django version is read there: a db_default is a database default only from Django 5.0 on.
 */
describe('in a monorepo, the Django version comes from the requirements.txt at the top', () => {
  const project = new DjangoProject('main', { under: 'backend' });
  let initial: string;
  const judged = async () => {
    const run = await implanta(['migrations', '--since', initial], { cwd: project.repo, env: { DATABASE_URL: '' } });
    const json = await implanta(['migrations', '--since', initial, '--format', 'json'], { cwd: project.repo, env: { DATABASE_URL: '' } });
    return { run, report: JSON.parse(json.stdout) };
  };

  before(() => {
    initial = project.models('class Book(models.Model):\n    title = models.CharField(max_length=100)\n', { name: 'initial' });
    // Django 3.2's makemigrations cannot write db_default: the migration a Django 4.2/5.0 project would have.
    project.migration('0002_year', "    dependencies = [DEPENDENCY]\n    operations = [\n        migrations.AddField('book', 'year', models.IntegerField(db_default=2000)),\n    ]\n");
  });

  it('Django 4.2 pinned at the top: the db_default column is NOT NULL without a database default, an error', async () => {
    commit(project.repo, { 'requirements.txt': 'Django==4.2.16\ngunicorn==22.0.0\n' }, 'requirements at the top');
    const { run, report } = await judged();
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /Django 4\.2/);
    assert.match(run.stdout, /error {3}migrations\.add-not-null {2}shop\/migrations\/0002_year\.py:\d+\n +AddField book\.year adds a NOT NULL column without a database default \(db_default needs Django 5\.0 or later, and this project runs Django 4\.2\)/);
    assert.equal(report.project.django, '4.2');
  });

  it('Django 5.0 pinned at the top: the same migration passes', async () => {
    commit(project.repo, { 'requirements.txt': 'Django==5.0.9\ngunicorn==22.0.0\n' }, 'Django 5.0');
    const { run, report } = await judged();
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(report.project.django, '5.0');
    assert.deepEqual(report.findings, []);
  });
});

/**
 * The two ways of judging (the files; the SQL of manage.py sqlmigrate) must reach the same verdicts on the same
 * lines. Real Django 3.2 and PostgreSQL 15 are the oracle for what fails at release time.
 */
describe('static and --python agree: index_together removed, CONCURRENTLY inside and outside a transaction', () => {
  const project = new DjangoProject();
  const db = `implanta_agree_${process.pid}`;
  const url = `postgres://implanta:implanta@127.0.0.1:5432/${db}`;
  const manage = (args: string[]) =>
    spawnSync(PYTHON, ['manage.py', ...args], { cwd: project.root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: url, PYTHONDONTWRITEBYTECODE: '1' } });
  let initial: string;
  const CONCURRENT = 'from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently\n';

  before(() => {
    initial = project.models("class Book(models.Model):\n    title = models.CharField(max_length=100)\n    pages = models.IntegerField(null=True)\n\n    class Meta:\n        index_together = [('title', 'pages')]\n", { name: 'initial' });
    project.models('class Book(models.Model):\n    title = models.CharField(max_length=100)\n    pages = models.IntegerField(null=True)\n', { name: 'no_index_together' });
    project.migration('0003_concurrent_atomic', "    dependencies = [DEPENDENCY]\n    operations = [\n        AddIndexConcurrently('book', models.Index(fields=['title'], name='book_title_idx')),\n    ]\n", CONCURRENT);
    project.migration('0004_sql_concurrent_atomic', "    dependencies = [DEPENDENCY]\n    operations = [\n        migrations.RunSQL('CREATE INDEX CONCURRENTLY book_pages_sql ON shop_book (pages)', migrations.RunSQL.noop),\n    ]\n");
    project.migration(
      '0005_concurrent',
      "    atomic = False\n    dependencies = [DEPENDENCY]\n    operations = [\n        AddIndexConcurrently('book', models.Index(fields=['pages'], name='book_pages_idx')),\n        RemoveIndexConcurrently('book', 'book_title_idx'),\n    ]\n",
      CONCURRENT,
    );
    psql(`DROP DATABASE IF EXISTS ${db}`);
    psql(`CREATE DATABASE ${db}`);
    // Production as the running release left it: 0001 applied, its index_together index in place.
    assert.equal(manage(['migrate', 'shop', '0001', '-v0']).status, 0);
  });
  after(() => psql(`DROP DATABASE IF EXISTS ${db}`));

  const EXPECTED = ['migrations.add-index:error@0003_concurrent_atomic.py:8', 'migrations.add-index:error@0004_sql_concurrent_atomic.py:7', 'migrations.remove-together:warning@0002_no_index_together.py:13'];
  const verdicts = (stdout: string) => {
    const report = JSON.parse(stdout);
    const found = report.findings.map((f: { rule: string; severity: string; file: string; line: number }) => `${f.rule}:${f.severity}@${f.file.replace('shop/migrations/', '')}:${f.line}`).sort();
    return { report, found };
  };

  it('static: the removed index_together is a warning, CONCURRENTLY in an atomic migration an error on its line, atomic = False passes', async () => {
    const run = await implanta(['migrations', project.root, '--since', initial, '--format', 'json'], { env: { DATABASE_URL: '' } });
    assert.equal(run.code, 1, run.stderr);
    const { report, found } = verdicts(run.stdout);
    assert.equal(report.migrations.method, 'static');
    assert.deepEqual(found, EXPECTED);
  });

  it('--python: the same verdicts from sqlmigrate (which refuses AddIndexConcurrently in a transaction itself), exit 1 not 2', async () => {
    const run = await implanta(['migrations', project.root, '--since', initial, '--python', PYTHON, '--database-url', url, '--format', 'json'], { env: { DATABASE_URL: '' } });
    assert.equal(run.code, 1, run.stderr);
    const { report, found } = verdicts(run.stdout);
    assert.equal(report.migrations.method, 'sqlmigrate');
    assert.deepEqual(found, EXPECTED);
    const messages = report.findings.map((f: { message: string }) => f.message).join('\n');
    assert.match(messages, /^RunSQL runs `CREATE INDEX CONCURRENTLY book_pages_sql ON shop_book \(pages\)` inside the transaction of 0004_sql_concurrent_atomic/m);
  });

  it('the oracle: migrate drops the index and the old query still runs; both atomic CONCURRENTLY migrations fail; atomic = False applies', () => {
    assert.equal(manage(['migrate', 'shop', '0002', '-v0']).status, 0);
    // The running release's query, planned with the index before, still answers without it.
    psql(`SELECT id FROM shop_book WHERE title = 'x' AND pages = 1`, db);
    const atomic = manage(['migrate', 'shop', '0003', '-v0']);
    assert.notEqual(atomic.status, 0);
    assert.match(atomic.stderr, /NotSupportedError: The AddIndexConcurrently operation cannot be executed inside a transaction/);
    assert.equal(manage(['migrate', 'shop', '0003', '--fake', '-v0']).status, 0);
    const sql = manage(['migrate', 'shop', '0004', '-v0']);
    assert.notEqual(sql.status, 0);
    assert.match(sql.stderr, /CREATE INDEX CONCURRENTLY cannot run inside a transaction block/);
    psql(`CREATE INDEX book_title_idx ON shop_book (title)`, db);
    assert.equal(manage(['migrate', 'shop', '0004', '--fake', '-v0']).status, 0);
    const concurrent = manage(['migrate', 'shop', '0005', '-v0']);
    assert.equal(concurrent.status, 0, concurrent.stderr);
  });
});
