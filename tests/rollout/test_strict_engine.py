"""plan/rollout/rollback warn when a target's engine is not the review dialect's, and refuse
(exit 2, nothing run) with --strict-engine or `strict_engine: true`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests.rollout.conftest import make_project, one_target

TABLE = {"001_t.sql": "CREATE TABLE t (id bigint PRIMARY KEY);\n"}


def test_postgres_migrations_into_sqlite_warn_then_apply(run_cli: Any, tmp_path: Path) -> None:
    make_project(tmp_path, one_target("sqlite:///target.db"), TABLE, dialect="postgres")
    plan = run_cli("plan", "--env", "test", cwd=tmp_path)
    assert plan.exit_code == 0, plan.stderr
    assert "warning: target 't1'" in plan.stderr and "is SQLite" in plan.stderr
    assert "'postgres'" in plan.stderr
    rollout = run_cli("rollout", "--env", "test", cwd=tmp_path)
    assert rollout.exit_code == 0, rollout.stderr
    assert rollout.stderr.index("warning: target 't1'") < rollout.stderr.index("001")
    assert (tmp_path / "target.db").is_file()


def test_strict_engine_refuses_before_anything_runs(run_cli: Any, tmp_path: Path) -> None:
    make_project(tmp_path, one_target("sqlite:///target.db"), TABLE, dialect="postgres")
    for command in (["plan"], ["rollout"], ["rollout", "--dry-run"], ["rollback", "--to", "0"]):
        result = run_cli(*command, "--env", "test", "--strict-engine", cwd=tmp_path)
        assert result.exit_code == 2, (command, result.stderr)
        assert "--strict-engine" in result.stderr and "is SQLite" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "target.db").exists()


def test_the_config_key_is_strict_too(run_cli: Any, tmp_path: Path) -> None:
    make_project(tmp_path, one_target("sqlite:///target.db"), TABLE, dialect="mysql")
    config = yaml.safe_load((tmp_path / "dbops.yaml").read_text())
    config["strict_engine"] = True
    (tmp_path / "dbops.yaml").write_text(yaml.safe_dump(config))
    result = run_cli("rollout", "--env", "test", cwd=tmp_path)
    assert result.exit_code == 2
    assert "strict_engine: true in dbops.yaml" in result.stderr
    assert not (tmp_path / "target.db").exists()


def test_a_matching_engine_says_nothing(run_cli: Any, tmp_path: Path, fresh_postgres: str) -> None:
    make_project(tmp_path, one_target(fresh_postgres), TABLE, dialect="postgres")
    result = run_cli(
        "rollout", "--env", "test", "--strict-engine", "--format", "json", cwd=tmp_path
    )
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr
    assert json.loads(result.stdout)["targets"][0]["target"] == "t1"


def test_mariadb_dialect_matches_a_mysql_url(run_cli: Any, tmp_path: Path) -> None:
    make_project(tmp_path, one_target("mysql://root@127.0.0.1:1/x"), TABLE, dialect="mariadb")
    from dbops.adapters.config_file import load_project
    from dbops.commands.engine_check import engine_mismatches
    from dbops.commands.release import resolve_targets

    project = load_project(None, tmp_path)
    targets = resolve_targets("test", project.config.environment("test"))
    assert engine_mismatches("mariadb", targets) == []
    assert engine_mismatches("postgres", targets) != []
