import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDotenvFile, summariseDotenvFiles } from '../../src/project/dotenv-files.js';

test('dotenv files: names', () => {
  for (const yes of ['.env', 'config/.env.production', 'production.env']) assert.equal(isDotenvFile(yes), true, yes);
  for (const no of ['env.py', '.envrc', 'environment.txt', '.env/file']) assert.equal(isDotenvFile(no), false, no);
});

test('dotenv files: secret keys by name or by a remote URL password, never values', () => {
  const root = mkdtempSync(join(tmpdir(), 'implanta-dotenv-'));
  writeFileSync(
    join(root, '.env'),
    ['DEBUG=1', 'SECRET_KEY=abc123', 'EMAIL_HOST_PASSWORD=', 'DATABASE_URL=postgres://u:pw@ec2-1-2-3-4.compute.amazonaws.com:5432/d', 'LOCAL_DB=postgres://u:pw@localhost/d', 'DEMO_DB=postgres://u:pw@db.example.invalid/d', 'STRIPE_API_KEY=sk_live_x'].join('\n'),
  );
  writeFileSync(join(root, 'bad.env'), 'this is not dotenv\n');
  const summaries = summariseDotenvFiles(root, ['.env', 'bad.env', 'manage.py']);
  assert.deepEqual(summaries, [
    { file: '.env', secretKeys: [{ key: 'SECRET_KEY', line: 2 }, { key: 'DATABASE_URL', line: 4 }, { key: 'STRIPE_API_KEY', line: 7 }] },
    { file: 'bad.env', secretKeys: [], problem: 'bad.env:1: not a KEY=VALUE line' },
  ]);
  assert.doesNotMatch(JSON.stringify(summaries), /abc123|pw|sk_live/);
});
