"""SQLite rules on SQLite's own forms: ALTER TABLE limits decided with the schema model, and
declared types read as SQLite reads them."""

from __future__ import annotations

from dbops.rules.sqlite_alter_table_unsupported import SqliteAlterTableUnsupported
from dbops.rules.sqlite_strict_tables import SqliteStrictTables
from dbops.rules.sqlite_type_affinity import SqliteTypeAffinity
from tests.rules.helpers import findings_of, lines_of

USERS = (
    "CREATE TABLE users (id integer PRIMARY KEY, email text UNIQUE, team_id integer "
    "REFERENCES teams (id), name text, note text);\nCREATE INDEX idx_users_name ON users (name);"
)


def test_add_column_forms_sqlite_refuses() -> None:
    for sql in (
        "ALTER TABLE users ADD COLUMN age integer NOT NULL;",
        "ALTER TABLE users ADD COLUMN age integer NOT NULL DEFAULT NULL;",
        "ALTER TABLE users ADD COLUMN seen_at text DEFAULT CURRENT_TIMESTAMP;",
        "ALTER TABLE users ADD COLUMN slug text DEFAULT (lower('x'));",
    ):
        assert lines_of(SqliteAlterTableUnsupported, sql, USERS) == [1], sql
    for sql in (
        "ALTER TABLE users ADD COLUMN age integer NOT NULL DEFAULT 0;",
        "ALTER TABLE users ADD COLUMN score real DEFAULT -1.5;",
        "ALTER TABLE users ADD COLUMN nickname text;",
    ):
        assert lines_of(SqliteAlterTableUnsupported, sql, USERS) == [], sql


def test_drop_column_of_keys_indexes_and_foreign_keys() -> None:
    for column in ("id", "email", "team_id", "name"):
        sql = f"ALTER TABLE users DROP COLUMN {column};"
        assert lines_of(SqliteAlterTableUnsupported, sql, USERS) == [1], column
    assert lines_of(SqliteAlterTableUnsupported, "ALTER TABLE users DROP COLUMN note;", USERS) == []


def test_type_affinity_surprises() -> None:
    sql = (
        "CREATE TABLE t (\n  a varchar(20),\n  b DATETIME,\n  c boolean,\n  d floatint,"
        "\n  e integer,\n  f text,\n  g NUMERIC,\n  h\n);"
    )
    assert lines_of(SqliteTypeAffinity, sql) == [2, 3, 4, 5]
    assert lines_of(
        SqliteTypeAffinity, "ALTER TABLE t ADD COLUMN j JSON;", "CREATE TABLE t (a);"
    ) == [1]


def test_strict_tables_accept_only_strict_types() -> None:
    sql = "CREATE TABLE t (id INTEGER PRIMARY KEY, at DATETIME, v BLOB) STRICT;"
    messages = [f.message for f in findings_of(SqliteTypeAffinity, sql)]
    assert len(messages) == 1 and "STRICT" in messages[0]
    both = "CREATE TABLE t (id integer PRIMARY KEY) STRICT, WITHOUT ROWID;"
    assert lines_of(SqliteStrictTables, both) == []
    assert lines_of(SqliteStrictTables, "CREATE TABLE t AS SELECT 1 AS a;") == []
