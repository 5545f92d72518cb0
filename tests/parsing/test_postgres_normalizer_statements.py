"""PostgreSQL DROP, SET, transactions, data statements and the honest fallbacks (Invalid,
Unmodelled) through PostgreSQL's own grammar into the model."""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

import pytest

from dbops.core.sql import parse_sql
from dbops.core.statements import (
    Delete,
    Drop,
    DropIndex,
    ExprKind,
    Insert,
    Invalid,
    Select,
    SetSetting,
    Span,
    Statement,
    TransactionControl,
    Truncate,
    Unmodelled,
    Update,
)
from dbops.parsing import postgres, typed_statements
from dbops.parsing.positions import Locator

pytest.importorskip("pglast")


def typed(sql: str) -> tuple[Statement, ...]:
    return typed_statements(parse_sql(sql, "postgres"), "postgres")


def one(sql: str, kind: type[Any]) -> Any:
    (statement,) = typed(sql)
    assert isinstance(statement, kind), statement
    return statement


def test_drop_index_with_several_names() -> None:
    statement = one("DROP INDEX CONCURRENTLY IF EXISTS idx_a, public.Idx_B CASCADE", DropIndex)
    assert statement.concurrently and statement.if_exists and statement.cascade
    assert [n.key() for n in statement.names] == ["idx_a", "public.idx_b"]
    assert statement.names[1].name.written == "Idx_B"
    assert statement.names[1].span == Span(1, 42, 1, 53)


def test_drop_other_objects_names_their_kind() -> None:
    tables = one("DROP TABLE IF EXISTS a, b CASCADE", Drop)
    assert tables.object_kind == "TABLE" and tables.if_exists and tables.cascade
    assert [n.name.value for n in tables.names] == ["a", "b"]
    view = one("DROP MATERIALIZED VIEW reports.daily", Drop)
    assert view.object_kind == "MATERIALIZED VIEW" and view.names[0].key() == "reports.daily"
    trigger = one("DROP TRIGGER IF EXISTS audit ON public.orders", Drop)
    assert trigger.object_kind == "TRIGGER" and trigger.names[0].name.value == "audit"
    assert trigger.on_table is not None and trigger.on_table.key() == "public.orders"
    function = one("DROP FUNCTION touch(integer), other", Drop)
    assert [n.name.value for n in function.names] == ["touch", "other"]
    kind = one("DROP TYPE mood", Drop)
    assert kind.object_kind == "TYPE" and kind.names[0].name.value == "mood"
    schema = one("DROP SCHEMA old CASCADE", Drop)
    assert schema.object_kind == "SCHEMA" and schema.names[0].name.value == "old"


def test_truncate() -> None:
    statement = one("TRUNCATE TABLE a, b RESTART IDENTITY CASCADE", Truncate)
    assert [t.name.value for t in statement.tables] == ["a", "b"]
    assert statement.restart_identity and statement.cascade


@pytest.mark.parametrize(
    ("sql", "name", "value", "scope", "reset"),
    [
        ("SET lock_timeout = '5s'", "lock_timeout", "5s", "session", False),
        ("SET LOCAL statement_timeout TO 0", "statement_timeout", "0", "local", False),
        ("set Foo.Lock_Timeout = '1s'", "foo.lock_timeout", "1s", "session", False),
        ("SET SESSION lock_timeout TO DEFAULT", "lock_timeout", "DEFAULT", "session", False),
        ("RESET lock_timeout", "lock_timeout", "", "session", True),
        ("RESET ALL", "all", "", "session", True),
        ("SET ROLE migrator", "role", "migrator", "session", False),
        ("SET TIME ZONE 'UTC'", "timezone", "UTC", "session", False),
    ],
)
def test_set_and_reset(sql: str, name: str, value: str, scope: str, reset: bool) -> None:
    statement = one(sql, SetSetting)
    assert (statement.name, statement.value, statement.scope, statement.reset) == (
        name,
        value,
        scope,
        reset,
    )


def test_search_path_keeps_every_value() -> None:
    statement = one('SET search_path TO "$user", public, app', SetSetting)
    assert statement.name == "search_path"
    assert statement.values == ("$user", "public", "app")


@pytest.mark.parametrize(
    ("sql", "action"),
    [
        ("BEGIN", "BEGIN"),
        ("START TRANSACTION ISOLATION LEVEL SERIALIZABLE", "BEGIN"),
        ("COMMIT", "COMMIT"),
        ("END", "COMMIT"),
        ("ROLLBACK", "ROLLBACK"),
        ("SAVEPOINT before_backfill", "SAVEPOINT"),
        ("ROLLBACK TO SAVEPOINT before_backfill", "ROLLBACK TO"),
        ("RELEASE SAVEPOINT before_backfill", "RELEASE"),
    ],
)
def test_transaction_control(sql: str, action: str) -> None:
    assert one(sql, TransactionControl).action == action


