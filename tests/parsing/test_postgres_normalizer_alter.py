"""PostgreSQL ALTER TABLE (actions in order, each at its own span) and RENAME into the model."""

from __future__ import annotations

import pytest

from dbops.core.sql import parse_sql
from dbops.core.statements import (
    AddColumn,
    AddConstraint,
    AlterColumnType,
    AlterIndex,
    AlterTable,
    AttachPartition,
    ConstraintKind,
    DetachPartition,
    DropColumn,
    DropConstraint,
    DropDefault,
    DropNotNull,
    ExprKind,
    RenameColumn,
    RenameConstraint,
    RenameTo,
    SetColumnOption,
    SetDefault,
    SetNotNull,
    SetSchema,
    SetTableOption,
    Span,
    Statement,
    ValidateConstraint,
)
from dbops.parsing import typed_statements

pytest.importorskip("pglast")


def typed(sql: str) -> tuple[Statement, ...]:
    return typed_statements(parse_sql(sql, "postgres"), "postgres")


def alter(sql: str) -> AlterTable:
    (statement,) = typed(sql)
    assert isinstance(statement, AlterTable), statement
    return statement


EXPAND = """\
BEGIN;
ALTER TABLE public.orders
    ADD COLUMN IF NOT EXISTS customer_ref uuid DEFAULT gen_random_uuid(),
    ADD COLUMN status text NOT NULL DEFAULT 'new',
    ALTER COLUMN total TYPE numeric(12, 2) USING total::numeric(12, 2),
    ALTER COLUMN note DROP NOT NULL,
    ALTER note SET DEFAULT '',
    ALTER COLUMN legacy DROP DEFAULT,
    DROP COLUMN IF EXISTS old_flag CASCADE;
COMMIT;
"""


def test_one_alter_is_its_actions_in_order_each_with_its_span() -> None:
    _, statement, _ = typed(EXPAND)
    assert isinstance(statement, AlterTable)
    assert statement.table.key() == "public.orders" and not statement.only
    kinds = [type(action) for action in statement.actions]
    assert kinds == [
        AddColumn,
        AddColumn,
        AlterColumnType,
        DropNotNull,
        SetDefault,
        DropDefault,
        DropColumn,
    ]
    spans = [(a.span.line, a.span.column) for a in statement.actions]
    assert spans == [(3, 5), (4, 5), (5, 5), (6, 5), (7, 5), (8, 5), (9, 5)]
    first, status, total, note, note_default, legacy, old_flag = statement.actions
    assert isinstance(first, AddColumn) and first.if_not_exists
    assert first.text == "ADD COLUMN IF NOT EXISTS customer_ref uuid DEFAULT gen_random_uuid()"
    assert first.span == Span(3, 5, 3, 72)
    assert first.column.default is not None
    assert first.column.default.text == "gen_random_uuid()"
    assert first.column.span.column == 30 and first.column.name.value == "customer_ref"
    assert isinstance(status, AddColumn) and status.column.not_null
    assert status.column.default is not None and status.column.default.text == "'new'"
    assert isinstance(total, AlterColumnType)
    assert total.column.value == "total" and total.column.span == Span(5, 18, 5, 22)
    assert total.type.name == "numeric" and total.type.parameters == ("12", "2")
    assert total.using is not None and total.using.kind is ExprKind.CAST
    assert total.using.text == "total::numeric(12, 2)"
    assert isinstance(note, DropNotNull) and note.column.value == "note"
    assert isinstance(note_default, SetDefault) and note_default.default.text == "''"
    assert isinstance(legacy, DropDefault) and legacy.column.value == "legacy"
    assert isinstance(old_flag, DropColumn) and old_flag.if_exists and old_flag.cascade


