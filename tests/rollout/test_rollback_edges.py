"""Rollback edges: `--to` a version no migration has, `--to` newer than applied, and a down
file that fails halfway."""

from __future__ import annotations

import json
from pathlib import Path

from tests.rollout.conftest import make_project, one_target, query

FILES = {
    "001_create_a.sql": "CREATE TABLE a (id INTEGER PRIMARY KEY);\n",
    "001_create_a.down.sql": "DROP TABLE a;\n",
    "002_create_b.sql": "CREATE TABLE b (id INTEGER PRIMARY KEY);\n",
    "002_create_b.down.sql": "DROP TABLE b;\n",
}


def _operations(url: str, root: Path) -> list[tuple[object, ...]]:
    sql = "SELECT version, operation, status FROM dbops_schema_history ORDER BY rank_id"
    return query(url, root, sql)


def test_to_must_name_a_migration_or_zero(run_cli, tmp_path: Path) -> None:
    root = make_project(tmp_path, one_target("sqlite:///t.db"), FILES)
    assert run_cli("rollout", "--env", "test", cwd=root).exit_code == 0

    typo = run_cli("rollback", "--env", "test", "--to", "1.5", cwd=root)
    newer = run_cli("rollback", "--env", "test", "--to", "002", "--format", "json", cwd=root)

    assert typo.exit_code == 2
    assert "--to 1.5: no migration has this version" in typo.stderr
    assert newer.exit_code == 0, newer.stderr
    assert json.loads(newer.stdout)["targets"][0]["status"] == "up to date"
    assert [row[1] for row in _operations("sqlite:///t.db", root)] == ["migrate", "migrate"]
    everything = run_cli("rollback", "--env", "test", "--to", "0", cwd=root)
    assert everything.exit_code == 0, everything.stdout
    assert [row[:2] for row in _operations("sqlite:///t.db", root)][-2:] == [
        ("002", "rollback"),
        ("001", "rollback"),
    ]


def test_a_down_file_failing_halfway(run_cli, tmp_path: Path, engine_url: str) -> None:
    files = {**FILES, "002_create_b.down.sql": "DROP TABLE b;\nDROP TABLE no_such_table;\n"}
    root = make_project(tmp_path, one_target(engine_url), files)
    assert run_cli("rollout", "--env", "test", cwd=root).exit_code == 0

    failed = run_cli("rollback", "--env", "test", "--to", "1", cwd=root)

    assert failed.exit_code == 1
    assert "no_such_table" in failed.stdout
    operations = _operations(engine_url, root)
    if not engine_url.startswith("mysql"):  # rolled back with its row: as if never run
        assert operations == [("001", "migrate", "applied"), ("002", "migrate", "applied")]
        assert run_cli("rollout", "--env", "test", cwd=root).exit_code == 0
        return
    assert operations[-1] == ("002", "rollback", "failed")
    assert run_cli("rollout", "--env", "test", cwd=root).exit_code == 1  # blocked
    repaired = run_cli("repair", "--env", "test", "--target", "t1", "--applied", cwd=root)
    assert repaired.exit_code == 0, repaired.stderr
    # Recorded as rolled back (the fix completed it): the next rollout applies 002 again.
    again = run_cli("rollout", "--env", "test", "--format", "json", cwd=root)
    assert again.exit_code == 0, again.stdout
    assert [item["version"] for item in json.loads(again.stdout)["targets"][0]["applied"]] == [
        "002"
    ]