def test_backfill_update_with_where_and_from() -> None:
    sql = (
        "UPDATE orders o\n"
        "   SET customer_ref = c.ref, updated_at = now()\n"
        "  FROM customers c\n"
        " WHERE c.id = o.customer_id AND o.customer_ref IS NULL"
    )
    statement = one(sql, Update)
    assert statement.table.name.value == "orders"
    ref, updated = statement.assignments
    assert ref.column.value == "customer_ref" and ref.value.kind is ExprKind.COLUMN
    assert ref.value.qualifier == "c" and ref.span == Span(2, 8, 2, 27)
    assert updated.value.name == "now" and updated.value.text == "now()"
    assert statement.where is not None and statement.where.name == "and"
    assert statement.where.text == "c.id = o.customer_id AND o.customer_ref IS NULL"
    assert statement.where.span == Span(4, 8, 4, 54)
    (source,) = statement.sources
    assert [s.table.name.value for s in source.sources if s.table] == ["customers"]


def test_update_without_where() -> None:
    statement = one("UPDATE users SET active = true", Update)
    assert statement.where is None and statement.assignments[0].value.text == "true"


def test_delete_with_a_subquery() -> None:
    statement = one("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users)", Delete)
    assert statement.where is not None and statement.where.name == "in"
    subquery = statement.where.arguments[-1]
    assert subquery.kind is ExprKind.SUBQUERY and subquery.query is not None
    assert subquery.query.text == "SELECT id FROM users"
    assert subquery.query.sources[0].table is not None
    assert one("DELETE FROM t", Delete).where is None


def test_insert_values_select_and_on_conflict() -> None:
    values = one("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')", Insert)
    assert [c.value for c in values.columns] == ["a", "b"] and values.rows == 2
    assert values.query is None
    select = one("INSERT INTO t (a) SELECT id FROM u WHERE id > 10 ON CONFLICT DO NOTHING", Insert)
    assert select.query is not None and select.query.text == "SELECT id FROM u WHERE id > 10"
    assert select.on_conflict == "NOTHING"
    upsert = one(
        "INSERT INTO t (a, b) VALUES (1, 2) ON CONFLICT (a) DO UPDATE SET b = EXCLUDED.b", Insert
    )
    assert upsert.on_conflict == "UPDATE" and upsert.updates[0].column.value == "b"
    assert upsert.updates[0].value.text == "EXCLUDED.b"


def test_select_query_model() -> None:
    statement = one(
        "WITH recent AS (SELECT * FROM orders WHERE created_at > now() - interval '1 day') "
        "SELECT r.id, count(*) FROM recent r JOIN users u ON u.id = r.user_id "
        "WHERE u.active ORDER BY r.id DESC LIMIT 10",
        Select,
    )
    query = statement.query
    assert len(query.ctes) == 1 and query.ctes[0].select_star
    assert query.ctes[0].where is not None
    assert query.ctes[0].where.text == "created_at > now() - interval '1 day'"
    assert [s.alias for s in query.sources] == ["r", "u"]
    assert query.sources[1].join_condition is not None
    assert query.sources[1].join_condition.text == "u.id = r.user_id"
    assert [e.text for e in query.selected] == ["r.id", "count(*)"]
    assert query.limit is not None and query.limit.text == "10"
    assert [q.text[:6] for q in query.walk()] == ["WITH r", "SELECT"]
    union = one("SELECT a FROM x UNION ALL SELECT b FROM y", Select)
    assert [q.text for q in union.query.set_operands] == ["SELECT a FROM x", "SELECT b FROM y"]
    function = one("SELECT setval('s', (SELECT max(id) FROM t))", Select)
    (call,) = function.query.selected
    assert call.name == "setval" and call.arguments[1].kind is ExprKind.SUBQUERY


