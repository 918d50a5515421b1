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

describe('real migration files (saleor, djangoproject.com)', () => {
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
});
