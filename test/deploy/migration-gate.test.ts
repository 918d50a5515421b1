import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, describe, it } from 'node:test';
import { parseDeployConfig } from '../../src/deploy/config.js';
import { deploy, type DeployOptions } from '../../src/deploy/deploy.js';
import { readDeployHistory } from '../../src/deploy/history.js';
import { migrationsSince } from '../../src/deploy/migration-gate.js';
import type { Step } from '../../src/deploy/steps.js';
import { runProjectTests } from '../../src/deploy/test-run.js';
import { DjangoProject } from '../migrations/helpers/django-project.js';
import { TEST_TOKEN } from './helpers/fake-api.js';
import { FakePlatform } from './helpers/fake-platform.js';

const ADMIN = { ...process.env, PGHOST: '127.0.0.1', PGUSER: 'implanta', PGPASSWORD: 'implanta', PGDATABASE: 'postgres' };
const psql = (sql: string, database = 'postgres') => execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', database, '-c', sql], { env: ADMIN, encoding: 'utf8' });

const MODELS = `class Book(models.Model):
    title = models.CharField(max_length=100)
    subtitle = models.CharField(max_length=100, null=True)
`;

describe('deploy: the migrations gate, the backup and the record', () => {
  const project = new DjangoProject('production');
  let platform: FakePlatform;
  let running: string;
  const db = `implanta_migrate_gate_${process.pid}`;

  before(async () => {
    running = project.models(MODELS, { name: 'initial' });
    platform = await new FakePlatform().start(running);
    psql(`DROP DATABASE IF EXISTS ${db}`);
    psql(`CREATE DATABASE ${db}`);
    psql('CREATE TABLE shop_book (id serial PRIMARY KEY, title varchar(100), subtitle varchar(100)); INSERT INTO shop_book (title) VALUES ($$Dune$$)', db);
  });
  after(async () => {
    await platform.close();
    psql(`DROP DATABASE IF EXISTS ${db}`);
  });
  afterEach(() => {
    platform.preboot = false;
    platform.webQuantity = 1;
    platform.configVars = {};
  });

  async function run(extra: Partial<DeployOptions> = {}, config: Record<string, unknown> = {}) {
    const steps: Step[] = [];
    const result = await deploy({
      repo: project.root,
      app: 'demo',
      client: platform.api.client(),
      token: TEST_TOKEN,
      config: parseDeployConfig({ smoke: { max_ms: 5000 }, ...config }, '.implanta.json'),
      pollMs: 20,
      buildAppearMs: 5000,
      onStep: (s) => steps.push(s),
      ...extra,
    });
    return { result, steps, gate: result.gates.find((g) => g.name === 'migrations') };
  }

  /** A tested commit of models whose migration drops `subtitle`. */
  async function dropSubtitle(): Promise<string> {
    const sha = project.models(MODELS.replace('    subtitle = models.CharField(max_length=100, null=True)\n', ''), { name: 'drop_subtitle' });
    await runProjectTests({ repo: project.root, command: 'true' });
    return sha;
  }

  it('refuses a RemoveField while preboot keeps the old code serving, with the reason and the fix; nothing is pushed', async () => {
    const sha = await dropSubtitle();
    platform.preboot = true;
    const { result, gate } = await run();
    assert.equal(result.outcome, 'refused');
    assert.equal(gate?.ok, false);
    assert.match(gate!.reason, /migrations\.remove-field shop\/migrations\/0002_drop_subtitle\.py:13/);
    assert.match(gate!.reason, /preboot is on/);
    assert.match(gate!.fix!, /SeparateDatabaseAndState.*--allow-incompatible-migrations/s);
    assert.equal(platform.builds.length, 0);
    const record = readDeployHistory(project.root).at(-1)!;
    assert.equal(record.commit, sha);
    assert.deepEqual(record.migrations?.runs, ['shop.0002_drop_subtitle']);
    assert.equal(record.migrations?.allowed, undefined);
  });

  it('refuses it with two web dynos too, and lets it pass (saying what it costs) with one dyno and no preboot', async () => {
    platform.webQuantity = 2;
    const two = await run({ dryRun: true });
    assert.equal(two.gate?.ok, false);
    assert.match(two.gate!.reason, /2 web dynos run/);
    platform.webQuantity = 1;
    const one = await run({ dryRun: true });
    assert.equal(one.gate?.ok, true);
    assert.match(one.gate!.reason, /one web dyno and no preboot/);
    assert.ok(one.result.plan.some((step) => /back up DATABASE_URL with pg_dump/.test(step)));
  });

  it('--allow-incompatible-migrations deploys it after a pg_dump of DATABASE_URL, and the history says both', async () => {
    platform.preboot = true;
    platform.configVars = { DATABASE_URL: `postgres://implanta:implanta@127.0.0.1:5432/${db}` };
    const { result, steps, gate } = await run({ allowIncompatibleMigrations: true });
    assert.equal(result.outcome, 'deployed', result.message);
    assert.match(gate!.reason, /accepted with --allow-incompatible-migrations/);
    const backupAt = steps.findIndex((s) => s.name === 'backup' && s.status === 'ok');
    const pushAt = steps.findIndex((s) => s.name === 'push' && s.status === 'start');
    assert.ok(backupAt >= 0 && backupAt < pushAt, 'the backup is taken before the push');
    const record = readDeployHistory(project.root).at(-1)!;
    assert.equal(record.outcome, 'deployed');
    assert.equal(record.migrations?.allowed, true);
    assert.deepEqual(record.migrations?.incompatible, ['migrations.remove-field shop/migrations/0002_drop_subtitle.py:13']);
    const backup = record.migrations?.backup as { file: string; bytes: number };
    assert.equal(readFileSync(backup.file).subarray(0, 5).toString(), 'PGDMP');
    assert.match(execFileSync('pg_restore', ['--list', backup.file], { encoding: 'utf8' }), /TABLE public shop_book/);
  });

  it('a release without new migrations passes the gate and takes no backup', async () => {
    const { result, gate, steps } = await run({ dryRun: true });
    assert.equal(gate?.ok, true);
    assert.equal(gate?.reason, 'no new migrations');
    assert.ok(!steps.some((s) => s.name === 'backup'));
    assert.ok(!result.plan.some((step) => /pg_dump/.test(step)));
  });

  it('a failed backup stops the deploy before the push, without the password; backup_before_migrations: false skips it', async () => {
    project.models(MODELS.replace('class Book', 'class Shelf(models.Model):\n    label = models.CharField(max_length=10)\n\n\nclass Book').replace('    subtitle = models.CharField(max_length=100, null=True)\n', ''), { name: 'shelf' });
    await runProjectTests({ repo: project.root, command: 'true' });
    const builds = platform.builds.length;
    platform.configVars = { DATABASE_URL: 'postgres://implanta:n0tTheRightPassword@127.0.0.1:5432/does_not_exist' };
    const failed = await run();
    assert.equal(failed.result.outcome, 'refused');
    assert.match(failed.result.message, /the backup before the migrations failed .*backup_before_migrations/);
    assert.doesNotMatch(failed.result.message, /n0tTheRightPassword/);
    assert.equal(platform.builds.length, builds);

    const skipped = await run({}, { backup_before_migrations: false });
    assert.equal(skipped.result.outcome, 'deployed', skipped.result.message);
    assert.deepEqual(readDeployHistory(project.root).at(-1)!.migrations?.backup, { skipped: 'backup_before_migrations is false' });
  });

  it('a rollback to a release before the migrations lists those that stay', async () => {
    const current = platform.current()!.version;
    const ran = await migrationsSince({ repo: project.root, app: 'demo', client: platform.api.client(), fromVersion: current, toVersion: 1 });
    assert.deepEqual(ran, ['shop.0002_drop_subtitle', 'shop.0003_shelf']);
    assert.deepEqual(await migrationsSince({ repo: project.root, app: 'demo', client: platform.api.client(), fromVersion: current, toVersion: current - 1 }), ['shop.0003_shelf']);
  });
});
