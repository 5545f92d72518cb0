"""The lock-safety rules on the typed statement model: verdicts the token and sqlglot readings
got wrong, positions of the element at fault, messages quoting the SQL as written."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import dbops.rules
from dbops.rules.adding_field_with_default import AddingFieldWithDefault
from dbops.rules.adding_required_field import AddingRequiredField
from dbops.rules.ban_char_field import BanCharField
from dbops.rules.ban_concurrent_index_creation_in_transaction import (
    BanConcurrentIndexCreationInTransaction,
)
from dbops.rules.ban_drop_database import BanDropDatabase
from dbops.rules.ban_drop_table import BanDropTable
from dbops.rules.base import Rule
from dbops.rules.changing_column_type import ChangingColumnType
from dbops.rules.constraint_missing_not_valid import ConstraintMissingNotValid
from dbops.rules.prefer_bigint_over_int import PreferBigintOverInt
from dbops.rules.prefer_robust_stmts import PreferRobustStmts
from dbops.rules.prefer_timestamptz import PreferTimestamptz
from dbops.rules.renaming_table import RenamingTable
from dbops.rules.require_concurrent_index_creation import RequireConcurrentIndexCreation
from dbops.rules.require_timeout_settings import RequireTimeoutSettings
from dbops.rules.schema_backward_compatibility import SchemaBackwardCompatibility
from dbops.rules.schema_conflict import SchemaConflict
from dbops.rules.transaction_nesting import TransactionNesting
from tests.rules.helpers import findings_of, lines_of

USERS = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
ALTER = "ALTER TABLE users ADD COLUMN a text;"
NO_TRANSACTION = "-- dbops:no-transaction\n"


@pytest.mark.parametrize(
    "setting",
    [
        "SET foo.lock_timeout = '2s';",
        "SET lock_timeout = 0;",
        "SET lock_timeout TO DEFAULT;",
        "SET lock_timeout = '2s';\nRESET lock_timeout;",
        "SELECT set_config('foo.lock_timeout', '2s', false);",
    ],
)
def test_what_is_not_a_lock_timeout(setting: str) -> None:
    sql = f"{setting}\n{ALTER}"
    assert lines_of(RequireTimeoutSettings, sql, USERS) == [sql.count("\n") + 1]


@pytest.mark.parametrize(
    "setting",
    [
        "SET lock_timeout = '2s';",
        "SET LOCAL lock_timeout TO 1000;",
        "SELECT set_config('lock_timeout', '2s', true);",
    ],
)
def test_what_is_a_lock_timeout(setting: str) -> None:
    assert lines_of(RequireTimeoutSettings, f"{setting}\n{ALTER}", USERS) == []


@pytest.mark.parametrize(
    ("column", "reason"),
    [
        ("a int GENERATED ALWAYS AS (id * 2) STORED", "STORED generated"),
        ("a bigint GENERATED ALWAYS AS IDENTITY", "identity"),
        ("a bigserial", "bigserial"),
        ("a uuid DEFAULT gen_random_uuid()", "gen_random_uuid()"),
        ("a uuid DEFAULT uuid_generate_v4()", "uuid_generate_v4()"),
        ("a timestamptz DEFAULT clock_timestamp()", "clock_timestamp()"),
        ("a bigint DEFAULT nextval('s')", "nextval('s')"),
        ("a float DEFAULT random()", "random()"),
    ],
)
def test_columns_that_rewrite_the_table(column: str, reason: str) -> None:
    # Each of these changes relfilenode on PostgreSQL 15 (checked on the real server).
    findings = findings_of(AddingFieldWithDefault, f"ALTER TABLE users ADD COLUMN {column};", USERS)
    assert len(findings) == 1
    assert reason in findings[0].message and "rewritten" in findings[0].message


@pytest.mark.parametrize(
    "default",
    ["array['a', 'b']::text[]", "'{}'::jsonb", "now()", "CURRENT_TIMESTAMP", "0", "lower('X')"],
)
def test_defaults_stored_in_the_catalog(default: str) -> None:
    sql = f"ALTER TABLE users ADD COLUMN a text DEFAULT {default};"
    assert lines_of(AddingFieldWithDefault, sql, USERS) == []


@pytest.mark.parametrize(
    "column",
    [
        "a int NOT NULL GENERATED ALWAYS AS (id * 2) STORED",
        "a bigint NOT NULL GENERATED ALWAYS AS IDENTITY",
        "a bigserial NOT NULL",
    ],
)
def test_columns_that_fill_existing_rows_need_no_default(column: str) -> None:
    assert lines_of(AddingRequiredField, f"ALTER TABLE users ADD COLUMN {column};", USERS) == []


def test_finding_points_at_the_column_definition_and_quotes_it() -> None:
    sql = 'ALTER TABLE users\n  ADD COLUMN "Tenant" bigint NOT NULL;'
    (finding,) = findings_of(AddingRequiredField, sql, USERS)
    assert (finding.line, finding.column) == (2, 14)
    assert '"Tenant"' in finding.message
    sql = "CREATE TABLE t (\n  id bigint PRIMARY KEY,\n  at TIMESTAMP NOT NULL\n);"
    (finding,) = findings_of(PreferTimestamptz, sql)
    assert (finding.line, finding.column) == (3, 3)
    assert "TIMESTAMP" in finding.message


def test_array_types_are_seen_by_the_type_rules() -> None:
    sql = "CREATE TABLE t (a char(10)[], b timestamp[], c int[], d text[]);"
    assert len(findings_of(BanCharField, sql)) == 1
    assert len(findings_of(PreferTimestamptz, sql)) == 1
    assert len(findings_of(PreferBigintOverInt, sql)) == 1


def test_robust_statements_judged_by_the_transaction_they_run_in() -> None:
    sql = "CREATE TABLE t (a int);\nBEGIN;\nCREATE TABLE u (a int);\nCOMMIT;\nDROP TABLE t;"
    assert lines_of(PreferRobustStmts, sql) == []  # dbops wraps the file in a transaction
    assert lines_of(PreferRobustStmts, NO_TRANSACTION + sql) == [2, 6]
    add = NO_TRANSACTION + "ALTER TABLE users ADD COLUMN a text, DROP COLUMN IF EXISTS email;"
    assert lines_of(PreferRobustStmts, add, USERS) == [2]


def test_concurrent_index_after_the_files_own_begin_is_in_a_transaction() -> None:
    sql = NO_TRANSACTION + "BEGIN;\nCREATE INDEX CONCURRENTLY i ON users (email);\nCOMMIT;"
    assert lines_of(BanConcurrentIndexCreationInTransaction, sql, USERS) == [3]
    alone = NO_TRANSACTION + "CREATE INDEX CONCURRENTLY i ON users (email);"
    assert lines_of(BanConcurrentIndexCreationInTransaction, alone, USERS) == []


def test_index_on_only_the_partitioned_parent_builds_nothing() -> None:
    history = "CREATE TABLE m (id bigint, at date) PARTITION BY RANGE (at);"
    assert lines_of(RequireConcurrentIndexCreation, "CREATE INDEX i ON ONLY m (at);", history) == []
    (finding,) = findings_of(RequireConcurrentIndexCreation, "CREATE INDEX i ON m (at);", history)
    assert "dbops:no-transaction" in finding.message


def test_actions_of_one_alter_apply_in_order() -> None:
    sql = "ALTER TABLE users DROP COLUMN email, ADD COLUMN email varchar(320);"
    assert lines_of(SchemaConflict, sql, USERS) == []
    twice = "ALTER TABLE users ADD COLUMN a text, ADD COLUMN a text;"
    assert lines_of(SchemaConflict, twice, USERS) == [1]


@pytest.mark.parametrize(
    ("change", "rewrites"),
    [
        ("a TYPE varchar(200)", False),
        ("a TYPE text", False),
        ("a TYPE varchar", False),
        ("a TYPE varchar(50)", True),
        ("c TYPE numeric(12,2)", False),
        ("c TYPE numeric(12,3)", True),
        ("b TYPE bigint", True),
        ("a TYPE text USING trim(a)", True),
        ("a TYPE varchar(200) USING a::varchar(200)", False),
    ],
)
def test_type_change_says_whether_it_rewrites(change: str, rewrites: bool) -> None:
    # As relfilenode shows on PostgreSQL 15 for the same changes.
    history = "CREATE TABLE t (a varchar(100), b int, c numeric(10,2));"
    (finding,) = findings_of(ChangingColumnType, f"ALTER TABLE t ALTER COLUMN {change};", history)
    assert ("rewrites the table" in finding.message) is rewrites, finding.message
    assert "needs no rewrite" in finding.message or rewrites


PORTED = (
    "adding_field_with_default",
    "adding_foreign_key_constraint",
    "adding_not_nullable_field",
    "adding_required_field",
    "ban_char_field",
    "ban_concurrent_index_creation_in_transaction",
    "ban_drop_column",
    "ban_drop_database",
    "ban_drop_table",
    "changing_column_type",
    "constraint_missing_not_valid",
    "disallowed_unique_constraint",
    "prefer_bigint_over_int",
    "prefer_identity",
    "prefer_robust_stmts",
    "prefer_timestamptz",
    "renaming_column",
    "renaming_table",
    "require_concurrent_index_creation",
    "require_timeout_settings",
    "transaction_nesting",
    "schema_backward_compatibility",
    "statement_disallow_add_column_with_default",
    "schema_conflict",
)
FORBIDDEN = ("sqlglot", "pglast", "dbops.core.sql", "dbops.rules.tokens", "dbops.rules.shapes")


@pytest.mark.parametrize("module", [*PORTED, "facts.lock_safety", "facts.lock_safety_transactions"])
def test_ported_rules_read_only_the_model(module: str) -> None:
    path = Path(dbops.rules.__file__).parent / f"{module.replace('.', '/')}.py"
    tree = ast.parse(path.read_text())
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert not [name for name in imported if name and name.startswith(FORBIDDEN)], module
    if module in PORTED:
        rules = [
            value
            for value in vars(importlib.import_module(f"dbops.rules.{module}")).values()
            if isinstance(value, type) and issubclass(value, Rule) and value is not Rule
        ]
        assert rules and all(r.reads_model and r.statement_kinds for r in rules), module


REBUILD = (
    "CREATE TABLE notes_new (id integer PRIMARY KEY, title text NOT NULL);\n"
    "INSERT INTO notes_new (id, title) SELECT id, coalesce(title, '') FROM notes;\n"
    "DROP TABLE notes;\n"
    "ALTER TABLE notes_new RENAME TO notes;"
)


@pytest.mark.parametrize("rule", [BanDropTable, RenamingTable, SchemaBackwardCompatibility])
def test_a_table_rebuild_keeps_the_table_and_its_data(rule: type[Rule]) -> None:
    history = "CREATE TABLE notes (id integer PRIMARY KEY, title text);"
    assert lines_of(rule, REBUILD, history, dialect="sqlite") == []
    # without the copy the old rows are gone
    lossy = REBUILD.replace(REBUILD.splitlines()[1] + "\n", "")
    if rule is not RenamingTable:
        assert lines_of(rule, lossy, history, dialect="sqlite") == [2]


def test_check_validated_in_the_transaction_that_added_it() -> None:
    add = "ALTER TABLE users ADD CONSTRAINT c CHECK (email <> '') NOT VALID;"
    validate = "ALTER TABLE users VALIDATE CONSTRAINT c;"
    sql = f"{add}\n{validate}"
    (finding,) = findings_of(ConstraintMissingNotValid, sql, USERS)
    assert finding.line == 2 and "ACCESS EXCLUSIVE" in finding.message
    assert lines_of(ConstraintMissingNotValid, validate, USERS + "\n" + add) == []
    assert lines_of(ConstraintMissingNotValid, NO_TRANSACTION + sql, USERS) == []
    committed = NO_TRANSACTION + f"BEGIN;\n{add}\nCOMMIT;\n{validate}"
    assert lines_of(ConstraintMissingNotValid, committed, USERS) == []


def test_dropped_databases_are_named_as_written() -> None:
    for sql in ("DROP SCHEMA Shop;", "DROP DATABASE IF EXISTS Shop;"):
        (finding,) = findings_of(BanDropDatabase, sql, dialect="mysql")
        assert "database Shop;" in finding.message, sql
    assert len(findings_of(BanDropDatabase, "DROP DATABASE shop;")) == 1  # PostgreSQL
    assert findings_of(BanDropDatabase, "DROP SCHEMA shop;") == []  # a PostgreSQL schema


@pytest.mark.parametrize(
    ("dialect", "conflicts"), [("mysql", []), ("sqlite", [1]), ("postgres", [1])]
)
def test_index_names_are_scoped_as_the_engine_scopes_them(
    dialect: str, conflicts: list[int]
) -> None:
    # MariaDB accepts `CREATE INDEX i ON y (x)` next to an index i of another table.
    history = "CREATE TABLE a (x int);\nCREATE TABLE b (x int);\nCREATE INDEX idx ON a (x);"
    assert lines_of(SchemaConflict, "CREATE INDEX idx ON b (x);", history, dialect=dialect) == (
        conflicts
    )
    assert lines_of(SchemaConflict, "CREATE INDEX idx ON a (x);", history, dialect=dialect) == [1]


def test_set_local_lock_timeout_lasts_as_long_as_its_transaction() -> None:
    local = "SET LOCAL lock_timeout = '2s';"
    assert lines_of(RequireTimeoutSettings, f"{local}\n{ALTER}", USERS) == []  # dbops wraps
    outside = NO_TRANSACTION + f"{local}\n{ALTER}"  # no transaction: SET LOCAL does nothing
    assert lines_of(RequireTimeoutSettings, outside, USERS) == [3]
    inside = NO_TRANSACTION + f"BEGIN;\n{local}\n{ALTER}\nCOMMIT;"
    assert lines_of(RequireTimeoutSettings, inside, USERS) == []
    ended = NO_TRANSACTION + f"BEGIN;\n{local}\nCOMMIT;\n{ALTER}"
    assert lines_of(RequireTimeoutSettings, ended, USERS) == [5]


def test_transactions_a_no_transaction_file_opens_itself() -> None:
    sql = "BEGIN;\nSELECT 1;\nCOMMIT;\nBEGIN;\nBEGIN;\nCOMMIT;\nCOMMIT;"
    assert lines_of(TransactionNesting, NO_TRANSACTION + sql) == [6, 8]


@pytest.mark.parametrize(
    ("change", "changes_type"),
    [
        ("MODIFY a int NOT NULL", False),  # int(11)'s display width is no other type
        ("MODIFY a INTEGER", False),
        ("MODIFY b VARCHAR(20) NOT NULL", False),
        ("MODIFY c int", True),  # loses UNSIGNED
        ("MODIFY b varchar(30)", True),
        ("CHANGE a a bigint", True),
    ],
)
def test_mysql_modify_changes_the_type_only_when_it_differs(
    change: str, changes_type: bool
) -> None:
    history = "CREATE TABLE t (id int PRIMARY KEY, a int(11), b varchar(20), c INT UNSIGNED);"
    expected = [1] if changes_type else []
    sql = f"ALTER TABLE t {change};"
    assert lines_of(ChangingColumnType, sql, history, dialect="mysql") == expected
    assert lines_of(SchemaBackwardCompatibility, sql, history, dialect="mysql") == expected


def test_type_rules_see_added_and_retyped_columns() -> None:
    history = "CREATE TABLE t (id bigint PRIMARY KEY, a text);"
    retype = "ALTER TABLE t\n  ALTER COLUMN a TYPE char(3);"
    (finding,) = findings_of(BanCharField, retype, history)
    assert (finding.line, finding.column, '"a" is char(3)' in finding.message) == (2, 3, True)
    assert lines_of(PreferBigintOverInt, "ALTER TABLE t ALTER COLUMN id TYPE int4;", history) == [1]
    assert lines_of(PreferBigintOverInt, "ALTER TABLE t ADD COLUMN n serial;", history) == [1]


def test_add_constraint_is_robust_once_dropped_if_exists_first() -> None:
    add = "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);"
    assert lines_of(PreferRobustStmts, NO_TRANSACTION + add, USERS) == [2]
    drop = "ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_key;"
    assert lines_of(PreferRobustStmts, NO_TRANSACTION + f"{drop}\n{add}", USERS) == []
    same = add.replace("ADD", "DROP CONSTRAINT IF EXISTS users_email_key, ADD", 1)
    assert lines_of(PreferRobustStmts, NO_TRANSACTION + same, USERS) == []
