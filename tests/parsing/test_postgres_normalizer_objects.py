"""PostgreSQL CTAS, views, MERGE, types, domains, sequences, routines, maintenance and grants
through PostgreSQL's own grammar into the model."""

from __future__ import annotations

from typing import Any

import pytest

from dbops.core.sql import parse_sql
from dbops.core.statements import (
    AlterDomain,
    AlterSchema,
    AlterSequence,
    AlterType,
    Comment,
    CreateDomain,
    CreateExtension,
    CreateRoutine,
    CreateSchema,
    CreateSequence,
    CreateTableAs,
    CreateType,
    CreateView,
    Grant,
    LockTable,
    Maintenance,
    Merge,
    Procedural,
    Reindex,
    Span,
    Statement,
)
from dbops.parsing import typed_statements

pytest.importorskip("pglast")


def typed(sql: str) -> tuple[Statement, ...]:
    return typed_statements(parse_sql(sql, "postgres"), "postgres")


def one(sql: str, kind: type[Any]) -> Any:
    (statement,) = typed(sql)
    assert isinstance(statement, kind), statement
    return statement


def test_create_table_as_columns_types_and_sources() -> None:
    statement = one(
        "CREATE TABLE archive.orders_2019 AS\n"
        "SELECT o.id, o.total::numeric(12,2) AS total, 'legacy' AS origin, 1 AS version,\n"
        "       now() AS archived_at, u.*\n"
        "  FROM orders o JOIN users u ON u.id = o.user_id\n"
        " WHERE o.created_at < '2020-01-01'\n"
        "WITH NO DATA",
        CreateTableAs,
    )
    assert statement.table.key() == "archive.orders_2019" and not statement.with_data
    assert statement.query.text.startswith("SELECT o.id") and statement.query.text.endswith(
        "'2020-01-01'"
    )
    names = [c.name.value for c in statement.columns]
    assert names == ["id", "total", "origin", "version", "archived_at"]
    types = [c.type.name if c.type else None for c in statement.columns]
    assert types == [None, "numeric", "text", "integer", None]
    assert statement.columns[1].type is not None
    assert statement.columns[1].type.parameters == ("12", "2")
    assert statement.columns[1].name.span == Span(2, 40, 2, 44)
    assert statement.column_sources == (("id", "orders.id"), ("*", "users.*"))


def test_create_table_as_with_a_column_list_and_select_into() -> None:
    listed = one("CREATE TABLE t2 (a, b) AS SELECT id, name FROM users", CreateTableAs)
    assert [c.name.value for c in listed.columns] == ["a", "b"]
    assert listed.columns[0].name.span == Span(1, 18, 1, 18)
    assert listed.column_sources == (("a", "users.id"), ("b", "users.name"))
    into = one("SELECT id, email INTO TEMP backup FROM public.users", CreateTableAs)
    assert into.temporary and into.table.name.value == "backup"
    assert into.column_sources == (("id", "public.users.id"), ("email", "public.users.email"))
    union = one("CREATE TABLE u AS (SELECT a FROM x UNION SELECT b FROM y)", CreateTableAs)
    assert union.query.text == "SELECT a FROM x UNION SELECT b FROM y"
    assert [c.name.value for c in union.columns] == ["a"]


def test_views_and_materialized_views() -> None:
    view = one("CREATE OR REPLACE VIEW active_users (id) AS SELECT id FROM users", CreateView)
    assert view.or_replace and [c.value for c in view.columns] == ["id"]
    assert view.query is not None and view.query.text == "SELECT id FROM users"
    materialized = one("CREATE MATERIALIZED VIEW daily AS SELECT * FROM orders", CreateTableAs)
    assert materialized.materialized and materialized.column_sources == (("*", "orders.*"),)
    refresh = one("REFRESH MATERIALIZED VIEW CONCURRENTLY daily", Maintenance)
    assert refresh.operation == "REFRESH MATERIALIZED VIEW" and refresh.concurrently


def test_merge() -> None:
    statement = one(
        "MERGE INTO stock s USING incoming i ON s.sku = i.sku "
        "WHEN MATCHED AND i.qty = 0 THEN DELETE "
        "WHEN MATCHED THEN UPDATE SET qty = i.qty "
        "WHEN NOT MATCHED THEN INSERT (sku, qty) VALUES (i.sku, i.qty)",
        Merge,
    )
    assert statement.target.name.value == "stock"
    assert statement.source is not None and statement.source.sources[0].alias == "i"
    assert statement.on is not None and statement.on.text == "s.sku = i.sku"
    assert [c.text for c in statement.when_conditions] == ["i.qty = 0"]


def test_enum_changes() -> None:
    created = one("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')", CreateType)
    assert created.type_kind == "ENUM" and created.enum_values == ("sad", "ok", "happy")
    added = one("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'ok'", AlterType)
    assert (added.action, added.value, added.before, added.after) == (
        "ADD VALUE",
        "meh",
        "ok",
        "",
    )
    assert added.if_not_exists
    after = one("ALTER TYPE mood ADD VALUE 'ecstatic' AFTER 'happy'", AlterType)
    assert after.after == "happy"
    renamed = one("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'", AlterType)
    assert (renamed.action, renamed.old_value, renamed.value) == ("RENAME VALUE", "sad", "blue")
    type_renamed = one("ALTER TYPE mood RENAME TO feeling", AlterType)
    assert type_renamed.action == "RENAME TO" and type_renamed.value == "feeling"
    composite = one("CREATE TYPE pair AS (a int, b text)", CreateType)
    assert composite.type_kind == "COMPOSITE"


