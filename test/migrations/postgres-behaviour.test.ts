import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { typeChangeIsCatalogueOnly } from '../../src/migrations/fields.js';
import { PYTHON } from './helpers/django-project.js';

const ADMIN_URL = 'postgres://implanta:implanta@127.0.0.1:5432/postgres';

interface Observed {
  locks: string[];
  rewrote?: boolean;
  scanned?: boolean;
  writes_blocked: boolean;
  finished?: boolean;
}

/**
 * The PostgreSQL facts the migration rules stand on, observed on the real PostgreSQL 15 the tests run:
 * the DDL runs in an open transaction on one connection, and a second one reads pg_locks, the table's
 * relfilenode (a rewrite replaces it) and tries to write. See helpers/pg_behaviour.py.
 */
describe('PostgreSQL behaviour behind the migrations.* verdicts', () => {
  let seen: Record<string, Observed | string | null>;
  const get = (name: string) => seen[name] as Observed;

  before(() => {
    const out = execFileSync(PYTHON, [join(import.meta.dirname, 'helpers/pg_behaviour.py'), ADMIN_URL, `implanta_pgb_${process.pid}`], { encoding: 'utf8', timeout: 120_000 });
    seen = JSON.parse(out) as typeof seen;
  });

  it('ALTER COLUMN TYPE integer → bigint rewrites the table under ACCESS EXCLUSIVE (migrations.column-type is an error)', () => {
    const o = get('alter_type_int_to_bigint');
    assert.ok(o.locks.includes('AccessExclusiveLock'));
    assert.equal(o.rewrote, true);
    assert.equal(o.writes_blocked, true);
    assert.equal(typeChangeIsCatalogueOnly('integer', 'bigint'), false);
  });

  it('a longer varchar, or varchar → text, changes the catalogue only: no rewrite, no scan (not flagged)', () => {
    for (const [name, after] of [['alter_type_varchar_longer', 'varchar(200)'], ['alter_type_varchar_to_text', 'text']] as const) {
      const o = get(name);
      assert.equal(o.rewrote, false, name);
      assert.equal(o.scanned, false, name);
      assert.equal(typeChangeIsCatalogueOnly('varchar(100)', after), true, name);
    }
  });

  it('a shorter varchar rewrites the table (flagged)', () => {
    assert.equal(get('alter_type_varchar_shorter').rewrote, true);
    assert.equal(typeChangeIsCatalogueOnly('varchar(100)', 'varchar(50)'), false);
  });

  it('SET NOT NULL scans the whole table under ACCESS EXCLUSIVE; DROP NOT NULL does not scan (migrations.not-null)', () => {
    const tighten = get('set_not_null');
    assert.deepEqual(tighten.locks, ['AccessExclusiveLock']);
    assert.equal(tighten.scanned, true);
    assert.equal(tighten.rewrote, false);
    const loosen = get('drop_not_null');
    assert.equal(loosen.scanned, false);
  });

  it('CREATE INDEX takes SHARE and blocks writes; CONCURRENTLY takes SHARE UPDATE EXCLUSIVE and lets them through (migrations.add-index)', () => {
    const plain = get('create_index');
    assert.deepEqual(plain.locks, ['ShareLock']);
    assert.equal(plain.writes_blocked, true);
    const concurrent = get('create_index_concurrently');
    assert.deepEqual(concurrent.locks, ['ShareUpdateExclusiveLock']);
    assert.equal(concurrent.writes_blocked, false);
    assert.equal(concurrent.finished, true);
  });

  it('adding a nullable column needs no scan or rewrite (safe)', () => {
    const o = get('add_nullable_column');
    assert.equal(o.rewrote, false);
    assert.equal(o.scanned, false);
  });

  it("the previous release's statements fail after the breaking changes, and not after the safe one", () => {
    assert.equal(seen['old_insert_after_add_not_null'], 'NotNullViolation', 'Django 3.2 drops the default it used to fill the rows');
    assert.equal(seen['old_insert_after_set_not_null'], 'NotNullViolation');
    assert.equal(seen['old_select_after_drop_column'], 'UndefinedColumn');
    assert.equal(seen['old_select_after_rename_column'], 'UndefinedColumn');
    assert.equal(seen['old_insert_after_add_nullable'], null);
  });
});
