"""The MySQL normalizer's type names and nullability against a real MariaDB: each column of
a CREATE TABLE (and of ALTER TABLE ADD/MODIFY/CHANGE) is compared with what
information_schema.COLUMNS reports after the same statements ran."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from dbops.core.sql import parse_sql
from dbops.core.statements import AddColumn, AlterTable, ColumnDef, CreateTable, ModifyColumn
from dbops.parsing import typed_statements

pymysql = pytest.importorskip("pymysql")

MIGRATION = """\
CREATE TABLE `typeZoo` (
  a LONG VARCHAR, b LONG, c INTEGER UNSIGNED NOT NULL, d REAL, e NUMERIC(5,2), f DOUBLE PRECISION,
  g NATIONAL VARCHAR(10), h SERIAL, i INT8, j FLOAT(30), k FLOAT(10), l POINT, m GEOMETRY,
  n MULTIPOLYGON, o ENUM('x','y') NOT NULL DEFAULT 'x', p BIT(1), q LONGTEXT, r MIDDLEINT,
  s DATETIME(6), t1 CHARACTER VARYING(5), u SET('x','y'), v BOOL, w BOOLEAN, x YEAR,
  y BINARY(16), z VARBINARY(20), aa TINYTEXT, ab MEDIUMBLOB, ac LONG VARBINARY, ad DEC(4),
  ae FIXED(6,1), af INT1, ag INT2, ah INT3, ai INT4, aj FLOAT4, ak FLOAT8, al CHAR,
  am LINESTRING, an GEOMETRYCOLLECTION, ao TIMESTAMP NULL, ap TIME(3), aq DATE,
  ar BIGINT(20) ZEROFILL, as1 NCHAR(3), at1 VARCHARACTER(7), au MULTIPOINT,
  av TINYINT(1) UNSIGNED, aw INET6, ax UUID, ay POLYGON NOT NULL, az MEDIUMINT UNSIGNED
);
ALTER TABLE `typeZoo` ADD COLUMN ba LONG VARCHAR NOT NULL, ADD COLUMN (bb POINT, bc REAL);
ALTER TABLE `typeZoo` MODIFY c BIGINT NULL, CHANGE b b2 VARCHAR(30) NOT NULL DEFAULT '';
"""


@pytest.fixture
def mariadb(mysql_url: str) -> Iterator[object]:
    parts = urlsplit(mysql_url)
    connection = pymysql.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=parts.username,
        password=parts.password or "",
        autocommit=True,
    )
    name = f"dbops_nz_{__import__('uuid').uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
        cursor.execute(f"USE {name}")
    yield connection
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
    connection.close()


def modelled_columns(sql: str) -> dict[str, ColumnDef]:
    """The columns the statements leave, applying ADD/MODIFY/CHANGE in order."""
    columns: dict[str, ColumnDef] = {}
    for statement in typed_statements(parse_sql(sql, "mysql"), "mysql"):
        if isinstance(statement, CreateTable):
            columns = {c.name.value: c for c in statement.columns}
        elif isinstance(statement, AlterTable):
            for action in statement.actions:
                if isinstance(action, AddColumn):
                    columns[action.column.name.value] = action.column
                elif isinstance(action, ModifyColumn):
                    old = action.old.value if action.old else action.column.name.value
                    columns.pop(old)
                    columns[action.column.name.value] = action.column
        else:
            raise AssertionError(f"unexpected statement {statement!r}")
    return columns


def test_type_names_and_nullability_match_mariadb(mariadb: object) -> None:
    with mariadb.cursor() as cursor:  # type: ignore[attr-defined]
        for statement in parse_sql(MIGRATION, "mysql").statements:
            cursor.execute(statement.text)
        cursor.execute(
            "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE FROM "
            "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
            "TABLE_NAME = 'typeZoo'"
        )
        real = {row[0].lower(): row[1:] for row in cursor.fetchall()}
    modelled = modelled_columns(MIGRATION)
    assert set(modelled) == set(real)
    for column_name, (data_type, column_type, is_nullable) in real.items():
        column = modelled[column_name]
        assert column.type is not None, column_name
        assert column.type.name == data_type, (column_name, column.type.written, data_type)
        assert column.type.unsigned == ("unsigned" in column_type), (column_name, column_type)
        assert column.nullable == (is_nullable == "YES"), (column_name, is_nullable)
