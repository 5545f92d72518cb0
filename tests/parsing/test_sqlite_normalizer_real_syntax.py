"""What the SQLite normalizer calls a syntax error, against SQLite itself: each statement is
Invalid exactly when SQLite answers it with a syntax error."""

from __future__ import annotations

import sqlite3

from dbops.core.sql import parse_sql
from dbops.core.statements import Invalid
from dbops.parsing import typed_statements

STATEMENTS = [
    "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT NOT NULL DEFAULT '', b INT)",
    "CREATE TABLE u (id INTEGER PRIMARY KEY ASC ON CONFLICT REPLACE, v unsigned big int) STRICT",
    "CREATE TABLE w (a floating point, b STRING, c int(11) unsigned)",
    "CREATE TABLE x (a INT) garbage",
    "CREATE TABLE y (a INT AUTO_INCREMENT)",
    "CREATE TABLE z (a INT, b INT AS (a * 2) STORED, CHECK (a > 0)) WITHOUT ROWID",
    "CREATE TABLE z2 (a INT PRIMARY KEY, b INT AS (a * 2) STORED, CHECK (a > 0)) WITHOUT ROWID",
    "CREATE VIRTUAL TABLE docs USING fts5(title, body UNINDEXED, tokenize='porter')",
    "CREATE UNIQUE INDEX IF NOT EXISTS t_a ON t (a COLLATE NOCASE) WHERE a <> ''",
    "CREATE INDEX t_b ON t (b) garbage",
    "ALTER TABLE t ADD COLUMN c TEXT",
    "ALTER TABLE t ADD COLUMN d TEXT garbage",  # valid: the type is `TEXT garbage`
    "ALTER TABLE t RENAME TO t0 garbage",
    "ALTER TABLE t ADD COLUMN e INT, ADD COLUMN f INT",
    "ALTER TABLE t ALTER COLUMN a SET DEFAULT 'x'",
    "ALTER TABLE t RENAME COLUMN c TO c2",
    "ALTER TABLE t RENAME c2 TO c3",
    "ALTER TABLE t DROP COLUMN c3",
    "ALTER TABLE t RENAME TO t2",
    "INSERT OR REPLACE INTO t2 (id, a) VALUES (1, 'x')",
    "INSERT INTO t2 (id, a) VALUES (1, 'y') ON CONFLICT(id) DO UPDATE SET a = excluded.a",
    "REPLACE INTO t2 (id, a) VALUES (2, 'z')",
    "UPDATE t2 SET a = 'w' WHERE id = 1 garbage",
    "CREATE TRIGGER tr AFTER INSERT ON t2 BEGIN UPDATE t2 SET b = 1; END",
    "CREATE VIEW IF NOT EXISTS v AS SELECT a FROM t2",
    "PRAGMA foreign_keys = ON",
    "BEGIN IMMEDIATE TRANSACTION",
    "COMMIT",
    "BEGIN garbage",
    "SELECT 1 foo bar baz",
    "DROP TABLE t2 garbage",
    "VACUUM",
    "UPDATE OR IGNORE t2 SET a = 'v' WHERE id = 2",
    "SAVEPOINT s",
    "RELEASE SAVEPOINT s",
    "BEGIN",
    "END TRANSACTION",
    "DELETE FROM t2 garbage",
    "DELETE FROM t2 AS x WHERE x.id = 1",
    "UPDATE t2 x SET a = 1",
    "UPDATE t2 AS x SET a = 1",
    "REPLACE INTO t2 (a) VALUES (1) garbage",
    "REINDEX t2 garbage",
    "REINDEX t2",
    "BEGIN TRANSACTION named",
    "COMMIT TRANSACTION named",
    "BEGIN TRANSACTION named extra",
    "SAVEPOINT s garbage",
    "RELEASE s garbage",
    "END garbage",
]


def sqlite_syntax_error(connection: sqlite3.Connection, sql: str) -> bool:
    try:
        connection.execute(sql)
    except sqlite3.OperationalError as exc:
        # an unknown table option (`CREATE TABLE t (…) garbage`) is SQLite's word for text
        # after the end of the statement
        return any(
            marker in str(exc)
            for marker in ("syntax error", "incomplete input", "unknown table option")
        )
    return False


def test_invalid_exactly_when_sqlite_reports_a_syntax_error() -> None:
    connection = sqlite3.connect(":memory:", isolation_level=None)  # transactions as written
    disagreements = []
    for sql in STATEMENTS:
        (typed,) = typed_statements(parse_sql(sql, "sqlite"), "sqlite")
        expected = sqlite_syntax_error(connection, sql)
        if isinstance(typed, Invalid) != expected:
            disagreements.append(f"{sql!r}: SQLite syntax error {expected}, model {typed!r}")
    assert not disagreements, "\n".join(disagreements)
