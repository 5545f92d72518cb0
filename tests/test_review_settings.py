"""Which review settings apply: --env E's policy and server version without a server, the
target server version from the command line or dbops.yaml, and `--dialect mariadb`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import write_migrations

CONFIG = """\
dialect: postgres
review: {policy: default, server_version: 15}
environments:
  test: {targets: [{name: t, url: "sqlite:///t.db"}]}
  prod:
    targets: [{name: p, url: "sqlite:///p.db"}]
    review: {policy: strict, server_version: "13"}
"""
# A warning under `default`, an error under `strict`.
MIGRATIONS = {"1_t.sql": "CREATE TABLE t (id bigint PRIMARY KEY);\n", "2_d.sql": "DROP TABLE t;\n"}


def _project(project: Path) -> Path:
    (project / "dbops.yaml").write_text(CONFIG, encoding="utf-8")
    write_migrations(project, MIGRATIONS)
    return project


def test_env_applies_that_environments_policy_without_a_server(run_cli, project: Path) -> None:
    _project(project)
    default = json.loads(run_cli("check", "--format", "json", cwd=project).stdout)
    prod = json.loads(run_cli("check", "--format", "json", "--env", "prod", cwd=project).stdout)
    assert default["summary"]["policy"] == "default"
    assert prod["summary"]["policy"] == "strict"
    assert {f["level"] for f in default["findings"] if f["rule"] == "ban-drop-table"} == {"warning"}
    assert {f["level"] for f in prod["findings"] if f["rule"] == "ban-drop-table"} == {"error"}


def test_target_version_from_config_environment_and_command_line(run_cli, project: Path) -> None:
    _project(project)

    def target(*args: str) -> dict[str, object]:
        report = run_cli("check", "--format", "json", *args, cwd=project).stdout
        return dict(json.loads(report)["summary"]["target"])

    assert target() == {"engine": "postgres", "version": "15", "stated": True}
    assert target("--env", "prod")["version"] == "13"
    assert target("--env", "prod", "--server-version", "16.2")["version"] == "16.2"


def test_a_version_that_is_not_one_is_exit_2_naming_where(run_cli, project: Path) -> None:
    _project(project)
    result = run_cli("check", "--server-version", "fifteen", cwd=project)
    assert result.exit_code == 2
    assert "--server-version: 'fifteen' is not a server version" in result.stderr
    (project / "dbops.yaml").write_text(
        CONFIG.replace("server_version: 15", "server_version: latest"), encoding="utf-8"
    )
    result = run_cli("check", cwd=project)
    assert result.exit_code == 2 and "'review.server_version'" in result.stderr


def test_an_unknown_environment_is_exit_2(run_cli, project: Path) -> None:
    _project(project)
    result = run_cli("check", "--env", "staging", cwd=project)
    assert result.exit_code == 2 and "staging" in result.stderr


def test_dialect_mariadb_parses_as_mysql_and_judges_mariadb(run_cli, project: Path) -> None:
    write_migrations(project, {"1_t.sql": "CREATE TABLE t (id bigint PRIMARY KEY);\n"})
    result = run_cli("check", "--format", "json", "--dialect", "mariadb", cwd=project)
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert summary["dialect"] == "mysql"
    assert summary["target"] == {"engine": "mariadb", "version": "11.8", "stated": False}


def test_every_environment_is_judged_under_its_own_settings(
    run_cli, project: Path, monkeypatch
) -> None:
    """The PR comment shows prod's verdict before the merge: one review per distinct (policy,
    server version), whatever --policy the command line gave for the check itself."""
    from dbops.commands import check

    _project(project)
    reviews: list[str] = []
    real_review = check.review

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        reviews.append(args[1].name)
        return real_review(*args, **kwargs)

    monkeypatch.setattr(check, "review", counted)
    body = run_cli(
        "check", "--no-cache", "--format", "markdown", "--policy", "strict", cwd=project
    ).stdout
    # strict (the command line's), then default for test, strict with server 13 for prod.
    assert reviews == ["strict", "default", "strict"]
    assert "**test**: passes with 4 warnings" in body
    assert "**prod**: blocked by policy strict: 2 errors" in body
    assert (
        "| prod | ❌ blocked by policy strict: 2 errors | strict | error | PostgreSQL 13 |" in body
    )
    reviews.clear()
    run_cli("check", "--no-cache", "--format", "json", cwd=project)
    assert reviews == ["default"]  # other formats judge only the settings in force
