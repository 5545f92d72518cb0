from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import write_migrations


def test_check_reports_not_null_with_file_and_line(run_cli, project: Path) -> None:
    write_migrations(
        project, {"1_t.sql": "CREATE TABLE t (\n  id bigint PRIMARY KEY,\n  name text\n);\n"}
    )
    result = run_cli("check", "--format", "json", cwd=project)
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    (finding,) = report["findings"]
    assert finding["rule"] == "column-no-null"
    assert (finding["file"], finding["line"]) == ("migrations/1_t.sql", 3)
    assert report["summary"] == {
        "errors": 1,
        "warnings": 0,
        "files": 1,
        "statements": 1,
        "policy": "default",
        "dialect": "postgres",
        "target": {"engine": "postgres", "version": "18", "stated": False},
    }


def test_fail_on_never_exits_zero(run_cli, project: Path) -> None:
    write_migrations(project, {"1_t.sql": "CREATE TABLE t (id bigint PRIMARY KEY, name text);"})
    (project / "dbops.yaml").write_text("review:\n  fail_on: never\n")
    assert run_cli("check", cwd=project).exit_code == 0


def test_syntax_error_is_a_finding_not_a_crash(run_cli, project: Path) -> None:
    write_migrations(project, {"1_t.sql": "SELECT 1;\n\nCREAT TABLE t (id int);\n"})
    result = run_cli("check", "--format", "json", cwd=project)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("syntax-error", 3)]
    assert result.exit_code == 1


def test_unversioned_file_is_exit_2_naming_the_file(run_cli, project: Path) -> None:
    write_migrations(project, {"create_users.sql": "SELECT 1;"})
    result = run_cli("check", cwd=project)
    assert result.exit_code == 2
    assert "migrations/create_users.sql" in result.stderr
    assert "Traceback" not in result.stderr


def test_duplicate_versions_are_exit_2(run_cli, project: Path) -> None:
    write_migrations(project, {"1_a.sql": "SELECT 1;", "V1__b.sql": "SELECT 1;"})
    result = run_cli("check", cwd=project)
    assert result.exit_code == 2
    assert "version 1" in result.stderr and "1_a.sql" in result.stderr


def test_non_utf8_file_is_exit_2(run_cli, project: Path) -> None:
    (project / "migrations" / "1_a.sql").write_bytes(b"SELECT 1;\n-- caf\xe9\n")
    result = run_cli("check", cwd=project)
    assert result.exit_code == 2
    assert "migrations/1_a.sql:2" in result.stderr and "UTF-8" in result.stderr


def test_broken_yaml_is_exit_2_with_line(run_cli, project: Path) -> None:
    (project / "dbops.yaml").write_text("review:\n  policy: [default\n")
    result = run_cli("check", cwd=project)
    assert result.exit_code == 2
    assert "dbops.yaml" in result.stderr and "line" in result.stderr


def test_unknown_config_key_names_key_and_line(run_cli, project: Path) -> None:
    (project / "dbops.yaml").write_text("dialect: postgres\nreview:\n  polcy: strict\n")
    result = run_cli("check", cwd=project)
    assert result.exit_code == 2
    assert "line 3" in result.stderr and "review.polcy" in result.stderr


def test_unknown_policy_rule_names_file_and_line(run_cli, project: Path) -> None:
    (project / "policy.yaml").write_text(
        "rules:\n  column-no-null: warning\n  no-such-rule: error\n"
    )
    result = run_cli("check", "--policy", "policy.yaml", cwd=project)
    assert result.exit_code == 2
    assert "policy.yaml:3" in result.stderr and "no-such-rule" in result.stderr


def test_select_unknown_rule_is_exit_2(run_cli, project: Path) -> None:
    assert run_cli("check", "--select", "nope", cwd=project).exit_code == 2


def test_select_enables_only_named_rules(run_cli, project: Path) -> None:
    write_migrations(project, {"1_t.sql": "CREATE TABLE t (name text);\nDELETE FROM t;\n"})
    result = run_cli("check", "--format", "json", "--select", "COLUMN_NO_NULL", cwd=project)
    assert {f["rule"] for f in json.loads(result.stdout)["findings"]} == {"column-no-null"}


def test_ignore_directive_suppresses_and_unused_ignore_is_reported(run_cli, project: Path) -> None:
    write_migrations(
        project,
        {
            "1_t.sql": (
                "-- dbops:ignore column-no-null\n"
                "CREATE TABLE t (id bigint PRIMARY KEY, name text);\n"
                "-- dbops:ignore table-require-pk\n"
                "CREATE TABLE u (id bigint PRIMARY KEY);\n"
            )
        },
    )
    findings = json.loads(run_cli("check", "--format", "json", cwd=project).stdout)["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("unused-ignore", 3)]


def test_no_config_at_all_uses_defaults(run_cli, project: Path) -> None:
    write_migrations(project, {"1_t.sql": "CREATE TABLE t (id bigint PRIMARY KEY);"})
    result = run_cli("check", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert "0 error(s)" in result.stdout


def test_env_interpolation_in_config(run_cli, project: Path) -> None:
    write_migrations(project, {"1_t.sql": "CREATE TABLE t (id bigint PRIMARY KEY, name text);"})
    (project / "dbops.yaml").write_text("review:\n  fail_on: ${FAIL_ON:-error}\n")
    assert run_cli("check", cwd=project).exit_code == 1
    assert run_cli("check", cwd=project, env={"FAIL_ON": "never"}).exit_code == 0


def test_config_schema_is_json_schema(run_cli, project: Path) -> None:
    result = run_cli("config", "schema", cwd=project)
    schema = json.loads(result.stdout)
    assert "environments" in schema["properties"]
    assert schema["additionalProperties"] is False


def test_a_rule_that_raises_is_an_internal_error_finding_and_exit_2(
    run_cli, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dbops.rules.ban_drop_table import BanDropTable

    def broken(self: object, context: object) -> Iterator[object]:
        raise KeyError("boom")

    monkeypatch.setattr(BanDropTable, "check", broken)
    write_migrations(
        project, {"1_t.sql": "CREATE TABLE t (id bigint PRIMARY KEY);\nDROP TABLE t;\n"}
    )
    result = run_cli("check", "--format", "json", cwd=project)
    assert result.exit_code == 2
    report = json.loads(result.stdout)  # the report is still written
    internal = [f for f in report["findings"] if f["rule"] == "internal-error"]
    assert internal and all("rule 'ban-drop-table' failed" in f["message"] for f in internal)
    assert "internal error(s)" in result.stderr and "Traceback" not in result.stderr
