"""PostgreSQL and MariaDB: a rollout's connection killed, a rollout process killed, a lock held
by a backend whose client is gone. Each message names what ran and the state left."""

from __future__ import annotations

import hashlib
import json
import signal
import time
from pathlib import Path

import pytest

from tests.rollout.conftest import dbops_process, make_project, one_target
from tests.rollout.test_faults import _connect, _execute, applied_rows, wait_for_line

SLEEPY_PG = "CREATE TABLE a (id int);\nSELECT pg_sleep((SELECT spin FROM knob));\n"
SLEEPY_MYSQL = (
    "CREATE TABLE a (id int);\nSELECT SLEEP((SELECT spin FROM knob));\nCREATE TABLE b (id int);\n"
)


def _knob(url: str, root: Path, spin: int) -> None:
    connection = _connect(url, root)
    _execute(connection, "CREATE TABLE knob (spin int NOT NULL)")
    _execute(connection, f"INSERT INTO knob VALUES ({spin})")
    connection.close()


def _wait_for_query(url: str, root: Path, like: str, engine: str) -> int:
    """The backend (connection) id running a query LIKE `like`."""
    sql = (
        f"SELECT pid FROM pg_stat_activity WHERE query LIKE '{like}' AND state = 'active' "
        f"AND datname = current_database() AND pid <> pg_backend_pid()"
        if engine == "postgres"
        else f"SELECT id FROM information_schema.processlist WHERE info LIKE '{like}' "
        f"AND db = DATABASE() AND id <> CONNECTION_ID()"
    )
    connection = _connect(url, root)
    try:
        for _ in range(300):
            cursor = connection.cursor()
            cursor.execute(sql)
            row = cursor.fetchone()
            cursor.close()
            if row:
                return int(row[0])
            time.sleep(0.1)
    finally:
        connection.close()
    raise AssertionError(f"no backend ran {like}")


@pytest.mark.postgres
def test_the_lock_of_an_orphaned_backend_is_named(tmp_path: Path, fresh_postgres: str) -> None:
    root = make_project(
        tmp_path, one_target(fresh_postgres, lock_timeout=1), {"1_a.sql": "SELECT 1;"}
    )
    key = int.from_bytes(hashlib.sha256(b"dbops:public").digest()[:8], "big", signed=True)
    holder = _connect(fresh_postgres, root)
    _execute(holder, f"SELECT pg_advisory_lock({key})")
    try:
        cursor = holder.cursor()
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
        rollout = dbops_process(root, "rollout", "--env", "test")
        out, err = rollout.communicate(timeout=60)
    finally:
        holder.close()
    assert rollout.returncode == 1
    said = out + err
    assert f"pid {pid}" in said and "pg_backend_pid" in said and "since" in said, said
    assert f"pg_terminate_backend({pid})" in said


@pytest.mark.postgres
def test_a_killed_rollout_does_not_leave_its_statement_and_lock_running(
    tmp_path: Path, fresh_postgres: str
) -> None:
    """client_connection_check_interval: the server ends the dead client's statement."""
    root = make_project(
        tmp_path, one_target(fresh_postgres, lock_timeout=20), {"1_a.sql": SLEEPY_PG}
    )
    _knob(fresh_postgres, root, 60)
    victim = dbops_process(root, "rollout", "--env", "test")
    wait_for_line(victim, "migrate 1")
    _wait_for_query(fresh_postgres, root, "SELECT pg_sleep%", "postgres")
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=30)
    connection = _connect(fresh_postgres, root)
    _execute(connection, "UPDATE knob SET spin = 0")
    connection.close()
    started = time.monotonic()
    rerun = dbops_process(root, "rollout", "--env", "test", "--format", "json")
    out, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, out + err
    assert time.monotonic() - started < 15  # not the 60 s the orphan would have slept
    assert applied_rows(fresh_postgres, root) == [("1", "applied")]


@pytest.mark.postgres
def test_a_terminated_backend_names_the_migration_statement_and_state(
    tmp_path: Path, fresh_postgres: str
) -> None:
    root = make_project(tmp_path, one_target(fresh_postgres), {"1_a.sql": SLEEPY_PG})
    _knob(fresh_postgres, root, 60)
    rollout = dbops_process(root, "rollout", "--env", "test", "--format", "json")
    pid = _wait_for_query(fresh_postgres, root, "SELECT pg_sleep%", "postgres")
    connection = _connect(fresh_postgres, root)
    _execute(connection, f"SELECT pg_terminate_backend({pid})")
    connection.close()
    out, _err = rollout.communicate(timeout=60)
    assert rollout.returncode == 1
    text = json.dumps(json.loads(out))
    assert "1_a.sql" in text and "pg_sleep" in text and "nothing of 1_a.sql was applied" in text
    assert applied_rows(fresh_postgres, root) == []


@pytest.mark.mysql
def test_a_killed_mariadb_connection_names_the_migration_statement_and_state(
    tmp_path: Path, fresh_mysql: str
) -> None:
    root = make_project(tmp_path, one_target(fresh_mysql), {"1_a.sql": SLEEPY_MYSQL}, "mysql")
    _knob(fresh_mysql, root, 60)
    rollout = dbops_process(root, "rollout", "--env", "test", "--format", "json")
    ident = _wait_for_query(fresh_mysql, root, "SELECT SLEEP%", "mysql")
    connection = _connect(fresh_mysql, root)
    _execute(connection, f"KILL CONNECTION {ident}")
    connection.close()
    out, _err = rollout.communicate(timeout=60)
    assert rollout.returncode == 1
    text = json.dumps(json.loads(out))
    assert "1_a.sql" in text and "SLEEP" in text and "running" in text, text
    assert applied_rows(fresh_mysql, root) == [("1", "running")]
