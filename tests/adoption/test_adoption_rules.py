"""What import-history and baseline refuse: a target with dbops history (unless --force), a
tool's history that says something is wrong or unknown, failed gates, a database not at the
baseline version."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.adoption.conftest import execute
from tests.adoption.test_import_history import (
    applied_by_the_other_tool,
    configure,
    history_rows,
    target_json,
)
from tests.layouts.samples import sample, write

URL = "sqlite:///target.db"


def golang_project(run_cli: Any, root: Path) -> None:
    files = applied_by_the_other_tool(run_cli, root, URL, "golang-migrate")
    execute(URL, root, history_rows("golang-migrate", "sqlite", files))
    write(root / "db", files)
    configure(root, URL)


def test_a_target_with_dbops_history_is_refused_unless_forced(run_cli: Any, tmp_path: Path) -> None:
    golang_project(run_cli, tmp_path)
    assert run_cli("baseline", "--env", "test", "--version", "1", cwd=tmp_path).exit_code == 0
    refused = run_cli("import-history", "--from", "golang-migrate", "--env", "test", cwd=tmp_path)
    assert refused.exit_code == 2
    assert "already has dbops history" in refused.stderr and "--force" in refused.stderr
    assert target_json(run_cli, tmp_path, "status")["applied"] == 1

    forced = run_cli(
        "import-history", "--from", "golang-migrate", "--env", "test", "--force", cwd=tmp_path
    )
    assert forced.exit_code == 0, forced.stderr
    assert "recorded 1 migration(s)" in forced.stdout and "(000002)" in forced.stdout
    rows = target_json(run_cli, tmp_path, "status")["history"]
    assert [(row["version"], row["status"]) for row in rows] == [
        ("000001", "baseline"),
        ("000002", "applied"),
    ]


def test_a_dirty_golang_migrate_version_stops_the_import(run_cli: Any, tmp_path: Path) -> None:
    golang_project(run_cli, tmp_path)
    execute(URL, tmp_path, ["UPDATE schema_migrations SET dirty = 1"])
    result = run_cli("import-history", "--from", "golang-migrate", "--env", "test", cwd=tmp_path)
    assert result.exit_code == 2
    assert "dirty" in result.stderr and "migrate force 2" in result.stderr
    assert target_json(run_cli, tmp_path, "status")["history"] == []


def test_an_applied_version_missing_from_the_folder_stops_the_import(
    run_cli: Any, tmp_path: Path
) -> None:
    golang_project(run_cli, tmp_path)
    execute(URL, tmp_path, ["UPDATE schema_migrations SET version = 7"])
    result = run_cli("import-history", "--from", "golang-migrate", "--env", "test", cwd=tmp_path)
    assert result.exit_code == 2 and "version 7" in result.stderr
    missing = run_cli("import-history", "--from", "flyway", "--env", "test", cwd=tmp_path)
    assert missing.exit_code == 2 and "no flyway_schema_history table" in missing.stderr


def test_a_flyway_file_changed_since_it_ran_shows_as_drift(run_cli: Any, tmp_path: Path) -> None:
    files = applied_by_the_other_tool(run_cli, tmp_path, URL, "flyway")
    execute(URL, tmp_path, history_rows("flyway", "sqlite", files))
    files["V1_1__create_orders.sql"] += "-- edited after Flyway ran it\n"
    write(tmp_path / "db", files)
    configure(tmp_path, URL)
    assert (
        run_cli("import-history", "--from", "flyway", "--env", "test", cwd=tmp_path).exit_code == 0
    )
    plan = run_cli("plan", "--env", "test", "--format", "json", cwd=tmp_path)
    (target,) = json.loads(plan.stdout)["targets"]
    assert [(d["kind"], d["version"]) for d in target["drift"]] == [("checksum", "1.1")]


def test_import_and_baseline_pass_the_rollout_gates(run_cli: Any, tmp_path: Path) -> None:
    golang_project(run_cli, tmp_path)
    environments = {
        "test": {"targets": [{"name": "t1", "url": "sqlite:///empty-test.db"}]},
        "prod": {"requires": ["test"], "targets": [{"name": "p1", "url": URL}]},
    }
    configure(tmp_path, URL, environments)
    for command in (
        ["import-history", "--from", "golang-migrate"],
        ["baseline", "--version", "2"],
    ):
        result = run_cli(*command, "--env", "prod", cwd=tmp_path)
        assert result.exit_code == 3, result.stdout + result.stderr
        assert "requires test" in result.stdout and "nothing was recorded" in result.stdout
    pipelines = {"BITBUCKET_BUILD_NUMBER": "3", "BITBUCKET_DEPLOYMENT_ENVIRONMENT": "staging"}
    configure(tmp_path, URL, {"prod": {"targets": [{"name": "p1", "url": URL}]}})
    outside = run_cli("baseline", "--version", "2", "--env", "prod", cwd=tmp_path, env=pipelines)
    assert outside.exit_code == 3 and "pipelines deployment" in outside.stdout
    assert target_json_env(run_cli, tmp_path)["history"] == []


def target_json_env(run_cli: Any, root: Path) -> dict[str, Any]:
    result = run_cli("status", "--env", "prod", "--format", "json", cwd=root)
    (target,) = json.loads(result.stdout)["targets"]
    return dict(target)


def test_baseline_records_up_to_the_version_after_checking_the_tables(
    run_cli: Any, tmp_path: Path
) -> None:
    files = sample("golang-migrate")
    write(tmp_path / "db", files)
    configure(tmp_path, URL)
    empty = run_cli("baseline", "--env", "test", "--version", "2", cwd=tmp_path)
    assert empty.exit_code == 2
    assert "table orders, table users" in empty.stderr and "not at version 2" in empty.stderr
    unknown = run_cli("baseline", "--env", "test", "--version", "9", cwd=tmp_path)
    assert unknown.exit_code == 2 and "known: 000001, 000002, 000003" in unknown.stderr
    assert target_json(run_cli, tmp_path, "status")["history"] == []
