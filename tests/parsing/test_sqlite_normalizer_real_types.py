"""The SQLite normalizer's declared types, nullability and primary keys against SQLite itself:
PRAGMA table_info after the same statements ran."""

from __future__ import annotations

import sqlite3

from dbops.core.sql import parse_sql
from dbops.core.statements import AddColumn, AlterTable, CreateTable
from dbops.parsing import typed_statements

MIGRATION = """\
CREATE TABLE "Accounts" (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  big unsigned big int NOT NULL,
  name VARCHAR(255) DEFAULT 'x',
  note varying character(20),
  price DOUBLE PRECISION CHECK (price >= 0),
  flags native character(70) NOT NULL DEFAULT '',
  anything,
  created DATETIME DEFAULT CURRENT_TIMESTAMP
);
ALTER TABLE "Accounts" ADD COLUMN Extra Decimal(10,5) NOT NULL DEFAULT 0;
"""


def test_declared_types_match_sqlite() -> None:
    connection = sqlite3.connect(":memory:")
    for statement in parse_sql(MIGRATION, "sqlite").statements:
        connection.execute(statement.text)
    real = {
        row[1].lower(): (row[2].lower(), bool(row[3]), bool(row[5]))
        for row in connection.execute('PRAGMA table_info("Accounts")')
    }
    columns = {}
    for statement in typed_statements(parse_sql(MIGRATION, "sqlite"), "sqlite"):
        if isinstance(statement, CreateTable):
            columns = {c.name.value: c for c in statement.columns}
        elif isinstance(statement, AlterTable):
            for action in statement.actions:
                assert isinstance(action, AddColumn)
                columns[action.column.name.value] = action.column
    assert set(columns) == set(real)
    for name, (declared, not_null, primary_key) in real.items():
        column = columns[name]
        assert (column.type.name if column.type else "") == declared, name
        assert column.not_null == not_null, name
        assert column.primary_key == primary_key, name


def test_declared_type_text_is_kept_verbatim_as_sqlite_does() -> None:
    sql = 'CREATE TABLE t (a unsigned   big int, b varchar ( 255 ), c "my type", d [odd type])'
    connection = sqlite3.connect(":memory:")
    connection.execute(sql)
    real = [row[2].lower() for row in connection.execute("PRAGMA table_info(t)")]
    (table,) = typed_statements(parse_sql(sql, "sqlite"), "sqlite")
    assert isinstance(table, CreateTable)
    assert [c.type.name if c.type else "" for c in table.columns] == real
