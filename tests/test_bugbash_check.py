"""Regression tests for bugs found by bashing on `dbops check` and friends as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import write_migrations

NULLABLE = "CREATE TABLE t (id int PRIMARY KEY, name text);\n"


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "markdown"])
def test_output_into_a_missing_folder_is_created(
    run_cli, project: Path, output_format: str
) -> None:
    write_migrations(project, {"1_t.sql": NULLABLE})
    result = run_cli("check", "-f", output_format, "-o", "out/sub/report", cwd=project)
    assert result.exit_code == 1, result.stderr
    assert "column-no-null" in (project / "out" / "sub" / "report").read_text()


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_output_to_a_directory_is_a_usage_error(run_cli, project: Path, output_format: str) -> None:
    write_migrations(project, {"1_t.sql": NULLABLE})
    (project / "reports").mkdir()
    result = run_cli("check", "-f", output_format, "-o", "reports", cwd=project)
    assert result.exit_code == 2
    assert "--output reports" in result.stderr and "internal error" not in result.stderr


def _findings(result) -> list[tuple[str, int, str]]:
    return [(f["rule"], f["line"], f["message"]) for f in json.loads(result.stdout)["findings"]]


def test_ignore_naming_no_rule_says_so_with_a_suggestion(run_cli, project: Path) -> None:
    sql = "CREATE TABLE t (id int);\n-- dbops:ignore colum-no-null\nALTER TABLE t ADD x int;"
    write_migrations(project, {"1_t.sql": sql})
    findings = _findings(run_cli("check", "-f", "json", cwd=project))
    assert ("unused-ignore", 2) in [(rule, line) for rule, line, _ in findings]
    (message,) = [message for rule, _, message in findings if rule == "unused-ignore"]
    assert "no rule named 'colum-no-null'" in message and "column-no-null" in message
    assert "column-no-null" in [rule for rule, _, _ in findings]  # still reported


@pytest.mark.parametrize(
    "directive",
    [
        "-- DBOPS:IGNORE column-no-null",
        "-- dbops: ignore column-no-null",
        "--dbops:Ignore   COLUMN_NO_NULL",
        "-- dbops:ignore database-drop-empty-database, column-no-null",
    ],
)
def test_ignore_spellings_are_honoured(run_cli, project: Path, directive: str) -> None:
    sql = f"CREATE TABLE t (id int PRIMARY KEY);\n{directive}\nALTER TABLE t ADD x int;\n"
    write_migrations(project, {"1_t.sql": sql})
    result = run_cli("check", "-f", "json", cwd=project)
    rules = [rule for rule, _, _ in _findings(result)]
    assert "column-no-null" not in rules


def test_prose_after_dbops_colon_is_a_comment(run_cli, project: Path) -> None:
    write_migrations(project, {"1_t.sql": "-- dbops: see ticket 12\nSELECT 1;\n"})
    assert run_cli("check", cwd=project).exit_code == 0


@pytest.mark.parametrize("directive", ["-- dbops:type dml", "-- dbops:no-transaction"])
def test_header_directive_below_a_statement_is_exit_2_naming_the_line(
    run_cli, project: Path, directive: str
) -> None:
    write_migrations(project, {"1_t.sql": f"SELECT 1;\n{directive}\nSELECT 2;\n"})
    result = run_cli("check", cwd=project)
    assert result.exit_code == 2
    assert "migrations/1_t.sql:2:" in result.stderr and "file header" in result.stderr


def test_upper_case_sql_extension_is_exit_2_not_skipped(run_cli, project: Path) -> None:
    write_migrations(project, {"1_a.sql": "SELECT 1;", "2_b.SQL": "SELECT 1;"})
    result = run_cli("check", cwd=project)
    assert result.exit_code == 2
    assert "migrations/2_b.SQL" in result.stderr and "lower case" in result.stderr


def test_leading_zeros_are_the_same_version(run_cli, project: Path) -> None:
    write_migrations(project, {"001_a.sql": "SELECT 1;", "1_b.sql": "SELECT 1;"})
    result = run_cli("check", cwd=project)
    assert result.exit_code == 2
    assert "001_a.sql" in result.stderr and "1_b.sql" in result.stderr


def test_symlinked_migration_given_by_name_keeps_its_name_and_folder(
    run_cli, project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("shared") / "9_t.sql"
    elsewhere.write_text("ALTER TABLE t ADD x int;\n")
    write_migrations(project, {"1_t.sql": "CREATE TABLE t (id int PRIMARY KEY);"})
    (project / "migrations" / "9_t.sql").symlink_to(elsewhere)
    result = run_cli("check", "-f", "json", "migrations/9_t.sql", cwd=project)
    report = json.loads(result.stdout)
    assert [f["file"] for f in report["files"]] == ["migrations/9_t.sql"]
    assert {f["file"] for f in report["findings"]} == {"migrations/9_t.sql"}


def test_finding_on_a_later_line_of_a_statement_points_at_that_lines_text(
    run_cli, project: Path
) -> None:
    sql = "CREATE TABLE t (\r\n  id int PRIMARY KEY,\r\n    name text\r\n);\r\n"
    write_migrations(project, {"1_t.sql": "SELECT 1;\n" + sql.replace("\r\n", "\n", 1)})
    report = json.loads(run_cli("check", "-f", "json", cwd=project).stdout)
    (finding,) = [f for f in report["findings"] if f["rule"] == "column-no-null"]
    assert (finding["line"], finding["column"]) == (4, 5)


UNSET_ENVIRONMENT = """\
environments:
  prod:
    concurrency: ${PROD_CONCURRENCY}
    lock_timeout: ${LOCK_TIMEOUT:-}
    targets: [{name: p, url: "${PROD_URL:-}"}]
