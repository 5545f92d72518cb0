"""ALTER of views, routines, policies, roles, databases, the system and extensions: AlterObject,
with what is altered, how, and where the object's name stands."""

from __future__ import annotations

import pytest

from dbops.core.sql import parse_sql
from dbops.core.statements import AlterObject, CreateTable, Span
from dbops.parsing import typed_statements


def altered(sql: str) -> AlterObject:
    (statement,) = typed_statements(parse_sql(sql, "postgres"), "postgres")
    assert isinstance(statement, AlterObject), statement
    return statement


@pytest.mark.parametrize(
    ("sql", "object_kind", "action", "name"),
    [
        ("ALTER VIEW v RENAME TO w", "VIEW", "RENAME TO", "v"),
        ("ALTER MATERIALIZED VIEW s.v RENAME TO w", "MATERIALIZED VIEW", "RENAME TO", "v"),
        ("ALTER FUNCTION f(int) RENAME TO g", "FUNCTION", "RENAME TO", "f"),
        ("ALTER PROCEDURE p() OWNER TO app", "PROCEDURE", "OWNER TO", "p"),
        ("ALTER FUNCTION f() SET SCHEMA s", "FUNCTION", "SET SCHEMA", "f"),
        ("ALTER TRIGGER tr ON t RENAME TO tr2", "TRIGGER", "RENAME TO", "tr"),
        ("ALTER ROLE r NOLOGIN", "ROLE", "OPTIONS", "r"),
        ("ALTER USER r SET work_mem = '1MB'", "ROLE", "SET CONFIG", "r"),
        ("ALTER DATABASE d CONNECTION LIMIT 5", "DATABASE", "OPTIONS", "d"),
        ("ALTER DATABASE d RESET work_mem", "DATABASE", "RESET CONFIG", "d"),
        ("ALTER DATABASE d OWNER TO app", "DATABASE", "OWNER TO", "d"),
        ("ALTER EXTENSION e UPDATE TO '2.0'", "EXTENSION", "UPDATE", "e"),
        ("ALTER EXTENSION e ADD FUNCTION f()", "EXTENSION", "ADD MEMBER", "e"),
        ("ALTER EXTENSION e SET SCHEMA s", "EXTENSION", "SET SCHEMA", "e"),
        ("ALTER VIEW v SET (security_barrier = true)", "VIEW", "SET OPTIONS", "v"),
        ("ALTER VIEW v ALTER COLUMN a SET DEFAULT 1", "VIEW", "ALTER COLUMN SET DEFAULT", "v"),
    ],
)
def test_alter_forms(sql: str, object_kind: str, action: str, name: str) -> None:
    statement = altered(sql)
    assert (statement.object_kind, statement.action) == (object_kind, action)
    assert statement.name is not None and statement.name.name.written == name


def test_a_function_s_options_and_where_its_name_stands() -> None:
    statement = altered("ALTER FUNCTION billing.f(int) STRICT SECURITY DEFINER")
    assert statement.changes == ("strict", "security")
    assert statement.name is not None and statement.name.schema is not None
    assert statement.name.span == Span(1, 16, 1, 24)


def test_a_policy_says_what_it_changes_and_on_which_table() -> None:
    statement = altered("ALTER POLICY p ON orders TO app USING (true)")
    assert statement.changes == ("to", "using")
    assert statement.on_table is not None and statement.on_table.name.value == "orders"
    assert altered("ALTER POLICY p ON orders WITH CHECK (true)").changes == ("with check",)


def test_alter_system_names_the_setting() -> None:
    statement = altered("ALTER SYSTEM SET work_mem = '1MB'")
    assert (statement.name, statement.action, statement.setting) == (None, "SET CONFIG", "work_mem")
    assert altered("ALTER SYSTEM RESET ALL").action == "RESET CONFIG"


def test_renames_carry_the_new_name() -> None:
    statement = altered("ALTER POLICY p ON t RENAME TO q")
    assert statement.rename_to is not None and statement.rename_to.written == "q"
    assert statement.on_table is not None and statement.on_table.name.value == "t"


def test_a_name_longer_than_63_bytes_is_found_and_keeps_its_written_spelling() -> None:
    long_name = "order_line_items_with_their_shipping_addresses_and_billing_details_v2"
    (statement,) = typed_statements(
        parse_sql(f"CREATE TABLE public.{long_name} (id bigint)", "postgres"), "postgres"
    )
    assert isinstance(statement, CreateTable)
    table = statement.table
    assert table.name.value == long_name[:63]  # as PostgreSQL stores it
    assert table.name.written == long_name
    assert table.name.span == Span(1, 21, 1, 20 + len(long_name))
