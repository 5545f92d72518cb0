"""What the MySQL normalizer calls a syntax error, against MariaDB's own parser: every statement
here is Invalid exactly when MariaDB answers it with a syntax error (1064). Valid forms sqlglot
does not read, and text after a valid statement, both included."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit
from uuid import uuid4

import pytest

from dbops.core.sql import parse_sql
from dbops.core.statements import Invalid
from dbops.parsing import typed_statements

pymysql = pytest.importorskip("pymysql")

STATEMENTS = [
    "CREATE TABLE t (id INT PRIMARY KEY, g POINT NOT NULL, n LONG VARCHAR)",
    "CREATE TABLE t2 (a INT) PARTITION BY HASH (a) PARTITIONS 4",
    "CREATE TABLE t3 (a INT INVISIBLE, b BLOB COMPRESSED) ENGINE=InnoDB",
    "CREATE TABLE t4 (a INT) ENGINE=InnoDB foo bar",
    "CREATE TABLE t5 (a INT foo)",
    "CREATE INDEX i1 USING BTREE ON t (id)",
    "CREATE INDEX i2 ON t (id) USING HASH ALGORITHM=INPLACE LOCK=NONE",
    "CREATE INDEX i3 ON t (id) garbage",
    "ALTER TABLE t ADD COLUMN (c INT, d TEXT), ALGORITHM=COPY",
    "ALTER TABLE t ADD COLUMN e INT garbage",
    "ALTER TABLE t ADD COLUMN f INT, garbage",
    "ALTER TABLE t DROP PARTITION p1, p2",
    "ALTER TABLE t RENAME AS t_renamed",
    "ALTER TABLE t_renamed CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
    "ALTER TABLE t_renamed ADD INDEX IF NOT EXISTS i4 (id), ORDER BY id",
    "RENAME TABLE t_renamed TO t, t2 TO t2b",
    "RENAME TABLE t TO u garbage",
    "DROP INDEX i1 ON t",
    "DROP TABLE t foo",
    "SELECT 1 foo bar baz",
    "SELECT 1 AS one",
    "USE db garbage",
    "SET @x = 1 garbage",
    "SET NAMES utf8mb4 COLLATE utf8mb4_bin",
    "SET NAMES utf8mb4 garbage",
    "INSERT INTO t (id) VALUES (1) garbage",
    "INSERT INTO t (id) VALUES (2) ON DUPLICATE KEY UPDATE id = VALUES(id)",
    "REPLACE INTO t (id) VALUES (3)",
    "UPDATE t SET id = 4 garbage",
    "LOCK TABLES t WRITE garbage",
    "LOCK TABLES t AS x READ LOCAL",
    "UNLOCK TABLES",
    "TRUNCATE t garbage",
    "START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT",
    "START TRANSACTION garbage",
    "CALL p() garbage",
    "CREATE VIEW v AS SELECT 1 FROM t WHERE 1 garbage",
]


# MySQL 8 forms MariaDB 10.11 rejects: dbops' "mysql" dialect is both engines, so the normalizer
# reads them (a review runs before anyone knows which engine the migration meets).
MYSQL_ONLY = [
    "CREATE TABLE t6 (g POINT NOT NULL SRID 4326, a INT COLUMN_FORMAT FIXED)",
    "DROP INDEX i1 ON t ALGORITHM=INPLACE LOCK=NONE",
    "INSERT INTO t (id) VALUES (2) AS new ON DUPLICATE KEY UPDATE id = new.id",
]


@pytest.fixture
def cursor(mysql_url: str) -> Iterator[object]:
    parts = urlsplit(mysql_url)
    connection = pymysql.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=parts.username,
        password=parts.password or "",
        autocommit=True,
    )
    name = f"dbops_nz_{uuid4().hex[:10]}"
    with connection.cursor() as handle:
        handle.execute(f"CREATE DATABASE {name}")
        handle.execute(f"USE {name}")
        yield handle
        handle.execute("UNLOCK TABLES")
        handle.execute(f"DROP DATABASE IF EXISTS {name}")
    connection.close()


def mariadb_syntax_error(cursor: object, sql: str) -> bool:
    try:
        cursor.execute(sql)  # type: ignore[attr-defined]
    except pymysql.MySQLError as exc:
        return bool(exc.args and exc.args[0] == 1064)
    return False


def test_invalid_exactly_when_mariadb_reports_a_syntax_error(cursor: object) -> None:
    disagreements = []
    for sql in STATEMENTS:
        (typed,) = typed_statements(parse_sql(sql, "mysql"), "mysql")
        expected = mariadb_syntax_error(cursor, sql)
        if isinstance(typed, Invalid) != expected:
            disagreements.append(f"{sql!r}: MariaDB syntax error {expected}, model {typed!r}")
    assert not disagreements, "\n".join(disagreements)


def test_mysql_only_forms_are_read_though_mariadb_rejects_them(cursor: object) -> None:
    for sql in MYSQL_ONLY:
        assert mariadb_syntax_error(cursor, sql), sql
        (typed,) = typed_statements(parse_sql(sql, "mysql"), "mysql")
        assert not isinstance(typed, Invalid), typed


MARIADB_FORMS = [
    "CREATE TABLE users (id INT PRIMARY KEY, a INT, b INT)",
    "ALTER TABLE users ADD INDEX idx_b (b)",
    "ALTER TABLE users ALTER INDEX idx_b IGNORED",
    "ALTER TABLE users WAIT 5 ADD COLUMN w INT",
    "ALTER TABLE users ADD COLUMN y INT AS (a * 2) PERSISTENT",
    "ALTER TABLE users DISABLE KEYS",
    "ANALYZE TABLE users PERSISTENT FOR ALL",
]


def test_mariadb_forms_are_read_and_run(cursor: object) -> None:
    for sql in MARIADB_FORMS:
        assert not mariadb_syntax_error(cursor, sql), sql
        (typed,) = typed_statements(parse_sql(sql, "mysql"), "mysql")
        assert not isinstance(typed, Invalid), typed
