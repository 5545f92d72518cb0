"""Rules' fixes: applied by the one engine, they make the finding go away and change nothing
else; where a fix would not be safe, none is offered."""

from __future__ import annotations

from typing import Any

from dbops.core.fixes import apply_fixes, compatible_fixes
from dbops.rules.adding_foreign_key_constraint import AddingForeignKeyConstraint
from dbops.rules.ban_concurrent_index_creation_in_transaction import (
    BanConcurrentIndexCreationInTransaction,
)
from dbops.rules.base import Rule
from dbops.rules.constraint_missing_not_valid import ConstraintMissingNotValid
from dbops.rules.prefer_robust_stmts import PreferRobustStmts
from dbops.rules.registry import RULES
from dbops.rules.require_concurrent_index_creation import RequireConcurrentIndexCreation
from dbops.rules.require_timeout_settings import RequireTimeoutSettings
from tests.rules.helpers import findings_of

HISTORY = (
    "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, nickname text);\n"
    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, amount int);\n"
    "CREATE INDEX users_nick_idx ON users (nickname);\n"
)


def fixed(rule: type[Rule], sql: str, history: str = HISTORY, **kwargs: Any) -> str:
    findings = findings_of(rule, sql, history, **kwargs)
    assert findings, "the SQL must have findings for a fix to be tested"
    fixes = compatible_fixes(findings)
    assert fixes, f"{rule.name} offers no fix for {sql!r}"
    return apply_fixes(sql, fixes)


def test_a_fixed_bad_example_passes_its_rule() -> None:
    fixed_any = False
    for rule in RULES:
        options = rule.example_options
        found = findings_of(rule, rule.bad_example, rule.example_history, options=options)
        fixes = compatible_fixes(found)
        if not fixes:
            continue
        fixed_any = True
        after = apply_fixes(rule.bad_example, fixes)
        assert findings_of(rule, after, rule.example_history, options=options) == [], after
    assert fixed_any


def test_the_fixable_rules_offer_fixes_on_their_examples() -> None:
    with_fix = {
        rule.name
        for rule in RULES
        if compatible_fixes(
            findings_of(rule, rule.bad_example, rule.example_history, options=rule.example_options)
        )
    }
    assert {
        "require-timeout-settings",
        "require-concurrent-index-creation",
        "ban-concurrent-index-creation-in-transaction",
        "constraint-missing-not-valid",
        "adding-foreign-key-constraint",
        "prefer-robust-stmts",
    } <= with_fix


def test_lock_timeout_prelude_goes_before_the_first_locking_statement() -> None:
    sql = "SELECT 1;\n  ALTER TABLE users ADD COLUMN age int;\nALTER TABLE users DROP COLUMN age;\n"
    assert fixed(RequireTimeoutSettings, sql) == (
        "SELECT 1;\n  SET lock_timeout = '2s';\n  ALTER TABLE users ADD COLUMN age int;\n"
        "ALTER TABLE users DROP COLUMN age;\n"
    )


def test_concurrently_comes_with_the_no_transaction_header() -> None:
    sql = "CREATE UNIQUE INDEX users_email_idx ON users (email);\n"
    after = fixed(RequireConcurrentIndexCreation, sql)
    assert after == (
        "-- dbops:no-transaction\n"
        "CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);\n"
    )
    assert findings_of(BanConcurrentIndexCreationInTransaction, after, HISTORY) == []


def test_no_header_where_the_file_needs_its_transaction() -> None:
    sql = "ALTER TABLE users ADD COLUMN age int;\nCREATE INDEX users_age_idx ON users (age);\n"
    found = findings_of(RequireConcurrentIndexCreation, sql, HISTORY)
    assert found and all(finding.fix is None for finding in found)


def test_check_constraint_is_split_in_a_no_transaction_file() -> None:
    sql = (
        "-- dbops:no-transaction\n"
        "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);\n"
    )
    assert fixed(ConstraintMissingNotValid, sql) == (
        "-- dbops:no-transaction\n"
        "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;\n"
        "ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;\n"
    )


def test_foreign_key_in_a_transaction_gets_not_valid_and_the_later_validate_is_named() -> None:
    sql = (
        'ALTER TABLE "orders"\n  ADD CONSTRAINT "Orders_user_fk" FOREIGN KEY (user_id) '
        "REFERENCES users (id),\n  ADD COLUMN note text;\n"
    )
    found = findings_of(AddingForeignKeyConstraint, sql, HISTORY)
    assert found[0].fix is not None
    assert "later migration" in found[0].fix.description
    assert fixed(AddingForeignKeyConstraint, sql) == sql.replace("(id),", "(id) NOT VALID,")


def test_robust_statements_get_their_guards() -> None:
    sql = (
        "-- dbops:no-transaction\n"
        "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n"
        "drop index concurrently users_nick_idx;\n"
        "ALTER TABLE users ADD COLUMN age int, DROP COLUMN nickname;\n"
        "CREATE TABLE notes (id bigint PRIMARY KEY);\n"
        "DROP MATERIALIZED VIEW old_report;\n"
    )
    assert fixed(PreferRobustStmts, sql) == (
        "-- dbops:no-transaction\n"
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);\n"
        "drop index concurrently IF EXISTS users_nick_idx;\n"
        "ALTER TABLE users ADD COLUMN IF NOT EXISTS age int, DROP COLUMN IF EXISTS nickname;\n"
        "CREATE TABLE IF NOT EXISTS notes (id bigint PRIMARY KEY);\n"
        "DROP MATERIALIZED VIEW IF EXISTS old_report;\n"
    )


def test_an_unused_ignore_is_removed_by_its_fix() -> None:
    from dbops.rules.unused_ignore import UnusedIgnore

    # A misspelt rule: its ignore suppresses nothing under any policy.
    sql = "-- dbops:ignore ban-drop-tabel\nCREATE TABLE notes (id bigint PRIMARY KEY);\n"
    assert fixed(UnusedIgnore, sql) == "CREATE TABLE notes (id bigint PRIMARY KEY);\n"
    listed = "-- dbops:ignore ban-drop-table, ban-drop-column\nSELECT 1;\n"
    assert all(f.fix is None for f in findings_of(UnusedIgnore, listed, HISTORY))


def test_a_named_constraint_is_dropped_first_for_a_rerun() -> None:
    sql = (
        "-- dbops:no-transaction\n"
        "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;\n"
    )
    after = fixed(PreferRobustStmts, sql)
    assert findings_of(PreferRobustStmts, after, HISTORY) == []
    assert after == (
        "-- dbops:no-transaction\n"
        "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_amount_positive;\n"
        "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;\n"
    )