def test_constraints_not_valid_then_validate() -> None:
    add = alter(
        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) "
        "REFERENCES users (id) ON DELETE CASCADE NOT VALID"
    )
    (action,) = add.actions
    assert isinstance(action, AddConstraint)
    constraint = action.constraint
    assert constraint.kind is ConstraintKind.FOREIGN_KEY and constraint.not_valid
    assert constraint.name is not None and constraint.name.value == "orders_user_fk"
    assert [c.value for c in constraint.columns] == ["user_id"]
    assert constraint.references is not None
    assert constraint.references.table.name.value == "users"
    assert constraint.references.on_delete == "CASCADE"
    validate = alter("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk")
    (action,) = validate.actions
    assert isinstance(action, ValidateConstraint) and action.name.value == "orders_user_fk"
    assert action.name.span == Span(1, 40, 1, 53)
    check = alter("ALTER TABLE t ADD CONSTRAINT positive CHECK (amount > 0) NOT VALID")
    (action,) = check.actions
    assert isinstance(action, AddConstraint) and action.constraint.not_valid
    assert action.constraint.check is not None and action.constraint.check.text == "amount > 0"


def test_primary_key_using_index_and_drop_constraint() -> None:
    statement = alter(
        "ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_idx, "
        "DROP CONSTRAINT IF EXISTS t_old_pkey CASCADE"
    )
    added, dropped = statement.actions
    assert isinstance(added, AddConstraint)
    assert added.constraint.kind is ConstraintKind.PRIMARY_KEY
    assert added.constraint.using_index is not None
    assert added.constraint.using_index.value == "t_id_idx"
    assert isinstance(dropped, DropConstraint) and dropped.if_exists and dropped.cascade
    assert dropped.name.value == "t_old_pkey"
    unique = alter("ALTER TABLE t ADD CONSTRAINT t_email_key UNIQUE (email, tenant)")
    (action,) = unique.actions
    assert isinstance(action, AddConstraint)
    assert [c.value for c in action.constraint.columns] == ["email", "tenant"]


def test_set_not_null_and_column_options() -> None:
    statement = alter(
        "ALTER TABLE ONLY t ALTER COLUMN a SET NOT NULL, ALTER b SET STATISTICS 500, "
        "ALTER COLUMN c ADD GENERATED ALWAYS AS IDENTITY, ALTER d DROP EXPRESSION"
    )
    assert statement.only
    not_null, statistics, identity, expression = statement.actions
    assert isinstance(not_null, SetNotNull) and not_null.column.value == "a"
    assert isinstance(statistics, SetColumnOption)
    assert statistics.option == "SET STATISTICS" and statistics.value == "500"
    assert isinstance(identity, SetColumnOption) and identity.option == "ADD GENERATED"
    assert isinstance(expression, SetColumnOption) and expression.option == "DROP EXPRESSION"


def test_table_options_keep_their_words() -> None:
    statement = alter(
        "ALTER TABLE t SET (fillfactor = 70), SET LOGGED, OWNER TO app, REPLICA IDENTITY FULL, "
        "ENABLE ROW LEVEL SECURITY, DISABLE TRIGGER ALL, SET TABLESPACE fast"
    )
    options = [(a.option, a.value) for a in statement.actions if isinstance(a, SetTableOption)]
    assert options == [
        ("SET", "(fillfactor = 70)"),
        ("SET LOGGED", ""),
        ("OWNER TO", "app"),
        ("REPLICA IDENTITY", "FULL"),
        ("ENABLE ROW LEVEL SECURITY", ""),
        ("DISABLE TRIGGER", "ALL"),
        ("SET TABLESPACE", "fast"),
    ]


def test_partition_maintenance() -> None:
    attach = alter(
        "ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') "
        "TO ('2026-01-01')"
    )
    (action,) = attach.actions
    assert isinstance(action, AttachPartition)
    assert action.partition.name.value == "events_2025"
    assert action.bound == "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"
    detach = alter("ALTER TABLE events DETACH PARTITION events_2019 CONCURRENTLY")
    (action,) = detach.actions
    assert isinstance(action, DetachPartition) and action.concurrently and not action.finalize
    finalize = alter("ALTER TABLE events DETACH PARTITION events_2019 FINALIZE")
    (action,) = finalize.actions
    assert isinstance(action, DetachPartition) and action.finalize


