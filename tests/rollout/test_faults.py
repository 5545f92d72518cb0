"""Two rollouts at once, and a rollout killed in the middle of a migration, on every engine.

A migration is held in the middle by a lock the test owns (a row lock on PostgreSQL and
MariaDB; on SQLite, whose rollout holds the database's write lock, a query that spins for as
long as a value the test controls says), so the test decides when it may go on.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.rollout.conftest import dbops_process, make_project, one_target, query

CREATE = "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);\n"
TOUCH_KNOB = "UPDATE knob SET n = n + 1;\n"
SPIN_KNOB = (
    "UPDATE knob SET n = n + 1 WHERE (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
    "SELECT x + 1 FROM c WHERE x < (SELECT spin FROM knob)) SELECT COUNT(*) FROM c) > 0;\n"
)
INSERT = "INSERT INTO items (id, name) VALUES (1, 'a');\n"


def engine_of(url: str) -> str:
    return url.split(":", 1)[0].replace("postgresql", "postgres")


def _connect(url: str, root: Path) -> Any:
    engine = engine_of(url)
    if engine == "sqlite":
        return sqlite3.connect(root / "target.db", isolation_level=None)
    if engine == "postgres":
        import psycopg

        return psycopg.connect(url, autocommit=True)
    import pymysql

    from dbops.adapters.databases.urls import split_url

    host, user, port, database, password, _ = split_url(url)
    return pymysql.connect(
        host=host,
        port=port or 3306,
        user=user,
        password=password or "",
        database=database,
        autocommit=True,
    )


def _execute(connection: Any, sql: str) -> None:
    cursor = connection.cursor()
    cursor.execute(sql)
    cursor.close()


def create_knob(url: str, root: Path, spin: int) -> None:
    connection = _connect(url, root)
    _execute(connection, "CREATE TABLE knob (n INTEGER NOT NULL, spin BIGINT NOT NULL)")
    _execute(connection, f"INSERT INTO knob (n, spin) VALUES (0, {spin})")
    connection.close()


@contextmanager
def holding_knob(url: str, root: Path) -> Iterator[None]:
    """Hold a lock that stops `UPDATE knob` (or, on SQLite, any write) until the block ends."""
    connection = _connect(url, root)
    engine = engine_of(url)
    if engine == "sqlite":
        _execute(connection, "BEGIN IMMEDIATE")
    elif engine == "postgres":
        _execute(connection, "BEGIN")
        _execute(connection, "LOCK TABLE knob IN ACCESS EXCLUSIVE MODE")
    else:
        _execute(connection, "BEGIN")
        _execute(connection, "SELECT * FROM knob FOR UPDATE")
    try:
        yield
    finally:
        _execute(connection, "COMMIT")
        connection.close()


def wait_for_line(process: subprocess.Popen[str], text: str) -> list[str]:
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line)
        if text in line:
            return seen
    raise AssertionError(f"rollout ended before printing {text!r}: {''.join(seen)}")


WAITING_ON_KNOB = {
    "postgres": "SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE 'UPDATE knob%%' "
    "AND wait_event_type = 'Lock'",
    "mysql": "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'UPDATE knob%%'",
}


def wait_until_mid_migration(url: str, root: Path) -> None:
    """Until the rollout's `UPDATE knob` is running (on SQLite: spinning, a moment later)."""
    engine = engine_of(url)
    if engine == "sqlite":
        time.sleep(0.5)
        return
    connection = _connect(url, root)
    try:
        for _ in range(300):
            cursor = connection.cursor()
            cursor.execute(WAITING_ON_KNOB[engine].replace("%%", "%"))
            (count,) = cursor.fetchone()
            cursor.close()
            if count:
                return
            time.sleep(0.1)
    finally:
        connection.close()
    raise AssertionError("the rollout never reached its blocked migration")


def applied_rows(url: str, root: Path) -> list[tuple[object, ...]]:
    return query(
        url,
        root,
        "SELECT version, status FROM dbops_schema_history WHERE operation = 'migrate' "
        "ORDER BY rank_id",
    )


def test_two_rollouts_at_once_apply_each_migration_once(tmp_path: Path, engine_url: str) -> None:
    files = {
        "001_create_items.sql": CREATE,
        "002_touch_knob.sql": TOUCH_KNOB,
        "003_insert.sql": INSERT,
    }
    root = make_project(tmp_path, one_target(engine_url), files)
    create_knob(engine_url, root, spin=1)

    with holding_knob(engine_url, root):
        first = dbops_process(root, "rollout", "--env", "test", "--format", "json")
        if engine_of(engine_url) != "sqlite":
            wait_for_line(first, "migrate 002")  # the first one holds the lock, mid-migration
        second = dbops_process(root, "rollout", "--env", "test", "--format", "json")
    outputs = [process.communicate(timeout=120) for process in (first, second)]

    assert [process.returncode for process in (first, second)] == [0, 0], outputs
    applied = [
        [item["version"] for item in json.loads(out)["targets"][0]["applied"]] for out, _ in outputs
    ]
    assert sorted(applied) == [[], ["001", "002", "003"]]
    assert applied_rows(engine_url, root) == [
        ("001", "applied"),
        ("002", "applied"),
        ("003", "applied"),
    ]
    assert query(engine_url, root, "SELECT n FROM knob") == [(1,)]
    assert query(engine_url, root, "SELECT COUNT(*) FROM items") == [(1,)]


def test_a_killed_rollout_is_finished_by_the_next(tmp_path: Path, engine_url: str) -> None:
    sqlite = engine_of(engine_url) == "sqlite"
    files = {
        "001_create_items.sql": CREATE,
        "002_touch_knob.sql": SPIN_KNOB if sqlite else TOUCH_KNOB,
        "003_insert.sql": INSERT,
    }
    root = make_project(tmp_path, one_target(engine_url, lock_timeout=60), files)
    create_knob(engine_url, root, spin=10**12 if sqlite else 1)

    with holding_knob(engine_url, root) if not sqlite else _nothing():
        victim = dbops_process(root, "rollout", "--env", "test")
        wait_for_line(victim, "migrate 002")
        wait_until_mid_migration(engine_url, root)
        victim.send_signal(signal.SIGKILL)
        victim.communicate(timeout=30)
    if sqlite:
        connection = _connect(engine_url, root)
        _execute(connection, "UPDATE knob SET spin = 1")
        connection.close()

    rerun = dbops_process(root, "rollout", "--env", "test", "--format", "json")
    out, err = rerun.communicate(timeout=120)
    # On MySQL/MariaDB 002 stays `running`: the rerun decides from what 002 is (an UPDATE,
    # the file's first statement, run in dbops' transaction, rolled back by the kill) that
    # nothing of it took effect, and resumes it from its start.
    assert rerun.returncode == 0, out + err
    rows = [row for row in applied_rows(engine_url, root) if row[1] != "cleared"]
    assert rows == [("001", "applied"), ("002", "applied"), ("003", "applied")]
    assert query(engine_url, root, "SELECT n FROM knob") == [(1,)]
    assert query(engine_url, root, "SELECT COUNT(*) FROM items") == [(1,)]


@contextmanager
def _nothing() -> Iterator[None]:
    yield
