"""What PostgreSQL does for the DDL the migration rules judge, observed from the outside.

Each experiment runs one statement in a transaction on connection A, left open, and looks from a second
connection B: which lock A holds on the table (pg_locks), whether the table's file was replaced (a
rewrite: pg_class.relfilenode changes), whether the statement read the whole table (A's own
pg_stat_xact_user_tables.seq_scan), and whether B can still write. Prints one JSON object.

Usage: pg_behaviour.py POSTGRES_URL TABLE_PREFIX
"""
import json
import sys
import threading
import time

import psycopg2
import psycopg2.errors

URL, PREFIX = sys.argv[1], sys.argv[2]
T = PREFIX + "_t"


def connect(autocommit=True):
    conn = psycopg2.connect(URL)
    conn.autocommit = autocommit
    return conn


def fresh(b, columns="id serial PRIMARY KEY, n integer, s varchar(100)"):
    with b.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {T}")
        cur.execute(f"CREATE TABLE {T} ({columns})")
        cur.execute(f"INSERT INTO {T} (n, s) SELECT g, 'x' || g FROM generate_series(1, 1000) g")


def one(cur, sql, *args):
    cur.execute(sql, args)
    return cur.fetchone()[0]


def locks_of(b, pid):
    with b.cursor() as cur:
        cur.execute("SELECT mode FROM pg_locks WHERE pid = %s AND relation = %s::regclass AND granted ORDER BY mode", (pid, T))
        return [row[0] for row in cur.fetchall()]


def write_blocked(b):
    """True when an INSERT from another session would wait for A's lock."""
    with b.cursor() as cur:
        cur.execute("SET lock_timeout = '300ms'")
        try:
            cur.execute(f"INSERT INTO {T} (n, s) VALUES (0, 'b')")
            return False
        except psycopg2.errors.LockNotAvailable:
            return True
        finally:
            cur.execute("RESET lock_timeout")


def observe(ddl, columns=None):
    """Runs ddl in an open transaction on A; reports A's locks, a rewrite, A's table scans, blocked writes."""
    b = connect()
    if columns:
        fresh(b, columns)
    else:
        fresh(b)
    a = connect(autocommit=False)
    with a.cursor() as cur:
        pid = one(cur, "SELECT pg_backend_pid()")
        before_file = one(cur, "SELECT relfilenode FROM pg_class WHERE oid = %s::regclass", T)
        scans_before = one(cur, "SELECT coalesce(seq_scan, 0) FROM pg_stat_xact_user_tables WHERE relid = %s::regclass", T)
        cur.execute(ddl.format(t=T))
        scans_after = one(cur, "SELECT coalesce(seq_scan, 0) FROM pg_stat_xact_user_tables WHERE relid = %s::regclass", T)
        after_file = one(cur, "SELECT relfilenode FROM pg_class WHERE oid = %s::regclass", T)
        result = {
            "locks": locks_of(b, pid),
            "rewrote": before_file != after_file,
            "scanned": scans_after > scans_before,
            "writes_blocked": write_blocked(b),
        }
    a.rollback()
    a.close()
    b.close()
    return result


def concurrently():
    """CREATE INDEX CONCURRENTLY cannot run in a transaction: hold it in its wait for an open writer (C)."""
    b = connect()
    fresh(b)
    c = connect(autocommit=False)
    with c.cursor() as cur:
        cur.execute(f"INSERT INTO {T} (n, s) VALUES (-1, 'c')")
    a = connect()
    pid = one(a.cursor(), "SELECT pg_backend_pid()")
    done = {}

    def build():
        with a.cursor() as cur:
            cur.execute(f"CREATE INDEX CONCURRENTLY {PREFIX}_n_cidx ON {T} (n)")
        done["ok"] = True

    worker = threading.Thread(target=build)
    worker.start()
    locks = []
    for _ in range(100):
        locks = locks_of(b, pid)
        if locks:
            break
        time.sleep(0.05)
    blocked = write_blocked(b)
    c.commit()
    worker.join(30)
    result = {"locks": locks, "writes_blocked": blocked, "finished": done.get("ok", False)}
    for conn in (a, b, c):
        conn.close()
    return result


def old_code_after(statements, old_sql):
    """Applies a migration's statements, then runs what the previous release's code sends: its error, or None."""
    b = connect()
    fresh(b)
    with b.cursor() as cur:
        for sql in statements:
            cur.execute(sql.format(t=T))
        try:
            cur.execute(old_sql.format(t=T))
            return None
        except psycopg2.Error as error:
            return type(error).__name__
        finally:
            b.close()


results = {
    "alter_type_int_to_bigint": observe("ALTER TABLE {t} ALTER COLUMN n TYPE bigint USING n::bigint"),
    "alter_type_varchar_longer": observe("ALTER TABLE {t} ALTER COLUMN s TYPE varchar(200)"),
    "alter_type_varchar_to_text": observe("ALTER TABLE {t} ALTER COLUMN s TYPE text"),
    "alter_type_varchar_shorter": observe("ALTER TABLE {t} ALTER COLUMN s TYPE varchar(50)"),
    "set_not_null": observe("ALTER TABLE {t} ALTER COLUMN n SET NOT NULL"),
    "drop_not_null": observe("ALTER TABLE {t} ALTER COLUMN n DROP NOT NULL", "id serial PRIMARY KEY, n integer NOT NULL, s varchar(100)"),
    "add_nullable_column": observe("ALTER TABLE {t} ADD COLUMN extra integer NULL"),
    "create_index": observe("CREATE INDEX " + PREFIX + "_n_idx ON {t} (n)"),
    "create_index_concurrently": concurrently(),
    # Django 3.2's SQL for AddField(IntegerField(default=0)): the default fills the rows, then is dropped.
    "old_insert_after_add_not_null": old_code_after(
        ["ALTER TABLE {t} ADD COLUMN pages integer DEFAULT 0 NOT NULL", "ALTER TABLE {t} ALTER COLUMN pages DROP DEFAULT"],
        "INSERT INTO {t} (n, s) VALUES (1, 'old code')",
    ),
    "old_insert_after_add_nullable": old_code_after(["ALTER TABLE {t} ADD COLUMN pages integer NULL"], "INSERT INTO {t} (n, s) VALUES (1, 'old code')"),
    "old_select_after_drop_column": old_code_after(["ALTER TABLE {t} DROP COLUMN s"], "SELECT id, n, s FROM {t}"),
    "old_select_after_rename_column": old_code_after(["ALTER TABLE {t} RENAME COLUMN s TO label"], "SELECT id, n, s FROM {t}"),
    "old_insert_after_set_not_null": old_code_after(["UPDATE {t} SET n = 0 WHERE n IS NULL", "ALTER TABLE {t} ALTER COLUMN n SET NOT NULL"], "INSERT INTO {t} (s) VALUES ('old code')"),
}
cleanup = connect()
cleanup.cursor().execute(f"DROP TABLE IF EXISTS {T}")
cleanup.close()
print(json.dumps(results))
