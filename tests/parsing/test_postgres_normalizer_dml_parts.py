"""The parts of PostgreSQL data changes and queries the statement rules resolve columns in:
target aliases, RETURNING, VALUES rows, MERGE actions, WITH query names, data-changing WITH
queries, ON CONFLICT's two WHEREs; and CREATE DATABASE's encoding."""

from __future__ import annotations

from typing import Any

import pytest

from dbops.core.sql import parse_sql
from dbops.core.statements import (
    CreateSchema,
    Delete,
    ExprKind,
    Insert,
    Merge,
    Select,
    Update,
)
from dbops.parsing import typed_statements

pytest.importorskip("pglast")


def one(sql: str, kind: type[Any]) -> Any:
    (statement,) = typed_statements(parse_sql(sql, "postgres"), "postgres")
    assert isinstance(statement, kind), statement
    return statement


def test_update_and_delete_keep_the_target_alias_and_returning() -> None:
    update = one(
        "UPDATE orders o SET note = 'x' WHERE o.id = 1 RETURNING o.note, (SELECT 1)", Update
    )
    assert update.alias == "o"
    assert [expr.text for expr in update.returning] == ["o.note", "(SELECT 1)"]
    assert update.returning[1].query is not None
    delete = one("DELETE FROM orders AS o USING p WHERE o.id = p.id RETURNING *", Delete)
    assert delete.alias == "o" and [e.kind for e in delete.returning] == [ExprKind.STAR]


def test_insert_values_rows_and_conflict_predicates() -> None:
    insert = one(
        "INSERT INTO t AS x (a, b) VALUES (1, now()),\n  (2, (SELECT max(b) FROM t))\n"
        "ON CONFLICT (a) WHERE b > 0 DO UPDATE SET b = 1 WHERE x.b < 5 RETURNING a",
        Insert,
    )
    assert insert.alias == "x" and insert.rows == 2
    assert [[e.text for e in row] for row in insert.values] == [
        ["1", "now()"],
        ["2", "(SELECT max(b) FROM t)"],
    ]
    assert insert.values[1][1].span.line == 2
    assert insert.on_conflict_target_where is not None
    assert insert.on_conflict_target_where.text == "b > 0"
    assert insert.on_conflict_where is not None and insert.on_conflict_where.text == "x.b < 5"
    assert [e.text for e in insert.returning] == ["a"]


def test_merge_actions_alias_and_returning() -> None:
    merge = one(
        "MERGE INTO orders t USING products p ON t.id = p.id "
        "WHEN MATCHED THEN UPDATE SET note = upper(p.title) "
        "WHEN NOT MATCHED THEN INSERT (id, note) VALUES (p.id, 'new') RETURNING t.id",
        Merge,
    )
    assert merge.alias == "t"
    assert [a.value.text for a in merge.assignments] == ["upper(p.title)"]
    assert [e.text for e in merge.values] == ["p.id", "'new'"]
    assert [e.text for e in merge.returning] == ["t.id"]


def test_with_queries_are_named_and_data_changes_read_as_queries() -> None:
    select = one(
        "WITH RECURSIVE c AS (SELECT 1 AS n), u AS (UPDATE orders o SET a = 1 WHERE o.x > 1 "
        "RETURNING *), m AS (MERGE INTO orders t USING p ON t.id = p.id WHEN MATCHED THEN "
        "DELETE) SELECT * FROM c",
        Select,
    )
    query = select.query
    assert query.recursive
    assert [cte.name.value for cte in query.ctes] == ["c", "u", "m"]
    changed = query.ctes[1]
    assert [(s.table.written, s.alias) for s in changed.sources if s.table] == [("orders", "o")]
    assert changed.where is not None and changed.where.text == "o.x > 1"
    assert not changed.select_star  # RETURNING * is no SELECT *
    assert [e.kind for e in changed.selected] == [ExprKind.STAR]
    merged = query.ctes[2]
    assert [s.table.written for s in merged.sources if s.table] == ["orders", "p"]
    assert merged.where is not None and merged.where.text == "t.id = p.id"
    plain = one("WITH a AS (SELECT 1) SELECT * FROM a", Select).query
    assert not plain.recursive and plain.ctes[0].name.written == "a"


def test_create_database_reads_encoding_and_collation() -> None:
    database = one("CREATE DATABASE shop WITH ENCODING 'LATIN1' LC_COLLATE 'C'", CreateSchema)
    assert database.database and database.name.value == "shop"
    assert (database.charset, database.collation) == ("LATIN1", "C")
    plain = one("CREATE DATABASE shop", CreateSchema)
    assert (plain.charset, plain.collation) == (None, None)
