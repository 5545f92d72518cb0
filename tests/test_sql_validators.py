"""Statements sqlglot rejects, judged by the database's own grammar: PostgreSQL's (pglast) and
SQLite's (its engine, in memory); and a DELIMITER routine applied on the real MariaDB."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlglot import exp

from dbops.adapters.sql_validators import judge_sqlite, validator_for
from dbops.core import pg_grammar
from dbops.core.sql import ParsedStatement, default_validator, parse_sql
from tests.conftest import write_migrations
from tests.rollout.conftest import fresh_mysql, make_project, one_target, query

__all__ = ["fresh_mysql"]  # the fixture, for the MariaDB test


@pytest.fixture
def without_pglast(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(sys.modules, "pglast", None)  # `import pglast` now raises ImportError
    pg_grammar._pglast_parser.cache_clear()
    yield
    pg_grammar._pglast_parser.cache_clear()


def only(sql: str, dialect: str) -> ParsedStatement:
    (statement,) = parse_sql(sql, dialect).statements
    return statement


# --- PostgreSQL --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "MERGE INTO t USING a JOIN b ON a.id = b.id ON t.id = a.id WHEN MATCHED THEN DELETE",
        "COMMENT ON COLUMN t.c IS NULL",
        "CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi)",
        "IMPORT FOREIGN SCHEMA films LIMIT TO (actors) FROM SERVER film_server INTO films",
        "SECURITY LABEL FOR selinux ON TABLE t IS 'system_u:object_r:sepgsql_table_t:s0'",
    ],
)
def test_valid_postgres_that_sqlglot_rejects_is_kept_opaque(sql: str) -> None:
    statement = only(sql, "postgres")
    assert statement.error is None
    assert isinstance(statement.tree, exp.Command) and statement.opaque
    assert statement.keywords[0] == sql.split(maxsplit=1)[0]  # rules reading tokens still see it


def test_a_postgres_typo_reports_postgres_message_and_line() -> None:
    sql = "SELECT 1;\nCREATE TABLE t (\n  id int,\n  name text NOT NULLL\n);\n"
    _, broken = parse_sql(sql, "postgres").statements
    assert broken.error == 'syntax error at or near "NULLL"'
    assert (broken.line, broken.error_line, broken.error_column) == (2, 4, 17)


def test_a_typo_after_the_first_word_of_a_known_statement_is_caught() -> None:
    statement = only("SECURITY LABEL FOR selinux ONN TABLE t IS 'x'", "postgres")
    assert statement.error == 'syntax error at or near "ONN"'
    assert statement.error_column == 28


def test_a_word_that_starts_no_statement_gets_postgres_words() -> None:
    statement = only("\n  foo bar", "postgres")
    assert statement.error == 'syntax error at or near "foo"'
    assert (statement.error_line, statement.error_column) == (2, 3)


def test_error_column_counts_characters_after_multibyte_text() -> None:
    statement = only("UPDATE t SET a = 'ééé😀' WHERE b = = 2", "postgres")
    assert statement.error == 'syntax error at or near "="'
    assert statement.error_column == 35


def test_an_error_at_the_end_of_input_points_at_the_end() -> None:
    statement = only("SELECT 1 +\n  2 *", "postgres")
    assert statement.error == "syntax error at end of input"
    assert (statement.error_line, statement.error_column) == (2, 6)


def test_without_pglast_sqlglot_decides_as_before(without_pglast: None) -> None:
    merge = "MERGE INTO t USING a JOIN b ON a.id = b.id ON t.id = a.id WHEN MATCHED THEN DELETE"
    assert only(merge, "postgres").error is not None
    assert only("foo", "postgres").error == "'foo' does not start a SQL statement"
    assert only("SECURITY LABEL ONN t", "postgres").error is None  # as before: opaque
    assert only("CREAT TABLE t (id int)", "postgres").error_line is None


def test_check_reports_the_error_line_inside_the_statement(run_cli, project: Path) -> None:
    sql = "CREATE TABLE t (\n  id int PRIMARY KEY,\n  n int NOT NULLL\n);"
    write_migrations(project, {"1_t.sql": sql})
    result = run_cli("check", "--format", "json", cwd=project)
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["rule"] == "syntax-error"
    assert (finding["line"], finding["column"]) == (3, 13)
    assert 'at or near "NULLL"' in finding["message"]


# --- SQLite ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE TABLE t (a floating point)",
        "CREATE TEMP TABLE t (a ANY) STRICT",
        "CREATE TABLE t (a int REFERENCES other (id))",  # names are the history's business
        'ALTER TABLE main."t x" ADD COLUMN b unsigned big int NOT NULL DEFAULT 0',
    ],
)
def test_sqlite_accepts(sql: str) -> None:
    verdict = judge_sqlite(sql)
    assert verdict is not None and verdict.valid


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("CREATE TABLE t (a int NOT NULLL)", 'SQLite: near "NULLL": syntax error'),
        ("CREATE TABLE t (a foo) STRICT", 'SQLite: unknown datatype for t.a: "foo"'),
        ("ALTER TABLE t ADD b int PRIMARY KEY", "SQLite: Cannot add a PRIMARY KEY column"),
    ],
)
def test_sqlite_rejects(sql: str, message: str) -> None:
    verdict = judge_sqlite(sql)
    assert verdict is not None and not verdict.valid
    assert verdict.message == message


def test_sqlite_is_not_asked_what_it_cannot_try_alone() -> None:
    assert judge_sqlite("DROP TABLE t") is None
    recursive = (
        "CREATE TABLE t AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
        "SELECT x FROM c"
    )
    assert judge_sqlite(recursive) is None  # interrupted, not waited for


def test_check_asks_sqlite_and_reports_its_message(run_cli, project: Path) -> None:
    (project / "dbops.yaml").write_text("dialect: sqlite\n", encoding="utf-8")
    sql = "CREATE TABLE ok (id integer PRIMARY KEY, a unsigned big int);\n" + (
        "CREATE TABLE bad (\n  id integer PRIMARY KEY,\n  x floating point NOT NULLL\n);\n"
    )
    write_migrations(project, {"1_t.sql": sql})
    result = run_cli("check", "--format", "json", "--select", "syntax-error", cwd=project)
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["line"] == 2
    assert finding["message"] == 'cannot parse this statement: SQLite: near "NULLL": syntax error'


def test_sqlite_validator_confirms_typos() -> None:
    sql = "CREATE TABLE t (a int,\n  b floating point NOT NULLL)"
    (statement,) = parse_sql(sql, "sqlite", validator_for("sqlite")).statements
    assert statement.error == 'SQLite: near "NULLL": syntax error'


def test_a_review_does_not_depend_on_an_earlier_one_in_the_process() -> None:
    """No validator registry: without SQLite's engine handed in, sqlglot's verdict stands."""
    sql = "CREATE TABLE t (a int,\n  b floating point NOT NULLL)"
    parse_sql(sql, "sqlite", validator_for("sqlite"))
    (statement,) = parse_sql(sql, "sqlite").statements
    assert statement.error != 'SQLite: near "NULLL": syntax error'
    assert default_validator("sqlite") is None
    assert default_validator("postgres") is not None


# --- MariaDB: a DELIMITER routine applied by the rollout ---------------------------------------

PROCEDURE = """\
CREATE TABLE counter (n INT NOT NULL);
DELIMITER //
CREATE PROCEDURE bump(IN times INT)
BEGIN
    DECLARE i INT DEFAULT 0;
    WHILE i < times DO
        INSERT INTO counter VALUES (i);  -- one row per turn
        SET i = i + 1;
    END WHILE;
