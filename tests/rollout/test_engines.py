"""The embedded engine against real SQLite, PostgreSQL and MariaDB: apply, re-run, failure,
repair, rollback."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CliResult
from tests.rollout.conftest import make_project, one_target, query

MIGRATIONS = {
    "001_create_items.sql": (
        "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);\n"
    ),
    "002_add_items_dml.sql": (
        "INSERT INTO items (id, name) VALUES (1, 'a');\n"
        "INSERT INTO items (id, name) VALUES (2, 'b');\n"
    ),
    "002_add_items_dml.down.sql": "DELETE FROM items WHERE id IN (1, 2);\n",
    "003_create_notes.sql": "CREATE TABLE notes (body VARCHAR(20));\n",
    "003_create_notes.down.sql": "DROP TABLE notes;\n",
}


def rollout_json(run_cli, root: Path, *args: str) -> tuple[CliResult, dict]:
    result = run_cli("rollout", "--env", "test", "--format", "json", *args, cwd=root)
    return result, json.loads(result.stdout)


def history(url: str, root: Path) -> list[tuple[object, ...]]:
    return query(
        url,
        root,
        "SELECT version, operation, status, checksum FROM dbops_schema_history ORDER BY rank_id",
    )


def test_applies_in_order_then_rerun_is_a_no_op(run_cli, tmp_path: Path, engine_url: str) -> None:
    root = make_project(tmp_path, one_target(engine_url), MIGRATIONS)

    first, document = rollout_json(run_cli, root)

    assert first.exit_code == 0, first.stderr
    target = document["targets"][0]
    assert [item["version"] for item in target["applied"]] == ["001", "002", "003"]
    assert (target["statements"], target["rows_affected"]) == (4, 2)
    rows = history(engine_url, root)
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("001", "migrate", "applied"),
        ("002", "migrate", "applied"),
        ("003", "migrate", "applied"),
    ]
    assert all(str(row[3]).startswith("sha256:") for row in rows)

    again, document = rollout_json(run_cli, root)

    assert again.exit_code == 0, again.stderr
    assert document["targets"][0]["status"] == "up to date"
    assert document["targets"][0]["applied"] == []
    assert len(history(engine_url, root)) == 3


def test_a_failing_migration_stops_its_target(run_cli, tmp_path: Path, engine_url: str) -> None:
    broken = dict(MIGRATIONS)
    broken["002_add_items_dml.sql"] = (
        "INSERT INTO items (id, name) VALUES (1, 'a');\nINSERT INTO no_such_table VALUES (1);\n"
    )
    root = make_project(tmp_path, one_target(engine_url), broken)

    result, document = rollout_json(run_cli, root)

    assert result.exit_code == 1
    target = document["targets"][0]
    assert [item["version"] for item in target["applied"]] == ["001"]
    assert target["failed"][0]["version"] == "002"
    assert "no_such_table" in target["failed"][0]["statement"]
    assert query(engine_url, root, "SELECT COUNT(*) FROM items") == [(0,)]  # rolled back
    statuses = [(row[0], row[2]) for row in history(engine_url, root)]
    transactional = not engine_url.startswith("mysql")
    if transactional:
        # The failed migration and its row were rolled back together: fix the file, run again.
        assert statuses == [("001", "applied")]
    else:
        assert statuses == [("001", "applied"), ("002", "failed")]
        stuck = run_cli("rollout", "--env", "test", cwd=root)
        assert stuck.exit_code == 1
        assert "dbops repair" in stuck.stdout + stuck.stderr
        repaired = run_cli("repair", "--env", "test", "--target", "t1", cwd=root)
        assert repaired.exit_code == 0, repaired.stderr
        assert "now cleared" in repaired.stdout

    (root / "migrations" / "002_add_items_dml.sql").write_text(MIGRATIONS["002_add_items_dml.sql"])
    fixed, document = rollout_json(run_cli, root)

    assert fixed.exit_code == 0, fixed.stderr
    assert [item["version"] for item in document["targets"][0]["applied"]] == ["002", "003"]
    assert query(engine_url, root, "SELECT COUNT(*) FROM items") == [(2,)]


def test_rollback_runs_down_files_newest_first(run_cli, tmp_path: Path, engine_url: str) -> None:
    root = make_project(tmp_path, one_target(engine_url), MIGRATIONS)
    assert run_cli("rollout", "--env", "test", cwd=root).exit_code == 0

    result = run_cli("rollback", "--env", "test", "--to", "1", "--format", "json", cwd=root)

    assert result.exit_code == 0, result.stderr
    done = json.loads(result.stdout)["targets"][0]["applied"]
    assert [item["version"] for item in done] == ["003", "002"]
    assert query(engine_url, root, "SELECT COUNT(*) FROM items") == [(0,)]
    assert [(row[0], row[1]) for row in history(engine_url, root)][-2:] == [
        ("003", "rollback"),
        ("002", "rollback"),
    ]
    # Rolled-back versions are pending again, and apply again.
    again, document = rollout_json(run_cli, root)
    assert again.exit_code == 0, again.stderr
    assert [item["version"] for item in document["targets"][0]["applied"]] == ["002", "003"]


def test_rollback_refuses_without_a_down_file(run_cli, tmp_path: Path, engine_url: str) -> None:
    files = {k: v for k, v in MIGRATIONS.items() if k != "002_add_items_dml.down.sql"}
    root = make_project(tmp_path, one_target(engine_url), files)
    assert run_cli("rollout", "--env", "test", cwd=root).exit_code == 0

    result = run_cli("rollback", "--env", "test", "--to", "1", cwd=root)

    assert result.exit_code == 2
    assert "002_add_items_dml.down.sql" in result.stderr
    assert [row[1] for row in history(engine_url, root)] == ["migrate"] * 3  # nothing ran
