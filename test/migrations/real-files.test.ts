import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runRules } from '../../src/core/engine.js';
import { keyText, planMigrations } from '../../src/migrations/facts.js';
import { readMigration } from '../../src/migrations/read-migration.js';
import { migrationRules } from '../../src/migrations/rules/index.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/migrations');

/**
 * Migration files from public projects (test/fixtures/migrations/SOURCE.md pins the commits), each judged
 * as the one new migration of a release whose running code has applied everything it depends on.
 */
async function judgeAlone(project: string, file: string, extraApplied: string[] = []) {
  const migration = await readMigration(file, readFileSync(join(FIXTURES, project, file), 'utf8'));
  assert.equal(migration.problem, undefined, `${file}: ${migration.problem}`);
  const applied = new Set([...migration.dependencies.map(keyText), ...extraApplied]);
  const facts = planMigrations({ all: [migration], applied, edited: new Set(), django: { major: 5, minor: 2 } });
  const { findings } = runRules(migrationRules, facts);
  return { migration, facts, found: findings.map((f) => `${f.rule}:${f.line}`) };
}

describe('real migration files (saleor, djangoproject.com, wagtail, oscar)', () => {
  it('saleor account 0032: a RemoveField is an error on its line', async () => {
    const { found } = await judgeAlone('saleor', 'saleor/account/migrations/0032_remove_user_token.py');
    assert.deepEqual(found, ['migrations.remove-field:9']);
  });

  it('saleor account 0088: AddIndexConcurrently with atomic = False is safe', async () => {
    const { found, migration } = await judgeAlone('saleor', 'saleor/account/migrations/0088_user_user_date_joined_idx.py');
    assert.equal(migration.atomic, false);
    assert.deepEqual(migration.operations.map((o) => o.kind), ['AddIndexConcurrently']);
    assert.deepEqual(found, []);
  });

  it('saleor account 0063 and 0068: nullable columns and RunSQL it can read (UPDATE, SET DEFAULT) are safe', async () => {
    const backfill = await judgeAlone('saleor', 'saleor/account/migrations/0063_save_customerevent_order_token.py');
    assert.deepEqual(backfill.migration.operations.map((o) => o.kind), ['AddField', 'RunSQL', 'AlterField']);
    assert.deepEqual(backfill.migration.dependencies.map(keyText), ['order.0129_alter_order_number', 'account.0062_alter_user_updated_at']);
    assert.deepEqual(backfill.facts.operations[1]!.sql?.map((a) => a.kind), ['harmless']);
    assert.deepEqual(backfill.found, []);
    const uuid = await judgeAlone('saleor', 'saleor/account/migrations/0068_user_uuid.py');
    assert.deepEqual(uuid.facts.operations[1]!.sql?.map((a) => a.kind), ['harmless']);
    assert.deepEqual(uuid.found, []);
  });

  it('saleor account 0081: a module-level model import that the data function does not read is not flagged', async () => {
    const { found, migration } = await judgeAlone('saleor', 'saleor/account/migrations/0081_update_user_is_confirmed.py');
    assert.deepEqual(migration.imports.find((i) => i.module === '..models'), { line: 4, module: '..models', names: ['User'] });
    assert.deepEqual(found, []);
  });

  it('saleor checkout 0004: a squash across apps runs nothing once its original is applied', async () => {
    const file = 'saleor/checkout/migrations/0004_auto_20171129_1004.py';
    const applied = await judgeAlone('saleor', file, ['cart.0004_auto_20171129_1004']);
    assert.deepEqual(applied.found, ['migrations.squash-applied:1']);
    assert.deepEqual(applied.facts.runs, []);
    const fresh = await judgeAlone('saleor', file);
    assert.deepEqual(fresh.facts.runs.map((m) => m.name), ['0004_auto_20171129_1004']);
    assert.deepEqual(fresh.found, []);
  });

  it('djangoproject.com: RunPython(noop) without reverse_code cannot be migrated back; with it and apps.get_model, safe', async () => {
    const sha1 = await judgeAlone('djangoproject', 'accounts/migrations/0002_migrate_sha1_passwords.py');
    assert.deepEqual(sha1.found, ['migrations.run-python-no-reverse:12']);
    const cvss = await judgeAlone('djangoproject', 'checklists/migrations/0005_populate_cvss_v4_fields.py');
    assert.deepEqual(cvss.found, []);
  });

  it('wagtail embeds 0007: `from django.db.models import Count, Min` is the query library, not a model import', async () => {
    const { found, migration } = await judgeAlone('wagtail', 'wagtail/embeds/migrations/0007_populate_hash.py');
    assert.ok(migration.imports.some((i) => i.module === 'django.db.models'));
    assert.deepEqual(found, []);
  });

  it('wagtail 0059: the real Collection model imported on purpose is a direct-model-import warning', async () => {
    const { found } = await judgeAlone('wagtail', 'wagtail/migrations/0059_apply_collection_ordering.py');
    assert.deepEqual(found, ['migrations.direct-model-import:11']);
  });

  it('wagtail/blocks/migrations: a helper package that is only named migrations is not judged', async () => {
    const file = 'wagtail/blocks/migrations/utils.py';
    const helper = await readMigration(file, readFileSync(join(FIXTURES, 'wagtail', file), 'utf8'));
    assert.match(helper.problem ?? '', /no `class Migration`/);
    const facts = planMigrations({ all: [helper], applied: new Set(), edited: new Set(), django: { major: 5, minor: 2 } });
    assert.deepEqual(runRules(migrationRules, facts).findings, []);
  });

  it('oscar communication 0001-0003: class-level state_operations are read; the chain is judged against them', async () => {
    const folder = 'src/oscar/apps/communication/migrations';
    const names = ['0001_initial', '0002_reset_table_names', '0003_remove_notification_category_make_code_uppercase'];
    const all = await Promise.all(names.map((n) => readMigration(`${folder}/${n}.py`, readFileSync(join(FIXTURES, 'oscar', folder, `${n}.py`), 'utf8'))));
    assert.deepEqual(all[0]!.operations[0]!.state?.map((o) => o.kind), ['CreateModel', 'CreateModel', 'CreateModel']);
    const judge = (applied: string[]) => {
      const facts = planMigrations({ all, applied: new Set(applied), edited: new Set(), django: { major: 5, minor: 2 } });
      return runRules(migrationRules, facts).findings.map((f) => `${f.rule}:${f.file?.split('/').at(-1)}:${f.line}`);
    };
    // 0003 alone: the RemoveField breaks the running release; the AlterField of code is judged against 0001's field, so no "cannot tell".
    assert.deepEqual(judge(['communication.0001_initial', 'communication.0002_reset_table_names']), ['migrations.remove-field:0003_remove_notification_category_make_code_uppercase.py:14']);
    // 0002: the tables 0001 kept under customer_* names are renamed to Django's defaults, and the message says from what.
    const facts = planMigrations({ all, applied: new Set(['communication.0001_initial']), edited: new Set(), django: { major: 5, minor: 2 } });
    assert.match(runRules(migrationRules, facts).findings.find((f) => f.rule === 'migrations.rename-model')!.message, /renames the table customer_communicationeventtype to communication_communicationeventtype/);
    assert.deepEqual(judge(['communication.0001_initial']).filter((f) => f.includes('0002')), ['migrations.rename-model:0002_reset_table_names.py:18', 'migrations.rename-model:0002_reset_table_names.py:22', 'migrations.rename-model:0002_reset_table_names.py:26']);
  });
});
