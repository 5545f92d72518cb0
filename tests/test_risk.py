"""Risk levels from what a statement does (core/risk.py): destroying data, rewriting or
scanning a table under a blocking lock, blocking reads or writes, changing rows."""

from __future__ import annotations

import pytest

from dbops.core.findings import Risk
from dbops.core.locks import lock_impact
from dbops.core.migrations import MigrationSet, read_migration
from dbops.core.policy import activate
from dbops.core.review import default_target, review
from dbops.core.risk import highest, statement_risk
from dbops.core.schema import SchemaModel
from dbops.core.sql import parse_sql
from dbops.parsing import typed_statements

DIALECTS = ("postgres", "mysql", "sqlite")
HISTORY = "CREATE TABLE users (id int PRIMARY KEY, name varchar(100), age int)"

HIGH = (
    "DROP TABLE users",
    "DROP TABLE IF EXISTS users",
    "DROP SCHEMA app",
    "DROP DATABASE app",
    "TRUNCATE users",
    "TRUNCATE TABLE users",
    "DELETE FROM users",
    "UPDATE users SET name = 'a'",
)
MODERATE = (
    "DELETE FROM users WHERE id = 1",
    "UPDATE users SET name = 'a' WHERE id = 1",
    "ALTER TABLE users ADD COLUMN email varchar(200)",
    "REPLACE INTO users (id) VALUES (1)",
    "WITH old AS (SELECT 1 AS id) DELETE FROM users WHERE id IN (SELECT id FROM old)",
    "DROP VIEW active_users",
)
LOW = (
    "CREATE TABLE teams (id int PRIMARY KEY)",
    "INSERT INTO users (id) VALUES (1)",
    "SELECT 1",
)


def risk_of(sql: str, dialect: str, history: str = HISTORY) -> Risk:
    schema = SchemaModel(dialect=dialect)
    for node in typed_statements(parse_sql(history, dialect), dialect):
        schema.apply(node, "history.sql")
    (node,) = typed_statements(parse_sql(sql, dialect), dialect)
    return statement_risk(node, lock_impact(node, schema, default_target(dialect)))


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(
    ("statements", "risk"), [(HIGH, Risk.HIGH), (MODERATE, Risk.MODERATE), (LOW, Risk.LOW)]
)
def test_levels_in_every_dialect(statements: tuple[str, ...], risk: Risk, dialect: str) -> None:
    for sql in statements:
        if dialect == "sqlite" and sql.startswith(("DROP SCHEMA", "DROP DATABASE", "TRUNCATE")):
            continue  # not SQLite statements
        if dialect == "postgres" and sql.startswith("REPLACE"):
            continue
        assert risk_of(sql, dialect) is risk, (sql, dialect)


def test_postgres_locks_decide_the_risk() -> None:
    # A plain CREATE INDEX blocks writes for the whole build: not "low".
    assert risk_of("CREATE INDEX users_name_idx ON users (name)", "postgres") is Risk.HIGH
    assert risk_of("CREATE INDEX CONCURRENTLY users_name_idx ON users (name)", "postgres") is (
        Risk.LOW
    )
    assert risk_of("ALTER TABLE users ALTER COLUMN age TYPE bigint", "postgres") is Risk.HIGH
    assert risk_of("ALTER TABLE users ADD COLUMN email text", "postgres") is Risk.MODERATE
    validate = "ALTER TABLE users VALIDATE CONSTRAINT users_age_check"
    assert (
        risk_of(validate, "postgres") is Risk.LOW
    )  # SHARE UPDATE EXCLUSIVE: reads and writes go on
    assert risk_of("DROP OWNED BY app_user", "postgres") is Risk.HIGH


def test_dialect_specific_forms() -> None:
    assert risk_of("DROP TEMPORARY TABLE scratch", "mysql") is Risk.LOW
    upsert = "INSERT INTO users (id) VALUES (1) ON DUPLICATE KEY UPDATE id = 2"
    assert risk_of(upsert, "mysql") is Risk.MODERATE
    conflict = "INSERT INTO users (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET id = 2"
    assert risk_of(conflict, "postgres") is Risk.MODERATE
    assert risk_of("INSERT OR REPLACE INTO users (id) VALUES (1)", "sqlite") is Risk.MODERATE
    assert risk_of("RENAME TABLE users TO people", "mysql") is Risk.MODERATE
    # ALTER of what queries use without a table lock: a routine's behaviour, a role's login
    assert risk_of("ALTER FUNCTION f() SECURITY DEFINER", "postgres") is Risk.MODERATE
    assert risk_of("ALTER ROLE app NOLOGIN", "postgres") is Risk.MODERATE


def test_a_table_created_in_the_same_file_is_nobody_elses_risk() -> None:
    sql = b"CREATE TABLE teams (id int PRIMARY KEY);\nCREATE INDEX t_idx ON teams (id);\n"
    migrations = MigrationSet.of([read_migration("1_t.sql", "1_t.sql", sql)])
    (file,) = review(migrations, activate("none", {}), "postgres").files
    assert file.risk is Risk.LOW


def test_highest_of_a_file() -> None:
    assert highest([Risk.LOW, Risk.HIGH, Risk.MODERATE]) is Risk.HIGH
    assert highest([]) is Risk.LOW
