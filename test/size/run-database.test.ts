import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { createRunDatabase, DEFAULT_POSTGRES_URL } from '../../src/size/run-database.js';
import { databaseExists } from '../helpers/postgres.js';

describe('createRunDatabase', () => {
  test('creates a database for the run, and drops it', async () => {
    const db = await createRunDatabase(DEFAULT_POSTGRES_URL);
    try {
      assert.match(db.name, /^implanta_size_[0-9a-f]{10}$/);
      assert.equal(new URL(db.url).pathname, `/${db.name}`);
      assert.ok(databaseExists(db.name));
    } finally {
      await db.drop();
    }
    assert.equal(databaseExists(db.name), false);
    await db.drop();
  });

  test('an unreachable server is bad input that names it and never its password', async () => {
    await assert.rejects(createRunDatabase('postgres://someone:s3cret-pass@127.0.0.1:1/postgres'), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.match(error.message, /^cannot create a database on PostgreSQL at 127\.0\.0\.1:1 as someone \(.+\); start it .* or pass --postgres URL$/);
      assert.doesNotMatch(error.message, /s3cret/);
      return true;
    });
  });

  const badUrls = ['not a url', 'mysql://u:p@127.0.0.1/db'];
  for (const url of badUrls) {
    test(`${url.split(':')[0]} is not a PostgreSQL URL`, async () => {
      await assert.rejects(createRunDatabase(url), InputError);
    });
  }
});