def test_expressions_keep_the_text_as_written() -> None:
    statement = one(
        "SELECT pg_catalog.now(), ARRAY['a', 'b']::text[], CASE WHEN a THEN 1 ELSE 2 END, "
        "coalesce(x, 0), $1, -1, NOT b, c IS NOT NULL, d BETWEEN 1 AND 2, e LIKE 'x%', "
        "CURRENT_TIMESTAMP, (f + 1) * 2, date '2024-01-01'",
        Select,
    )
    texts = [e.text for e in statement.query.selected]
    assert texts == [
        "pg_catalog.now()",
        "ARRAY['a', 'b']::text[]",
        "CASE WHEN a THEN 1 ELSE 2 END",
        "coalesce(x, 0)",
        "$1",
        "-1",
        "NOT b",
        "c IS NOT NULL",
        "d BETWEEN 1 AND 2",
        "e LIKE 'x%'",
        "CURRENT_TIMESTAMP",
        "(f + 1) * 2",
        "date '2024-01-01'",
    ]
    now, array, case, coalesce, parameter, minus, negation, *_ = statement.query.selected
    assert now.kind is ExprKind.FUNCTION and now.name == "now"
    assert array.kind is ExprKind.CAST and array.arguments[0].kind is ExprKind.ARRAY
    assert [e.text for e in array.arguments[0].arguments] == ["'a'", "'b'"]
    assert case.kind is ExprKind.CASE and coalesce.name == "coalesce"
    assert parameter.kind is ExprKind.PARAMETER and minus.kind is ExprKind.LITERAL
    assert negation.name == "not"
    like = statement.query.selected[9]
    assert like.name == "like" and like.arguments[1].text == "'x%'"


def test_garbage_is_invalid_with_the_parsers_message_and_position() -> None:
    (statement,) = typed("CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int NOT NUL")[1:]
    assert isinstance(statement, Invalid)
    assert "syntax error" in statement.message
    assert statement.error_span.line == 2


def test_error_position_counts_characters_after_non_ascii_text() -> None:
    parsed = parse_sql("SELECT 'ééé' FROM WHERE", "postgres")
    statement = parsed.statements[0]
    # judged by the normalizer directly (as when sqlglot accepted the statement)
    result = postgres.normalize_postgres(statement, Locator(statement))
    assert isinstance(result, Invalid)
    assert result.error_span.column == 19  # the W of WHERE, counted in characters


def test_a_chunk_holding_two_statements_is_unmodelled_saying_the_split_disagrees() -> None:
    parsed = parse_sql("SELECT 1", "postgres")
    statement = parsed.statements[0]
    two = dataclasses.replace(statement, text="SELECT 1; SELECT 2")
    result = postgres.normalize_postgres(two, Locator(two))
    assert isinstance(result, Unmodelled) and result.valid
    assert "split disagrees" in result.reason and "2 statements" in result.reason


def test_unmodelled_statements_name_their_type() -> None:
    statement = one("CREATE AGGREGATE total (int) (sfunc = int4pl, stype = int)", Unmodelled)
    assert statement.reason == "CREATE AGGREGATE is not modelled" and statement.valid
    other = one("CREATE PUBLICATION pub FOR ALL TABLES", Unmodelled)
    assert "CREATE PUBLICATION statement" in other.reason
    assert other.first_words == "CREATE PUBLICATION"


def test_without_pglast_statements_are_unmodelled_saying_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pglast", None)  # `import pglast` now raises ImportError
    postgres._pglast_parser.cache_clear()
    try:
        parsed = parse_sql("CREATE TABLE t (a int)", "postgres")
        (statement,) = typed_statements(parsed, "postgres")
    finally:
        postgres._pglast_parser.cache_clear()
    assert isinstance(statement, Unmodelled)
    assert "pglast" in statement.reason and "not installed" in statement.reason


def test_sql_syntax_functions_and_window_calls_keep_their_text() -> None:
    statement = one(
        "SELECT extract(epoch from now()), trim(both 'x' from a), a AT TIME ZONE 'UTC', "
        "count(DISTINCT a) FILTER (WHERE a > 1), row_number() OVER (PARTITION BY a) FROM t",
        Select,
    )
    extract, trim, zone, count, row_number = statement.query.selected
    assert extract.text == "extract(epoch from now())" and extract.name == "extract"
    assert trim.text == "trim(both 'x' from a)"
    assert zone.name == "timezone" and zone.text == "a AT TIME ZONE 'UTC'"
    assert sorted(a.text for a in zone.arguments) == ["'UTC'", "a"]
    assert count.text == "count(DISTINCT a) FILTER (WHERE a > 1)"
    assert row_number.text == "row_number() OVER (PARTITION BY a)"


def test_a_form_the_normalizer_cannot_read_is_unmodelled_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(node: Any, ctx: Any) -> Statement:
        raise AttributeError("'NoneType' object has no attribute 'location'")

    monkeypatch.setitem(postgres.BUILDERS, "TruncateStmt", broken)
    statement = one("TRUNCATE t", Unmodelled)
    assert statement.valid
    assert statement.reason.startswith("dbops could not model this TRUNCATE statement")


def test_drop_database() -> None:
    statement = one("DROP DATABASE IF EXISTS staging WITH (FORCE)", Drop)
    assert statement.object_kind == "DATABASE" and statement.if_exists
    assert statement.names[0].name.value == "staging"
    assert statement.names[0].span == Span(1, 25, 1, 31)