def test_rename_column_without_the_column_keyword() -> None:
    statement = alter('ALTER TABLE users RENAME "Email" TO email_address')
    (action,) = statement.actions
    assert isinstance(action, RenameColumn)
    assert action.old.value == "Email" and action.old.quoted and action.old.span.column == 26
    assert action.new.value == "email_address" and action.new.span == Span(1, 37, 1, 49)
    assert action.text == 'RENAME "Email" TO email_address'
    keyword = alter("ALTER TABLE IF EXISTS users RENAME COLUMN a TO b")
    assert keyword.if_exists
    (action,) = keyword.actions
    assert isinstance(action, RenameColumn) and (action.old.value, action.new.value) == ("a", "b")


def test_rename_table_constraint_and_index() -> None:
    (action,) = alter("ALTER TABLE shop.Orders RENAME TO Orders_Old").actions
    assert isinstance(action, RenameTo)
    assert action.new.name.value == "orders_old" and action.new.name.written == "Orders_Old"
    assert action.new.schema is None
    (action,) = alter("ALTER TABLE t RENAME CONSTRAINT a_check TO b_check").actions
    assert isinstance(action, RenameConstraint)
    assert (action.old.value, action.new.value) == ("a_check", "b_check")
    (index,) = typed("ALTER INDEX IF EXISTS idx_old RENAME TO idx_new")
    assert isinstance(index, AlterIndex) and index.if_exists
    assert index.name.name.value == "idx_old"
    assert index.rename_to is not None and index.rename_to.value == "idx_new"
    (attach,) = typed("ALTER INDEX parent_idx ATTACH PARTITION child_idx")
    assert isinstance(attach, AlterIndex) and attach.attach_partition is not None
    assert attach.attach_partition.name.value == "child_idx"


def test_set_schema_is_an_action() -> None:
    (action,) = alter("ALTER TABLE t SET SCHEMA archive").actions
    assert isinstance(action, SetSchema) and action.schema.value == "archive"


def test_contract_drops_the_column_and_adds_it_back_in_sequence() -> None:
    statement = alter("ALTER TABLE t DROP COLUMN x, ADD COLUMN x bigint NOT NULL DEFAULT 0")
    dropped, added = statement.actions
    assert isinstance(dropped, DropColumn) and dropped.column.value == "x"
    assert isinstance(added, AddColumn) and added.column.type is not None
    assert added.column.type.name == "bigint" and added.column.not_null
    assert dropped.span == Span(1, 15, 1, 27) and added.span.column == 30


def test_action_spans_on_later_lines_after_non_ascii_comments() -> None:
    sql = (
        "-- ändern: Spalten für Bestellungen\n"
        "ALTER TABLE bestellungen /* ☕ */\n"
        "  ADD COLUMN größe int, -- Größe\n"
        "  ALTER COLUMN straße SET NOT NULL"
    )
    statement = alter(sql)
    added, not_null = statement.actions
    assert isinstance(added, AddColumn) and added.span == Span(3, 3, 3, 22)
    assert added.column.name.value == "größe" and added.column.name.span == Span(3, 14, 3, 18)
    assert isinstance(not_null, SetNotNull) and not_null.span == Span(4, 3, 4, 34)
    assert not_null.column.span == Span(4, 16, 4, 21)


def test_alter_of_a_view_is_an_alter_object() -> None:
    (statement,) = typed("ALTER VIEW v OWNER TO app")
    assert statement.kind == "alter-object"
    assert getattr(statement, "object_kind", None) == "VIEW"
    assert getattr(statement, "action", None) == "OWNER TO"
