"""`dbops check --shadow` on a real MariaDB/MySQL: the issue's examples at file:line, the
ALGORITHM the server used beside the model's, and no shadow schema left behind, even by a
check killed with SIGKILL."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.shadow.conftest import (
    EXAMPLES,
    HISTORY,
    finding_lines,
    make_project,
    mysql_shadows,
    shadow_findings,
    shadow_of_the_run,
)

pytestmark = pytest.mark.mysql

MESSAGES = {
    "typo-in-create-index": "(1072) Key column 'emial' doesn't exist in table",
    "insert-into-missing-table": "(1146) Table 'refunds' doesn't exist",
    "wrong-type": "(1366) Incorrect integer value: 'forty' for column",
}


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_the_issue_examples_are_caught_at_file_and_line(
    example: str, tmp_path: Path, run_cli, mysql_url: str
) -> None:
    files = {"001_users.sql": HISTORY["mysql"], "002_change.sql": EXAMPLES[example]}
    root = make_project(tmp_path, "mysql", files)
    result = run_cli("check", "--shadow", mysql_url, "migrations/002_change.sql", cwd=root)
    assert result.exit_code == 1, result.stderr
    (finding,) = [line for line in finding_lines(result.stdout) if " shadow-error " in line]
    assert finding.startswith("migrations/002_change.sql:2:1 error shadow-error ")
    assert MESSAGES[example] in finding
    assert "dbops_shadow_" not in finding  # the shadow's own name is no concern of the user's
    assert shadow_of_the_run(result.stdout) not in mysql_shadows(mysql_url)


@pytest.mark.parametrize(
    ("dialect", "algorithms"),
    [("mysql", ["INSTANT", "INPLACE", "COPY"]), ("mariadb", ["INSTANT", "NOCOPY", "COPY"])],
)
def test_the_algorithm_the_server_used_is_reported_beside_the_model(
    dialect: str, algorithms: list[str], tmp_path: Path, run_cli, mysql_url: str
) -> None:
    files = {
        "001_users.sql": HISTORY["mysql"],
        "002_change.sql": "ALTER TABLE users ADD COLUMN nick varchar(20);\n"
        "CREATE INDEX users_email_idx ON users (email);\n"
        "ALTER TABLE users MODIFY email varchar(50);\n",
    }
    root = make_project(tmp_path, dialect, files)
    result = run_cli(
        "check", "--shadow", mysql_url, "--format", "json", "migrations/002_change.sql", cwd=root
    )
    statements = json.loads(result.stdout)["statements"]
    assert [s["algorithm"] for s in statements] == algorithms  # the model's
    assert [s["shadow"]["algorithm_used"] for s in statements] == algorithms
    assert all(s["shadow"]["algorithm_accepted"] for s in statements)
    assert not shadow_findings(result.stdout)


def test_a_refused_algorithm_is_a_lock_model_mismatch(mysql_url: str) -> None:
    """The adapter against the server, with a model verdict the server must refuse: the
    statement still runs as written and the refusal is reported."""
    from dbops.adapters.shadow import open_shadow
    from dbops.core.locks import LockImpact
    from dbops.core.shadow import ShadowStatement
    from dbops.core.shadow_review import lock_disagreement

    shadow = open_shadow(mysql_url, "--shadow", "mysql")
    try:
        shadow.database.execute("CREATE TABLE t (id int PRIMARY KEY, note varchar(100))")
        wrong = LockImpact(algorithm="INSTANT")  # a type change cannot be instant
        ran = shadow.run("ALTER TABLE t MODIFY note varchar(50)", wrong, in_transaction=False)
        columns = shadow.database.fetch(
            "SELECT CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS "
            "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't' AND COLUMN_NAME = 'note'"
        )
    finally:
        shadow.drop()
    assert ran.algorithm is not None and not ran.algorithm.accepted
    assert columns == [(50,)]  # run as written after the refusal
    message = lock_disagreement(wrong, ShadowStatement("f.sql", 1, ran.ms, algorithm=ran.algorithm))
    assert message is not None
    assert message.startswith("the lock model predicts ALGORITHM=INSTANT, but the server refused")
    assert "(1846)" in message


def test_a_shadow_a_killed_check_left_is_dropped_by_the_next_run(
    tmp_path: Path, run_cli, mysql_url: str
) -> None:
    files = {"001_users.sql": HISTORY["mysql"], "002_slow.sql": "SELECT SLEEP(30);\n"}
    root = make_project(tmp_path, "mysql", files)
    command = [
        sys.executable,
        "-m",
        "dbops",
        "check",
        "--shadow",
        mysql_url,
        "migrations/002_slow.sql",
    ]
    before = mysql_shadows(mysql_url)
    process = subprocess.Popen(
        command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 20
        while not mysql_shadows(mysql_url) - before:
            assert time.monotonic() < deadline, "the check never created its shadow"
            assert process.poll() is None, process.communicate()
            time.sleep(0.1)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    (left,) = mysql_shadows(mysql_url) - before
    (root / "migrations" / "002_slow.sql").write_text("SELECT 1;\n", encoding="utf-8")
    deadline = time.monotonic() + 10
    while True:  # the server notices the dead client's session within moments
        result = run_cli("check", "--shadow", mysql_url, "migrations/002_slow.sql", cwd=root)
        if left not in mysql_shadows(mysql_url) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert f"dropped the shadow schema {left} an earlier run left behind" in result.stdout
    assert left not in mysql_shadows(mysql_url)
    assert shadow_of_the_run(result.stdout) not in mysql_shadows(mysql_url)


def test_a_user_who_may_not_create_a_schema_gets_a_clear_error(
    tmp_path: Path, run_cli, mysql_url: str
) -> None:
    import uuid
    from urllib.parse import urlsplit, urlunsplit

    import pymysql

    parts = urlsplit(mysql_url)
    user = f"dbops_sh_{uuid.uuid4().hex[:8]}"
    admin = pymysql.connect(
        host=parts.hostname, port=parts.port or 3306, user=parts.username,
        password=parts.password or "", autocommit=True,
    )  # fmt: skip
    database = parts.path.lstrip("/")
    try:
        with admin.cursor() as cursor:
            cursor.execute(f"CREATE USER '{user}'@'%' IDENTIFIED BY 'pw-{user}'")
            cursor.execute(f"GRANT SELECT ON `{database}`.* TO '{user}'@'%'")
        netloc = f"{user}:pw-{user}@{parts.hostname}:{parts.port or 3306}"
        url = urlunsplit(parts._replace(netloc=netloc))
        root = make_project(tmp_path, "mysql", {"001_users.sql": HISTORY["mysql"]})
        result = run_cli("check", "--shadow", url, cwd=root)
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f"DROP USER IF EXISTS '{user}'@'%'")
        admin.close()
    assert result.exit_code == 2, result.stderr
    assert "the shadow run's own `CREATE DATABASE `dbops_shadow_" in result.stderr
    assert "Access denied" in result.stderr
    assert f"pw-{user}" not in result.stderr and f"{user}:***@" in result.stderr