def test_domains() -> None:
    domain = one(
        "CREATE DOMAIN positive AS int4 NOT NULL CHECK (VALUE > 0) DEFAULT 1", CreateDomain
    )
    assert domain.base_type == "integer" and domain.not_null
    assert [c.text for c in domain.checks] == ["VALUE > 0"]
    assert domain.default is not None and domain.default.text == "1"
    added = one(
        "ALTER DOMAIN positive ADD CONSTRAINT small CHECK (VALUE < 10) NOT VALID", AlterDomain
    )
    assert added.action == "ADD CONSTRAINT" and added.not_valid
    assert added.constraint_name is not None and added.constraint_name.value == "small"
    validated = one("ALTER DOMAIN positive VALIDATE CONSTRAINT small", AlterDomain)
    assert validated.action == "VALIDATE CONSTRAINT"
    assert validated.constraint_name is not None and validated.constraint_name.value == "small"


def test_comments() -> None:
    column = one("COMMENT ON COLUMN shop.orders.total IS 'gross, in cents'", Comment)
    assert column.object_kind == "COLUMN" and column.target.key() == "shop.orders"
    assert column.column is not None and column.column.value == "total"
    assert column.comment == "gross, in cents"
    table = one("COMMENT ON TABLE orders IS NULL", Comment)
    assert table.object_kind == "TABLE" and table.comment is None


def test_extensions_schemas_and_sequences() -> None:
    extension = one('CREATE EXTENSION IF NOT EXISTS "uuid-ossp"', CreateExtension)
    assert extension.name.value == "uuid-ossp" and extension.if_not_exists
    schema = one("CREATE SCHEMA IF NOT EXISTS billing", CreateSchema)
    assert schema.name.value == "billing" and schema.if_not_exists
    renamed = one("ALTER SCHEMA billing RENAME TO invoicing", AlterSchema)
    assert renamed.name is not None and renamed.name.value == "billing"
    assert renamed.rename_to is not None and renamed.rename_to.value == "invoicing"
    sequence = one("CREATE SEQUENCE IF NOT EXISTS order_no AS bigint", CreateSequence)
    assert sequence.data_type == "bigint" and sequence.if_not_exists
    altered = one("ALTER SEQUENCE order_no RESTART WITH 1000 OWNED BY orders.no", AlterSequence)
    assert altered.options == ("RESTART", "OWNED BY")


def test_routines() -> None:
    function = one(
        "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN NEW.updated_at := now(); RETURN NEW; END;\n$$",
        CreateRoutine,
    )
    assert function.routine_kind == "FUNCTION" and function.or_replace
    assert function.language == "plpgsql" and "RETURN NEW" in function.body
    trigger = one(
        "CREATE TRIGGER touch_orders BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()",
        CreateRoutine,
    )
    assert trigger.routine_kind == "TRIGGER" and trigger.name.name.value == "touch_orders"
    assert trigger.on_table is not None and trigger.on_table.name.value == "orders"
    policy = one("CREATE POLICY tenant ON orders USING (tenant_id = 1)", CreateRoutine)
    assert policy.routine_kind == "POLICY" and policy.on_table is not None
    procedure = one("CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$", CreateRoutine)
    assert procedure.routine_kind == "PROCEDURE"


def test_do_call_lock_maintenance_reindex_and_grants() -> None:
    block = one("DO $$ BEGIN PERFORM 1; END $$", Procedural)
    assert block.command == "DO" and block.language == "plpgsql" and "PERFORM" in block.body
    call = one("CALL billing.close_month(2024, 1)", Procedural)
    assert call.command == "CALL" and call.target == "billing.close_month"
    lock = one("LOCK TABLE orders, users IN SHARE ROW EXCLUSIVE MODE NOWAIT", LockTable)
    assert lock.mode == "SHARE ROW EXCLUSIVE" and lock.nowait and len(lock.tables) == 2
    assert one("LOCK orders", LockTable).mode == "ACCESS EXCLUSIVE"
    vacuum = one("VACUUM (FULL, ANALYZE) orders", Maintenance)
    assert vacuum.operation == "VACUUM FULL" and vacuum.tables[0].name.value == "orders"
    assert one("VACUUM orders", Maintenance).operation == "VACUUM"
    assert one("ANALYZE orders", Maintenance).operation == "ANALYZE"
    assert one("CLUSTER orders USING orders_pkey", Maintenance).operation == "CLUSTER"
    reindex = one("REINDEX INDEX CONCURRENTLY orders_pkey", Reindex)
    assert reindex.target == "INDEX" and reindex.concurrently
    assert reindex.name is not None and reindex.name.name.value == "orders_pkey"
    assert not one("REINDEX TABLE orders", Reindex).concurrently
    grant = one("GRANT SELECT, UPDATE ON TABLE orders TO reporting, PUBLIC", Grant)
    assert grant.privileges == ("SELECT", "UPDATE") and grant.grantees == ("reporting", "PUBLIC")
    assert grant.objects[0].name.value == "orders" and not grant.revoke
    revoke = one("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM app", Grant)
    assert revoke.revoke and revoke.privileges == ("ALL",)
    assert revoke.object_kind == "ALL TABLES IN SCHEMA"


def test_comments_on_objects_of_a_table() -> None:
    constraint = one("COMMENT ON CONSTRAINT orders_total_check ON shop.orders IS 'x'", Comment)
    assert constraint.object_kind == "CONSTRAINT" and constraint.target.key() == "shop.orders"
    assert constraint.column is not None and constraint.column.value == "orders_total_check"
    trigger = one("COMMENT ON TRIGGER touch ON orders IS 'keeps updated_at'", Comment)
    assert trigger.object_kind == "TRIGGER" and trigger.target.name.value == "orders"
    assert trigger.column is not None and trigger.column.value == "touch"
    index = one("COMMENT ON INDEX shop.orders_idx IS NULL", Comment)
    assert index.object_kind == "INDEX" and index.target.key() == "shop.orders_idx"
