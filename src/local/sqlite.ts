import { createRequire } from 'node:module';
import { InputError } from '../core/errors.js';

/**
 * SQLite through Node's built-in `node:sqlite` (Node 22.13+ without a flag), with the few calls the
 * platform used from better-sqlite3: prepare → get/all/run, exec, transaction(fn)(), close. Built in
 * means installing implanta compiles nothing (npm 11 runs no install scripts by default, and a native
 * addon breaks on every Node ABI change). Why and which versions: docs/node.md.
 */
export interface SqliteStatement {
  get(...params: SqliteValue[]): unknown;
  all(...params: SqliteValue[]): unknown[];
  run(...params: SqliteValue[]): { changes: number | bigint; lastInsertRowid: number | bigint };
}

export type SqliteValue = string | number | bigint | null | Uint8Array | Record<string, string | number | bigint | null | Uint8Array>;

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  /** Wraps `work` in a transaction (a savepoint when nested), committed when it returns, rolled back when it throws. */
  transaction<A extends unknown[], T>(work: (...args: A) => T): (...args: A) => T;
  close(): void;
}

/** The part of `node:sqlite` used here, typed locally: the project's @types/node is Node 20's, which has no node:sqlite. */
interface NodeSqlite {
  DatabaseSync: new (path: string) => {
    prepare(sql: string): {
      get(...params: SqliteValue[]): Record<string, unknown> | undefined;
      all(...params: SqliteValue[]): Record<string, unknown>[];
      run(...params: SqliteValue[]): { changes: number | bigint; lastInsertRowid: number | bigint };
    };
    exec(sql: string): void;
    close(): void;
  };
}

/** The oldest Node whose `node:sqlite` needs no flag. */
export const SQLITE_MIN_NODE = '22.13';

let loaded: NodeSqlite | undefined;

/**
 * Loads `node:sqlite`, or says in one line which Node `implanta local` needs. Node 22 prints an
 * ExperimentalWarning the first time the module loads; it says nothing a user can act on, so that one
 * warning is held back while the module loads (every other warning still prints).
 */
export function loadSqlite(): NodeSqlite {
  if (loaded) return loaded;
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning instanceof Error ? warning.message : warning).startsWith('SQLite is an experimental feature')) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    loaded = createRequire(import.meta.url)('node:sqlite') as NodeSqlite;
    return loaded;
  } catch {
    throw new InputError(`implanta local needs Node ${SQLITE_MIN_NODE} or newer (its database is Node's built-in SQLite); this is Node ${process.versions.node}: install Node 24 LTS or 22 LTS`);
  } finally {
    process.emitWarning = emitWarning;
  }
}

export function openSqlite(path: string): SqliteDatabase {
  const db = new (loadSqlite().DatabaseSync)(path);
  let depth = 0;
  return {
    // Rows come back from node:sqlite with a null prototype; plain objects, as better-sqlite3 gave,
    // keep callers and deepEqual comparisons unchanged.
    prepare(sql) {
      const statement = db.prepare(sql);
      return {
        get: (...params) => {
          const row = statement.get(...params);
          return row === undefined ? undefined : { ...row };
        },
        all: (...params) => statement.all(...params).map((row) => ({ ...row })),
        run: (...params) => statement.run(...params),
      };
    },
    exec: (sql) => db.exec(sql),
    transaction(work) {
      return (...args) => {
        const savepoint = `implanta_${depth}`;
        db.exec(depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
        depth++;
        try {
          const result = work(...args);
          depth--;
          db.exec(depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
          return result;
        } catch (error) {
          depth--;
          db.exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
          throw error;
        }
      };
    },
    close: () => db.close(),
  };
}