"""


def test_check_is_not_stopped_by_rollout_values_waiting_on_unset_variables(
    run_cli, project: Path
) -> None:
    write_migrations(project, {"1_t.sql": "SELECT 1;"})
    (project / "dbops.yaml").write_text(UNSET_ENVIRONMENT)
    result = run_cli("check", cwd=project)
    assert result.exit_code == 0, result.stderr


def test_unset_variable_in_a_typed_key_is_named_where_it_is_needed(run_cli, project: Path) -> None:
    from dbops.adapters.config_file import load_project
    from dbops.errors import ConfigError

    (project / "dbops.yaml").write_text(UNSET_ENVIRONMENT)
    with pytest.raises(ConfigError) as raised:
        load_project(None, project, environ={})
    message = raised.value.message
    assert "line 3, 'environments.prod.concurrency': needs the environment variable " in message
    assert "PROD_CONCURRENCY" in message and "LOCK_TIMEOUT" in message and "PROD_URL" in message


def test_unset_variable_in_a_key_check_reads_is_exit_2_naming_it(run_cli, project: Path) -> None:
    write_migrations(project, {"1_t.sql": "SELECT 1;"})
    (project / "dbops.yaml").write_text("review:\n  fail_on: ${FAIL_ON}\n")
    result = run_cli("check", cwd=project)
    assert result.exit_code == 2
    assert "'review.fail_on': needs the environment variable FAIL_ON" in result.stderr


@pytest.mark.parametrize(
    "rule", ["naming-table", "naming-index-idx", "table-drop-naming-convention"]
)
def test_invalid_regex_option_is_exit_2_naming_policy_line(
    run_cli, project: Path, rule: str
) -> None:
    write_migrations(project, {"1_t.sql": "CREATE TABLE t (id int PRIMARY KEY);"})
    (project / "p.yaml").write_text(f'rules:\n  {rule}: {{level: error, format: "[x"}}\n')
    result = run_cli("check", "--policy", "p.yaml", cwd=project)
    assert result.exit_code == 2
    assert "p.yaml:2: invalid options" in result.stderr
    assert "'[x' is not a valid regular expression" in result.stderr
    assert "internal error" not in result.stderr


def test_naming_templates_with_placeholders_still_load(run_cli, project: Path) -> None:
    write_migrations(project, {"1_t.sql": "CREATE TABLE t (id int PRIMARY KEY);"})
    (project / "p.yaml").write_text("extends: bytebase-prod\n")
    assert run_cli("check", "--policy", "p.yaml", cwd=project).exit_code in (0, 1)


def test_select_given_twice_uses_both(run_cli, project: Path) -> None:
    write_migrations(project, {"1_t.sql": "CREATE TABLE t (id int, name text);"})
    result = run_cli(
        "check",
        "-f",
        "json",
        "--select",
        "COLUMN_NO_NULL",
        "--select",
        "table.require-pk",
        cwd=project,
    )
    assert {rule for rule, _, _ in _findings(result)} == {"column-no-null", "table-require-pk"}


def test_new_keeps_every_line_of_the_description_a_comment(run_cli, project: Path) -> None:
    created = run_cli("new", "add users\nDROP TABLE accounts;", cwd=project)
    assert created.exit_code == 0, created.stderr
    text = (project / created.stdout.strip()).read_text()
    assert text == "-- add users\n-- DROP TABLE accounts;\n"


def test_new_drops_accents_not_letters(run_cli, project: Path) -> None:
    created = run_cli("new", "Přidat uživatele/role", cwd=project)
    assert created.stdout.strip().endswith("_pridat_uzivatele_role.sql")


def test_new_without_a_description_is_exit_2(run_cli, project: Path) -> None:
    result = run_cli("new", "  ", cwd=project)
    assert result.exit_code == 2 and "description" in result.stderr
    assert list((project / "migrations").iterdir()) == []


def test_init_in_a_project_with_migrations_adds_no_sample_migration(run_cli, project: Path) -> None:
    write_migrations(project, {"V1_1__init.sql": "CREATE TABLE t (id int PRIMARY KEY);"})
    result = run_cli("init", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in (project / "migrations").iterdir()] == ["V1_1__init.sql"]
    assert (project / "dbops.yaml").is_file()


def test_init_with_an_unknown_dialect_writes_nothing(run_cli, tmp_path: Path) -> None:
    result = run_cli("init", "--dialect", "nonsense", cwd=tmp_path)
    assert result.exit_code == 2 and "nonsense" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_init_twice_refuses_then_force_overwrites(run_cli, tmp_path: Path) -> None:
    assert run_cli("init", cwd=tmp_path).exit_code == 0
    (tmp_path / "dbops.yaml").write_text("dialect: mysql\n")
    assert run_cli("init", cwd=tmp_path).exit_code == 2
    assert (tmp_path / "dbops.yaml").read_text() == "dialect: mysql\n"
    assert run_cli("init", "--force", cwd=tmp_path).exit_code == 0
    assert "dialect: postgres" in (tmp_path / "dbops.yaml").read_text()


def test_rules_id_with_json_prints_that_rule_as_json(run_cli) -> None:
    result = run_cli("rules", "COLUMN_NO_NULL", "--json")
    assert result.exit_code == 0
    rule = json.loads(result.stdout)
    assert rule["name"] == "column-no-null" and "## What it does" in rule["doc"]


class _Untouchable(list):  # type: ignore[type-arg]
    """Earlier statements a rule must not scan (doing so for every statement is quadratic)."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        raise AssertionError("earlier statements scanned for a statement that locks nothing")

    def __reversed__(self):  # type: ignore[no-untyped-def]
        raise AssertionError("earlier statements scanned for a statement that locks nothing")


