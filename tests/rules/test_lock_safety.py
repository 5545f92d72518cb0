"""Edge cases of the PostgreSQL lock-safety rules: history, same-file tables, opaque statements."""

from __future__ import annotations

from dbops.rules.adding_field_with_default import AddingFieldWithDefault
from dbops.rules.adding_foreign_key_constraint import AddingForeignKeyConstraint
from dbops.rules.adding_not_nullable_field import AddingNotNullableField
from dbops.rules.adding_required_field import AddingRequiredField
from dbops.rules.ban_concurrent_index_creation_in_transaction import (
    BanConcurrentIndexCreationInTransaction,
)
from dbops.rules.ban_drop_column import BanDropColumn
from dbops.rules.ban_drop_table import BanDropTable
from dbops.rules.changing_column_type import ChangingColumnType
from dbops.rules.require_concurrent_index_creation import RequireConcurrentIndexCreation
from dbops.rules.require_timeout_settings import RequireTimeoutSettings
from dbops.rules.transaction_nesting import TransactionNesting
from tests.rules.helpers import lines_of

USERS = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"


def test_required_field_on_a_table_created_in_the_same_file_is_fine() -> None:
    sql = "CREATE TABLE t (id bigint PRIMARY KEY);\nALTER TABLE t ADD COLUMN a int NOT NULL;"
    assert lines_of(AddingRequiredField, sql) == []
    assert lines_of(AddingRequiredField, "ALTER TABLE users ADD COLUMN a int NOT NULL;", USERS) == [
        1
    ]


def test_constant_and_stable_defaults_are_fast() -> None:
    for default in ("0", "'x'", "now()", "CURRENT_TIMESTAMP"):
        sql = f"ALTER TABLE users ADD COLUMN a text DEFAULT {default};"
        assert lines_of(AddingFieldWithDefault, sql, USERS) == [], default
    sql = "ALTER TABLE users ADD COLUMN a float DEFAULT random();"
    assert lines_of(AddingFieldWithDefault, sql, USERS) == [1]


def test_set_not_null_only_on_existing_tables() -> None:
    sql = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;"
    assert lines_of(AddingNotNullableField, sql, USERS) == [1]
    fresh = "CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a SET NOT NULL;"
    assert lines_of(AddingNotNullableField, fresh) == []


def test_foreign_key_not_valid_then_validate() -> None:
    history = USERS + "\nCREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);"
    sql = (
        "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) "
        "NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT fk;"
    )
    assert lines_of(AddingForeignKeyConstraint, sql, history) == []


def test_concurrent_index_needs_no_transaction_and_is_token_decided() -> None:
    sql = (
        "SELECT 1;\nCREATE UNIQUE INDEX CONCURRENTLY i ON users (email);\n"
        "REINDEX INDEX CONCURRENTLY i;"
    )
    assert lines_of(BanConcurrentIndexCreationInTransaction, sql, USERS) == [2, 3]
    marked = "-- dbops:no-transaction\n" + sql
    assert lines_of(BanConcurrentIndexCreationInTransaction, marked, USERS) == []


def test_index_without_concurrently_on_existing_table_only() -> None:
    assert lines_of(RequireConcurrentIndexCreation, "CREATE INDEX i ON users (email);", USERS) == [
        1
    ]
    fresh = "CREATE TABLE t (a int);\nCREATE INDEX i ON t (a);"
    assert lines_of(RequireConcurrentIndexCreation, fresh) == []


def test_lock_timeout_is_reported_once_and_satisfied_by_set() -> None:
    sql = "ALTER TABLE users ADD COLUMN a text;\nALTER TABLE users ADD COLUMN b text;"
    assert lines_of(RequireTimeoutSettings, sql, USERS) == [1]
    assert lines_of(RequireTimeoutSettings, "SET LOCAL lock_timeout = '1s';\n" + sql, USERS) == []


def test_opaque_alter_table_forms_are_still_decided() -> None:
    # sqlglot keeps these as commands; the rules read their tokens
    history = "CREATE TABLE t (id bigint PRIMARY KEY, a int);"
    modify = "ALTER TABLE t MODIFY COLUMN a bigint;"
    assert lines_of(ChangingColumnType, modify, history, dialect="mysql") == [1]
    same = "ALTER TABLE t MODIFY COLUMN a int NOT NULL;"
    assert lines_of(ChangingColumnType, same, history, dialect="mysql") == []
    assert lines_of(BanDropColumn, "ALTER TABLE users DROP COLUMN email;", USERS) == [1]


def test_drop_table_created_in_same_file_is_fine() -> None:
    assert lines_of(BanDropTable, "DROP TABLE IF EXISTS users;", USERS) == [1]
    assert lines_of(BanDropTable, "CREATE TABLE t (a int);\nDROP TABLE t;") == []


def test_transaction_nesting_respects_no_transaction_files() -> None:
    sql = "BEGIN;\nSELECT 1;\nCOMMIT;"
    assert lines_of(TransactionNesting, sql) == [1, 3]
    assert lines_of(TransactionNesting, "-- dbops:no-transaction\n" + sql) == []


def test_sqlite_alter_table_limits() -> None:
    from dbops.rules.sqlite_alter_table_unsupported import SqliteAlterTableUnsupported as Rule

    history = "CREATE TABLE users (id integer PRIMARY KEY, email text);"
    unique = "ALTER TABLE users ADD COLUMN code text UNIQUE;"
    assert lines_of(Rule, unique, history, dialect="sqlite") == [1]
    for sql in (  # SQLite's grammar has no such form: the normalizer says Invalid
        "ALTER TABLE users ADD CONSTRAINT u UNIQUE (email);",
        "ALTER TABLE users DROP CONSTRAINT u;",
    ):
        assert lines_of(Rule, sql, history, dialect="sqlite") == [], sql
    for sql in (
        "ALTER TABLE users RENAME COLUMN email TO mail;",
        "ALTER TABLE users DROP COLUMN email;",
    ):
        assert lines_of(Rule, sql, history, dialect="sqlite") == [], sql
