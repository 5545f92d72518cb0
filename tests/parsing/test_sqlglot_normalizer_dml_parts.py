"""The parts of MySQL/SQLite data changes and queries the statement rules read: VALUES rows,
target aliases, WITH query names and RECURSIVE."""

from __future__ import annotations

from typing import Any

import pytest

from dbops.core.sql import parse_sql
from dbops.core.statements import Delete, ExprKind, Insert, Select, Update
from dbops.parsing import typed_statements


def one(sql: str, kind: type[Any], dialect: str) -> Any:
    (statement,) = typed_statements(parse_sql(sql, dialect), dialect)
    assert isinstance(statement, kind), statement
    return statement


@pytest.mark.parametrize("dialect", ["mysql", "sqlite"])
def test_insert_values_rows(dialect: str) -> None:
    insert = one("INSERT INTO t (a, b) VALUES (1, NULL),\n  (2, lower('X'))", Insert, dialect)
    assert [[e.text for e in row] for row in insert.values] == [["1", "NULL"], ["2", "lower('X')"]]
    assert insert.values[1][1].kind is ExprKind.FUNCTION
    assert insert.values[1][1].span.line == 2


def test_update_and_delete_keep_the_target_alias() -> None:
    assert one("UPDATE users u SET name = 'a' WHERE u.id > 1", Update, "mysql").alias == "u"
    assert one("DELETE FROM users WHERE id = 1", Delete, "mysql").alias == ""


@pytest.mark.parametrize("dialect", ["mysql", "sqlite"])
def test_with_queries_are_named(dialect: str) -> None:
    query = one("WITH RECURSIVE c AS (SELECT 1) SELECT * FROM c", Select, dialect).query
    assert query.recursive and [cte.name.written for cte in query.ctes] == ["c"]
    plain = one("WITH Recent AS (SELECT 1) SELECT * FROM Recent", Select, dialect).query
    assert not plain.recursive and plain.ctes[0].name.written == "Recent"
