"""The schema change summary: what each statement changes, read from the replayed schema."""

from __future__ import annotations

from dbops.core.schema import SchemaModel
from dbops.core.schema_changes import SchemaChange, snapshot, statement_changes
from dbops.core.sql import parse_sql
from dbops.parsing import typed_statements


def _changes(history: str, sql: str, dialect: str = "postgres") -> list[str]:
    """The changes `sql` makes to the schema `history` leaves, as `describe()` texts."""
    schema = SchemaModel(dialect=dialect)
    for statement in typed_statements(parse_sql(history, dialect), dialect):
        schema.apply(statement, "old.sql")
    found: list[SchemaChange] = []
    for parsed, statement in zip(
        parse_sql(sql, dialect).statements,
        typed_statements(parse_sql(sql, dialect), dialect),
        strict=True,
    ):
        before = snapshot(statement, schema)
        schema.apply(statement, "new.sql")
        found += statement_changes(statement, before, schema, parsed.line)
    assert found, "a test of changes must see some"
    return [change.describe() for change in found]


ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20), note text);"


def test_created_table_lists_its_columns_and_indexes() -> None:
    sql = ORDERS + "\nCREATE INDEX orders_status_idx ON orders (status);"
    assert _changes("", sql) == [
        "table orders added: id bigint NOT NULL, status character varying(20), note text",
        "index orders_status_idx added: index (status)",
    ]


def test_altered_column_shows_type_and_nullability_before_and_after() -> None:
    sql = "ALTER TABLE orders ALTER COLUMN status TYPE text, ALTER COLUMN status SET NOT NULL;"
    assert _changes(ORDERS, sql) == [
        "column orders.status altered: character varying(20) → text; NULL → NOT NULL"
    ]


def test_added_dropped_and_renamed_columns() -> None:
    sql = (
        "ALTER TABLE orders ADD COLUMN total_cents integer NOT NULL DEFAULT 0;\n"
        "ALTER TABLE orders DROP COLUMN note;\n"
        "ALTER TABLE orders RENAME COLUMN status TO state;"
    )
    assert _changes(ORDERS, sql) == [
        "column orders.total_cents added: integer, NOT NULL, default 0",
        "column orders.note dropped",
        "column orders.state renamed: from status",
    ]


def test_renamed_and_dropped_tables() -> None:
    assert _changes(ORDERS, "ALTER TABLE orders RENAME TO purchases;") == [
        "table purchases renamed: from orders"
    ]
    assert _changes(ORDERS, "DROP TABLE orders;") == [
        "table orders dropped: with its 3 columns and their data"
    ]


def test_constraints_added_validated_and_dropped() -> None:
    sql = (
        "ALTER TABLE orders ADD CONSTRAINT status_set CHECK (status IS NOT NULL) NOT VALID;\n"
        "ALTER TABLE orders VALIDATE CONSTRAINT status_set;\n"
        "ALTER TABLE orders DROP CONSTRAINT status_set;"
    )
    changes = _changes(ORDERS, sql)
    assert changes[0].startswith("constraint status_set added: check")
    assert changes[0].endswith("NOT VALID")
    assert changes[1:] == ["constraint status_set altered: validated", changes[2]]
    assert changes[2].startswith("constraint status_set dropped")


def test_dropped_index_is_found_through_its_table() -> None:
    history = ORDERS + "\nCREATE INDEX orders_status_idx ON orders (status);"
    assert _changes(history, "DROP INDEX orders_status_idx;") == [
        "index orders_status_idx dropped: index (status)"
    ]


def test_mysql_change_column_is_a_rename_with_its_type_change() -> None:
    history = "CREATE TABLE orders (id int PRIMARY KEY, status varchar(20));"
    sql = "ALTER TABLE orders CHANGE status state varchar(40) NOT NULL;"
    assert _changes(history, sql, "mysql") == [
        "column orders.state renamed: from status; varchar(20) → varchar(40); NULL → NOT NULL"
    ]


def test_statements_that_change_no_schema_say_nothing() -> None:
    schema = SchemaModel(dialect="postgres")
    for statement in typed_statements(parse_sql(ORDERS, "postgres"), "postgres"):
        schema.apply(statement, "old.sql")
    (update,) = typed_statements(parse_sql("UPDATE orders SET note = 'x';", "postgres"), "postgres")
    before = snapshot(update, schema)
    schema.apply(update, "new.sql")
    assert statement_changes(update, before, schema, 1) == []