END//
DELIMITER ;
CALL bump(3);
"""
# The same kind of body without DELIMITER: kept whole by its BEGIN … END nesting.
TRIGGER = """\
CREATE TRIGGER counter_double BEFORE INSERT ON counter FOR EACH ROW
main: BEGIN
    IF NEW.n > 100 THEN
        LEAVE main;
    END IF;
    SET NEW.n = NEW.n * 2;
END;
INSERT INTO counter VALUES (21);
"""


def test_rollout_applies_a_delimiter_routine_on_mariadb(
    run_cli, tmp_path: Path, fresh_mysql: str
) -> None:
    migrations = {"001_bump.sql": PROCEDURE, "002_trigger.sql": TRIGGER}
    root = make_project(tmp_path, one_target(fresh_mysql), migrations, dialect="mysql")
    result = run_cli("rollout", "--env", "test", "--format", "json", cwd=root)
    assert result.exit_code == 0, result.stderr
    (target,) = json.loads(result.stdout)["targets"]
    assert target["statements"] == 3 + 2
    rows = query(fresh_mysql, root, "SELECT n FROM counter ORDER BY n")
    assert [row[0] for row in rows] == [0, 1, 2, 42]


def test_sqlite_statements_no_normalizer_models_are_prepared_against_the_replay(
    run_cli, project: Path
) -> None:
    """Validated (no not-reviewed finding) when SQLite compiles them, a syntax error when not."""
    (project / "dbops.yaml").write_text("dialect: sqlite\n", encoding="utf-8")
    statement = "HANDLER users OPEN"  # not SQLite: sqlglot keeps it, SQLite refuses it
    write_migrations(
        project,
        {"1_t.sql": "CREATE TABLE users (id integer PRIMARY KEY);\n", "2_x.sql": statement},
    )
    result = run_cli("check", "--format", "json", cwd=project)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["file"]) for f in findings] == [("syntax-error", "migrations/2_x.sql")]
    assert "SQLite: near" in findings[0]["message"]


def test_prepare_sqlite_accepts_what_compiles_against_the_schema() -> None:
    from dbops.adapters.sql_validators import prepare_sqlite
    from dbops.core.schema import SchemaModel
    from dbops.parsing import typed_statements

    schema = SchemaModel(dialect="sqlite")
    for node in typed_statements(parse_sql("CREATE TABLE users (id integer)", "sqlite"), "sqlite"):
        schema.apply(node, "1.sql")
    verdict = prepare_sqlite("INSERT OR REPLACE INTO users (id) VALUES (1)", schema)
    assert verdict is not None and verdict.valid
    broken = prepare_sqlite("INSERT OR REPLACE INTO users (id) VALUES (1", schema)
    assert broken is not None and not broken.valid
