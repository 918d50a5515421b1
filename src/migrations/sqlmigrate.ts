import { InputError } from '../core/errors.js';
import type { Redactor } from '../core/redact.js';
import { interpreterEnv } from '../python/child-env.js';
import { lastLine, runProcess } from '../python/run-process.js';
import type { MigrationFacts } from './facts.js';
import { readSql } from './sql.js';

export interface SqlmigrateOptions {
  /** The project's folder (manage.py). */
  root: string;
  python: string;
  /** The database sqlmigrate introspects; reaches the child as DATABASE_URL only. */
  databaseUrl: string;
  redactor: Redactor;
  progress?: (message: string) => void;
}

const TIMEOUT_MS = 120_000;
/** django.contrib.postgres.operations NotInTransactionMixin's NotSupportedError. */
const REFUSED_IN_TRANSACTION = /NotSupportedError: The \w+ operation cannot be executed inside a transaction/;

/**
 * Replaces what the files say with the SQL Django itself would run: `manage.py sqlmigrate APP NAME` for
 * each migration the release runs, as django-migration-linter does. Each `-- Description` block of the
 * output belongs to one operation of the file, in order, so every statement keeps its operation's line.
 */
export async function withSqlmigrate(facts: MigrationFacts, options: SqlmigrateOptions): Promise<MigrationFacts> {
  const operations = facts.operations.map((f) => ({ ...f }));
  for (const migration of facts.runs) {
    options.progress?.(`manage.py sqlmigrate ${migration.app} ${migration.name}`);
    const result = await runProcess(options.python, ['manage.py', 'sqlmigrate', migration.app, migration.name], {
      cwd: options.root,
      env: { ...interpreterEnv(), DATABASE_URL: options.databaseUrl, PYTHONDONTWRITEBYTECODE: '1' },
      timeoutMs: TIMEOUT_MS,
    });
    // Django refuses AddIndexConcurrently/RemoveIndexConcurrently in an atomic migration before printing any
    // SQL, as `migrate` will in the release phase: that refusal is a verdict (migrations.add-index judges the
    // operations as the file writes them), not a failure of implanta's run.
    if (result.exitCode !== 0 && REFUSED_IN_TRANSACTION.test(result.stderr)) continue;
    if (result.exitCode !== 0) {
      const why = result.failure ?? lastLine(result.stderr) ?? `exit status ${result.exitCode}`;
      throw new InputError(options.redactor.redact(`manage.py sqlmigrate ${migration.app} ${migration.name} failed: ${why}`));
    }
    const blocks = operationBlocks(result.stdout);
    migration.operations.forEach((op, index) => {
      const sql = readSql(blocks[index] ?? '');
      const inner = operations.filter((f) => f.migration === migration && (f.op === op || op.database?.includes(f.op)));
      inner.forEach((f, i) => (f.sql = i === 0 ? sql : []));
    });
  }
  return { ...facts, method: 'sqlmigrate', operations };
}

/**
 * sqlmigrate's output cut at its operation headers:
 *   --
 *   -- Add field pages to book
 *   --
 * The text before the first header (BEGIN;) belongs to none.
 */
export function operationBlocks(output: string): string[] {
  const lines = output.split('\n');
  const blocks: string[] = [];
  let current: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '--' && lines[i + 1]?.startsWith('-- ') && lines[i + 2] === '--') {
      if (current) blocks.push(current.join('\n'));
      current = [];
      i += 2;
      continue;
    }
    if (current && !/^\s*COMMIT;\s*$/i.test(lines[i]!)) current.push(lines[i]!);
  }
  if (current) blocks.push(current.join('\n'));
  return blocks;
}
