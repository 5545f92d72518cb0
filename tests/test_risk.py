"""Risk levels (DESIGN §3) in the three dialects, for modelled and opaque statements alike."""

from __future__ import annotations

import pytest

from dbops.core.findings import Risk
from dbops.core.risk import highest, statement_risk
from dbops.core.sql import parse_sql

DIALECTS = ("postgres", "mysql", "sqlite")

HIGH = (
    "DROP TABLE users",
    "DROP TABLE IF EXISTS users",
    "DROP SCHEMA app",
    "DROP DATABASE app",
    "TRUNCATE users",
    "TRUNCATE TABLE users",
)
MODERATE = (
    "DELETE FROM users WHERE id = 1",
    "UPDATE users SET name = 'a' WHERE id = 1",
    "ALTER TABLE users ADD COLUMN age int",
    "DROP INDEX idx_users_name",
    "REPLACE INTO users (id) VALUES (1)",
    "RENAME TABLE users TO people",
    "WITH old AS (SELECT 1 AS id) DELETE FROM users WHERE id IN (SELECT id FROM old)",
)
LOW = (
    "CREATE TABLE users (id int PRIMARY KEY)",
    "CREATE INDEX idx_users_name ON users (name)",
    "INSERT INTO users (id) VALUES (1)",
    "SELECT 1",
    "DROP VIEW active_users",
)


def risk_of(sql: str, dialect: str) -> Risk:
    statements = parse_sql(sql, dialect).statements
    assert len(statements) == 1
    return statement_risk(statements[0])


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(
    ("statements", "risk"), [(HIGH, Risk.HIGH), (MODERATE, Risk.MODERATE), (LOW, Risk.LOW)]
)
def test_levels_in_every_dialect(statements: tuple[str, ...], risk: Risk, dialect: str) -> None:
    for sql in statements:
        assert risk_of(sql, dialect) is risk, (sql, dialect)


def test_dialect_specific_forms() -> None:
    assert risk_of("DROP OWNED BY app_user", "postgres") is Risk.HIGH
    assert risk_of("DROP TEMPORARY TABLE scratch", "mysql") is Risk.LOW
    assert risk_of("ALTER IGNORE TABLE users ADD UNIQUE (email)", "mysql") is Risk.MODERATE
    upsert = "INSERT INTO users (id) VALUES (1) ON DUPLICATE KEY UPDATE id = 2"
    assert risk_of(upsert, "mysql") is Risk.MODERATE
    conflict = "INSERT INTO users (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET id = 2"
    assert risk_of(conflict, "postgres") is Risk.MODERATE
    assert risk_of("INSERT OR REPLACE INTO users (id) VALUES (1)", "sqlite") is Risk.MODERATE
    assert risk_of("ALTER TABLE events TRUNCATE PARTITION p2020", "mysql") is Risk.HIGH
    assert risk_of("RENAME USER a TO b", "mysql") is Risk.LOW


def test_highest_of_a_file() -> None:
    assert highest([Risk.LOW, Risk.HIGH, Risk.MODERATE]) is Risk.HIGH
    assert highest([]) is Risk.LOW
