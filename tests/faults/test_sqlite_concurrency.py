"""SQLite: rollouts with `-- dbops:no-transaction` files wait their turn and find nothing left
to do; meanwhile `status` says the migration is running now (not interrupted) and `repair`
refuses."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.rollout.conftest import dbops_process, make_project, one_target
from tests.rollout.test_faults import CREATE, applied_rows, wait_for_line

# A no-transaction file that runs for a few seconds (a recursive count, no lock to wait on).
SPIN = (
    "-- dbops:no-transaction\n"
    "UPDATE knob SET n = n + 1 WHERE (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
    "SELECT x + 1 FROM c WHERE x < (SELECT spin FROM knob)) SELECT COUNT(*) FROM c) > 0;\n"
)


def test_concurrent_no_transaction_rollouts_wait_and_find_nothing_to_do(
    tmp_path: Path, run_cli
) -> None:
    url = "sqlite:///target.db"
    files = {"001_items.sql": CREATE, "002_spin.sql": SPIN, "003_more.sql": "SELECT 1;\n"}
    root = make_project(tmp_path, one_target(url, lock_timeout=120), files)
    connection = sqlite3.connect(root / "target.db")
    connection.execute("CREATE TABLE knob (n INTEGER NOT NULL, spin BIGINT NOT NULL)")
    connection.execute("INSERT INTO knob VALUES (0, 25000000)")
    connection.commit()
    connection.close()

    first = dbops_process(root, "rollout", "--env", "test", "--format", "json")
    wait_for_line(first, "migrate 002")
    others = [dbops_process(root, "rollout", "--env", "test", "--format", "json") for _ in range(2)]
    status = run_cli("status", "--env", "test", cwd=root)
    repair = run_cli("repair", "--env", "test", "--target", "t1", cwd=root)
    _first_out, first_err = first.communicate(timeout=120)
    outputs = [process.communicate(timeout=120) for process in others]

    assert first.returncode == 0, first_err
    spoken = status.stdout + status.stderr
    assert "running now" in spoken and "interrupted" not in spoken, spoken
    assert repair.exit_code != 0 and "refuses" in repair.stderr, repair.stdout + repair.stderr
    for (out, err), process in zip(outputs, others, strict=True):
        assert process.returncode == 0, err
        assert json.loads(out)["targets"][0]["applied"] == [], out
    assert [v for v, _ in applied_rows(url, root)] == ["001", "002", "003"]
    check = sqlite3.connect(root / "target.db")
    assert check.execute("SELECT n FROM knob").fetchall() == [(1,)]  # ran once
    check.close()
