"""PostgreSQL: a rollout killed (SIGKILL) before each statement of a multi-statement migration
leaves nothing of it (one transaction with its history row), and the next rollout applies it
exactly once. The test holds a lock on statement i's table so the kill lands right there."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest

from tests.faults.test_server_kills import _wait_for_query
from tests.rollout.conftest import dbops_process, make_project, one_target, query
from tests.rollout.test_faults import _connect, _execute, wait_for_line

STATEMENTS = (
    "ALTER TABLE t0 ADD COLUMN c INT NULL",
    "CREATE INDEX ix_t1 ON t1 (id, v)",
    "ALTER TABLE t2 DROP COLUMN v",
    "DROP TABLE t3",
)
MIGRATION = "".join(f"{statement};\n" for statement in STATEMENTS)

BOUNDARIES = [
    pytest.param(index, marks=[] if index == 1 else [pytest.mark.slow])
    for index in range(len(STATEMENTS))
]


@pytest.mark.postgres
@pytest.mark.parametrize("index", BOUNDARIES)
def test_a_kill_before_each_statement_leaves_nothing_and_reruns_once(
    tmp_path: Path, fresh_postgres: str, index: int
) -> None:
    root = make_project(
        tmp_path, one_target(fresh_postgres, lock_timeout=30), {"001_many.sql": MIGRATION}
    )
    setup = _connect(fresh_postgres, root)
    for table in range(len(STATEMENTS)):
        _execute(setup, f"CREATE TABLE t{table} (id INT PRIMARY KEY, v INT NULL)")
    setup.close()
    holder = _connect(fresh_postgres, root)
    _execute(holder, "BEGIN")
    # ROW EXCLUSIVE conflicts with CREATE INDEX's SHARE and ALTER/DROP's ACCESS EXCLUSIVE.
    _execute(holder, f"LOCK TABLE t{index} IN ROW EXCLUSIVE MODE")
    try:
        victim = dbops_process(root, "rollout", "--env", "test")
        wait_for_line(victim, "migrate 001")
        _wait_for_query(fresh_postgres, root, STATEMENTS[index].split(" ")[0] + "%", "postgres")
        victim.send_signal(signal.SIGKILL)
        victim.communicate(timeout=30)
    finally:
        _execute(holder, "COMMIT")
        holder.close()
    time.sleep(0.2)
    history = "SELECT COUNT(*) FROM dbops_schema_history"
    assert query(fresh_postgres, root, history) == [(0,)]  # nothing of it committed
    rerun = dbops_process(root, "rollout", "--env", "test", "--format", "json")
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, out + err
    assert [item["version"] for item in json.loads(out)["targets"][0]["applied"]] == ["001"]
    columns = query(
        fresh_postgres,
        root,
        "SELECT table_name || '.' || column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name LIKE 't_' ORDER BY 1",
    )
    assert [row[0] for row in columns] == ["t0.c", "t0.id", "t0.v", "t1.id", "t1.v", "t2.id"]
    assert query(fresh_postgres, root, history) == [(1,)]
