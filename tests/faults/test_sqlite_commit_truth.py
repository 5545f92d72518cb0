"""SQLite: the summary, JSON and exit code say applied only what the database has after the
commit, read back, even when the engine rolls back the whole transaction itself."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.rollout.conftest import make_project, one_target

FIRST = "CREATE TABLE t (id INTEGER PRIMARY KEY);\nINSERT INTO t VALUES (1);\n"


def _tables(root: Path) -> set[str]:
    connection = sqlite3.connect(root / "target.db")
    try:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()


def _applied_in_history(root: Path) -> list[str]:
    connection = sqlite3.connect(root / "target.db")
    try:
        rows = connection.execute(
            "SELECT version FROM dbops_schema_history WHERE status = 'applied'"
        ).fetchall()
    except sqlite3.OperationalError:  # not even the history table was committed
        return []
    finally:
        connection.close()
    return [row[0] for row in rows]


def _rollout_json(run_cli, root: Path) -> tuple[int, dict[str, object]]:
    result = run_cli("rollout", "--env", "test", "--format", "json", cwd=root)
    return result.exit_code, json.loads(result.stdout)


def test_insert_or_rollback_undoes_the_earlier_migrations_and_the_summary_says_so(
    tmp_path: Path, run_cli
) -> None:
    second = "INSERT OR ROLLBACK INTO t VALUES (1);\n"  # a duplicate: SQLite ends the transaction
    make_project(tmp_path, one_target("sqlite:///target.db"), {"1_t.sql": FIRST, "2_r.sql": second})
    code, report = _rollout_json(run_cli, tmp_path)
    target = report["targets"][0]  # type: ignore[index]
    assert code == 1
    assert target["migrations"] == 0, target
    assert "t" not in _tables(tmp_path) and _applied_in_history(tmp_path) == []
    text = json.dumps(target)
    assert "not in the database" in text and "1_t.sql" in text


def test_a_failed_final_commit_claims_nothing(tmp_path: Path, run_cli) -> None:
    """A reader holding its shared lock past the rollout's lock_timeout makes COMMIT fail."""
    (tmp_path / "target.db").touch()
    reader = sqlite3.connect(tmp_path / "target.db", isolation_level=None)
    reader.execute("CREATE TABLE other (x)")
    reader.execute("BEGIN")
    reader.execute("SELECT * FROM other").fetchall()  # holds SHARED until ROLLBACK
    try:
        environments = one_target("sqlite:///target.db", lock_timeout=1)
        make_project(tmp_path, environments, {"1_t.sql": FIRST})
        code, report = _rollout_json(run_cli, tmp_path)
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    target = report["targets"][0]  # type: ignore[index]
    assert code == 1 and target["migrations"] == 0, target
    assert "COMMIT failed" in json.dumps(target)
    assert "t" not in _tables(tmp_path) and _applied_in_history(tmp_path) == []


def test_disk_full_mid_rollout_keeps_what_committed_and_claims_no_more(
    tmp_path: Path, run_cli
) -> None:
    """SQLite's own max_page_count stands in for a full disk."""
    fill = (
        "PRAGMA max_page_count = 8;\n"
        "CREATE TABLE big AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r "
        "WHERE x < 20000) SELECT x, hex(randomblob(100)) AS pad FROM r;\n"
    )
    make_project(tmp_path, one_target("sqlite:///target.db"), {"1_t.sql": FIRST, "2_big.sql": fill})
    code, report = _rollout_json(run_cli, tmp_path)
    target = report["targets"][0]  # type: ignore[index]
    assert code == 1
    assert "full" in json.dumps(target)
    assert target["migrations"] == len(_applied_in_history(tmp_path))
    assert "big" not in _tables(tmp_path)
