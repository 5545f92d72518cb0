"""A migration that manages its own transaction (BEGIN/COMMIT in the file).

Where dbops runs a file inside its own transaction (PostgreSQL, SQLite), the file's COMMIT
would end it early: a failure after it would leave part of the file applied with no history
row. Such a file is refused before anything of the plan runs, unless it says
`-- dbops:no-transaction` (then it runs as written, recorded `running` first)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.rollout.conftest import make_project, one_target, query

FIRST = {"001_create_items.sql": "CREATE TABLE items (id INTEGER PRIMARY KEY);\n"}
OWN_TRANSACTION = (
    "INSERT INTO items (id) VALUES (1);\n"
    "BEGIN;\n"
    "INSERT INTO items (id) VALUES (2);\n"
    "COMMIT;\n"
    "INSERT INTO no_such_table VALUES (1);\n"
)


def _history(url: str, root: Path) -> list[tuple[object, ...]]:
    return query(url, root, "SELECT version, status FROM dbops_schema_history ORDER BY rank_id")


def test_a_file_with_its_own_commit_is_refused_before_anything_runs(
    run_cli, tmp_path: Path, engine_url: str
) -> None:
    files = {**FIRST, "002_fill_dml.sql": OWN_TRANSACTION}
    root = make_project(tmp_path, one_target(engine_url), files)

    result = run_cli("rollout", "--env", "test", "--format", "json", cwd=root)

    assert result.exit_code == 1
    target = json.loads(result.stdout)["targets"][0]
    if engine_url.startswith("mysql"):
        # DDL commits implicitly anyway: recorded `running` first, the failure is recorded.
        assert _history(engine_url, root) == [("001", "applied"), ("002", "failed")]
        return
    assert target["errors"] and "002_fill_dml.sql:2: `BEGIN`" in target["errors"][0]
    assert "dbops:no-transaction" in target["errors"][0]
    assert target["applied"] == []
    assert _history(engine_url, root) == []  # not even 001: nothing of the plan ran
    assert query(engine_url, root, "SELECT COUNT(*) FROM dbops_schema_history") == [(0,)]


def test_with_no_transaction_the_file_runs_as_written_and_a_failure_blocks(
    run_cli, tmp_path: Path, engine_url: str
) -> None:
    files = {**FIRST, "002_fill_dml.sql": "-- dbops:no-transaction\n" + OWN_TRANSACTION}
    root = make_project(tmp_path, one_target(engine_url), files)

    result = run_cli("rollout", "--env", "test", cwd=root)

    assert result.exit_code == 1
    assert _history(engine_url, root) == [("001", "applied"), ("002", "failed")]
    assert query(engine_url, root, "SELECT COUNT(*) FROM items") == [(2,)]
    blocked = run_cli("rollout", "--env", "test", cwd=root)
    assert blocked.exit_code == 1
    assert "dbops repair" in blocked.stdout


def test_history_written_by_another_rollout_during_a_no_transaction_file_stops_the_rollout(
    run_cli, tmp_path: Path
) -> None:
    # SQLite's lock is a transaction, so a no-transaction file runs without it; here the file
    # itself plays the other rollout that took the lock meanwhile and applied version 003.
    other = (
        "-- dbops:no-transaction\n"
        "INSERT INTO dbops_schema_history (version, description, file, checksum, change_type, "
        "release_id, operation, status, started_at, applied_by) VALUES ('003', 'c', "
        "'003_create_c.sql', 'sha256:x', 'ddl', 'other', 'migrate', 'applied', 'now', 'other');\n"
    )
    files = {
        **FIRST,
        "002_meanwhile.sql": other,
        "003_create_c.sql": "CREATE TABLE c (id INTEGER PRIMARY KEY);\n",
    }
    root = make_project(tmp_path, one_target("sqlite:///t.db"), files)

    result = run_cli("rollout", "--env", "test", "--format", "json", cwd=root)

    assert result.exit_code == 1
    target = json.loads(result.stdout)["targets"][0]
    assert [item["version"] for item in target["applied"]] == ["001", "002"]
    assert "history changed while 002_meanwhile.sql ran" in target["errors"][0]
    versions = [row[0] for row in _history("sqlite:///t.db", root)]
    assert versions == ["001", "002", "003"]  # 003 was not applied a second time