def test_require_timeout_settings_does_not_scan_earlier_statements_for_plain_dml() -> None:
    from dbops.core.migrations import read_migration
    from dbops.core.schema import SchemaModel
    from dbops.core.sql import parse_sql
    from dbops.parsing import typed_statements
    from dbops.rules.base import StatementContext
    from dbops.rules.require_timeout_settings import RequireTimeoutSettings

    sql = "INSERT INTO t (id) VALUES (1);\nINSERT INTO t (id) VALUES (2);\n"
    typed = typed_statements(parse_sql(sql, "postgres"), "postgres")
    context = StatementContext(
        statement=typed[1],
        file=read_migration("1_t.sql", "1_t.sql", sql.encode()),
        dialect="postgres",
        schema=SchemaModel(),
        previous=_Untouchable(typed[:1]),
    )
    assert list(RequireTimeoutSettings(RequireTimeoutSettings.Options()).check(context)) == []


def test_transaction_limit_still_reported_once_where_it_is_crossed() -> None:
    from dbops.rules.statement_maximum_statements_in_transaction import (
        StatementMaximumStatementsInTransaction as Rule,
    )
    from tests.rules.helpers import lines_of

    sql = "".join(f"UPDATE a SET x = 1 WHERE id = {n};\n" for n in range(1, 40))
    assert lines_of(Rule, sql, Rule.example_history) == [11]


def test_unusual_line_separators_keep_ignores_and_shown_lines_in_step(
    run_cli, project: Path
) -> None:
    sql = (
        "-- a form feed \x0c and a line separator \u2028 in a comment\n"
        "CREATE TABLE t (id int PRIMARY KEY);\n"
        "-- dbops:ignore column-no-null\n"
        "ALTER TABLE t ADD a int;\n"
        "ALTER TABLE t ADD b int;\n"
    )
    write_migrations(project, {"1_t.sql": sql})
    findings = _findings(run_cli("check", "-f", "json", cwd=project))
    assert [(rule, line) for rule, line, _ in findings if rule == "column-no-null"] == [
        ("column-no-null", 5)
    ]
    text = run_cli("check", "--no-color", cwd=project).stdout
    assert "\n5 | ALTER TABLE t ADD b int;\n" in text


def test_unknown_policy_in_dbops_yaml_names_the_key(run_cli, project: Path) -> None:
    write_migrations(project, {"1_t.sql": "SELECT 1;"})
    (project / "dbops.yaml").write_text("review:\n  policy: stirct\n")
    result = run_cli("check", cwd=project)
    assert result.exit_code == 2
    assert "dbops.yaml: 'review.policy': unknown policy 'stirct'" in result.stderr


def test_statement_span_reads_like_the_slice_it_replaces() -> None:
    from dbops.core.review import _Span

    items = tuple(range(10))
    for start, stop in [(0, 0), (0, 4), (3, 10), (9, 10)]:
        span, expected = _Span(items, start, stop), items[start:stop]  # type: ignore[arg-type]
        assert list(span) == list(expected) and list(reversed(span)) == list(expected[::-1])
        assert len(span) == len(expected) and bool(span) == bool(expected)
        assert [span[i] for i in range(-len(expected), len(expected))] == list(expected * 2)
        assert tuple(span[1:]) == expected[1:]
        with pytest.raises(IndexError):
            span[len(expected)]
