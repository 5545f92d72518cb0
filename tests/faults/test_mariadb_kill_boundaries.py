"""MariaDB: a rollout killed (SIGKILL) at every statement boundary of a multi-statement
migration is finished by the next rollout, which decides from the live schema where to resume:
every statement applied exactly once, one history row, applied. The test holds a metadata lock
on the table of statement i, so statements before it have run and statement i waits; the kill
lands there, and the lock is let go (the server may then run statement i for the dead client,
or not: the next rollout must get it right either way)."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest

from tests.faults.test_server_kills import _wait_for_query
from tests.rollout.conftest import dbops_process, make_project, one_target, query
from tests.rollout.test_faults import _connect, _execute, wait_for_line

# Statement i works on table t{i}, so that holding t{i} stops the migration right before it.
STATEMENTS = (
    "ALTER TABLE t0 ADD COLUMN c INT NULL",
    "CREATE INDEX ix_t1 ON t1 (id, v)",
    "ALTER TABLE t2 DROP COLUMN v",
    "ALTER TABLE t3 ADD COLUMN c INT NULL, ADD INDEX ix_t3 (c)",
    "DROP TABLE t4",
)
MIGRATION = "".join(f"{statement};\n" for statement in STATEMENTS)
EXPECTED = {
    "t0.c": 1,
    "t1.ix": 1,
    "t2.v": 0,
    "t3.c": 1,
    "t4": 0,
}


def _setup(url: str, root: Path) -> None:
    connection = _connect(url, root)
    for index in range(len(STATEMENTS)):
        _execute(connection, f"CREATE TABLE t{index} (id INT PRIMARY KEY, v INT NULL)")
    connection.close()


def _schema(url: str, root: Path) -> dict[str, int]:
    database = url.rsplit("/", 1)[1]

    def count(sql: str) -> int:
        return int(query(url, root, sql.replace("DB", database))[0][0])  # type: ignore[arg-type]

    def column(table: str, name: str) -> str:
        return (
            "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'DB' "
            f"AND TABLE_NAME = '{table}' AND COLUMN_NAME = '{name}'"
        )

    return {
        "t0.c": count(column("t0", "c")),
        "t1.ix": count(
            "SELECT COUNT(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS "
            "WHERE TABLE_SCHEMA = 'DB' AND TABLE_NAME = 't1' AND INDEX_NAME = 'ix_t1'"
        ),
        "t2.v": count(column("t2", "v")),
        "t3.c": count(column("t3", "c")),
        "t4": count(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'DB' "
            "AND TABLE_NAME = 't4'"
        ),
    }


def _kill_before_statement(url: str, root: Path, index: int) -> None:
    holder = _connect(url, root)
    _execute(holder, "BEGIN")
    _execute(holder, f"SELECT * FROM t{index}")  # a metadata lock: DDL on t{index} waits
    try:
        victim = dbops_process(root, "rollout", "--env", "test")
        wait_for_line(victim, "migrate 002")
        fragment = STATEMENTS[index].split(" ")[0] + "%"
        _wait_for_query(url, root, fragment, "mysql")
        victim.send_signal(signal.SIGKILL)
        victim.communicate(timeout=30)
    finally:
        _execute(holder, "COMMIT")
        holder.close()


BOUNDARIES = [
    pytest.param(index, marks=[] if index in (0, 3) else [pytest.mark.slow])
    for index in range(len(STATEMENTS))
]


@pytest.mark.mysql
@pytest.mark.parametrize("index", BOUNDARIES)
def test_a_kill_before_each_statement_is_resumed_exactly_once(
    tmp_path: Path, fresh_mysql: str, index: int
) -> None:
    files = {
        "001_first.sql": "CREATE TABLE first (id INT PRIMARY KEY);\n",
        "002_many.sql": MIGRATION,
    }
    root = make_project(tmp_path, one_target(fresh_mysql, lock_timeout=60), files, "mysql")
    _setup(fresh_mysql, root)
    _kill_before_statement(fresh_mysql, root, index)
    time.sleep(0.2)
    rerun = dbops_process(root, "rollout", "--env", "test", "--format", "json")
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, out + err
    report = json.loads(out)["targets"][0]
    assert [item["version"] for item in report["applied"]] == ["002"], report
    assert any("resumes at statement" in warning for warning in report["warnings"]), report
    assert _schema(fresh_mysql, root) == EXPECTED
    rows = query(
        fresh_mysql,
        root,
        "SELECT version, status FROM dbops_schema_history WHERE operation = 'migrate' "
        "ORDER BY rank_id",
    )
    assert rows == [("001", "applied"), ("002", "applied")]


@pytest.mark.mysql
def test_a_kill_at_a_data_change_after_ddl_blocks_with_a_precise_message(
    tmp_path: Path, fresh_mysql: str
) -> None:
    """After DDL the UPDATE runs in autocommit: whether it took effect cannot be proven."""
    files = {"002_many.sql": "ALTER TABLE t0 ADD COLUMN c INT NULL;\nUPDATE t1 SET v = 1;\n"}
    root = make_project(tmp_path, one_target(fresh_mysql, lock_timeout=60), files, "mysql")
    connection = _connect(fresh_mysql, root)
    for table in ("t0", "t1"):
        _execute(connection, f"CREATE TABLE {table} (id INT PRIMARY KEY, v INT NULL)")
    _execute(connection, "INSERT INTO t1 VALUES (1, 0)")
    connection.close()
    holder = _connect(fresh_mysql, root)
    _execute(holder, "BEGIN")
    _execute(holder, "SELECT * FROM t1 FOR UPDATE")
    try:
        victim = dbops_process(root, "rollout", "--env", "test")
        _wait_for_query(fresh_mysql, root, "UPDATE t1%", "mysql")
        victim.send_signal(signal.SIGKILL)
        victim.communicate(timeout=30)
    finally:
        _execute(holder, "COMMIT")
        holder.close()
    rerun = dbops_process(root, "rollout", "--env", "test", "--format", "json")
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 1, out + err
    errors = " ".join(json.loads(out)["targets"][0]["errors"])
    assert "statement 2 of 002_many.sql (`UPDATE t1 SET v = 1`)" in errors, errors
    assert "dbops repair" in errors
