"""`dbops check --shadow` on a real PostgreSQL: the issue's examples at file:line, the lock
trace beside the model, a schema when the user may not create databases, and no shadow left
behind, even by a check killed with SIGKILL."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.locks.pg_forms import FOUND_BY_THE_SHADOW, SETUP
from tests.shadow.conftest import (
    EXAMPLES,
    HISTORY,
    finding_lines,
    make_project,
    postgres_shadows,
    shadow_findings,
    shadow_of_the_run,
)

pytestmark = pytest.mark.postgres

MESSAGES = {
    "typo-in-create-index": 'column "emial" does not exist',
    "insert-into-missing-table": 'relation "refunds" does not exist',
    "wrong-type": 'invalid input syntax for type integer: "forty"',
}


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_the_issue_examples_are_caught_at_file_and_line(
    example: str, tmp_path: Path, run_cli, postgres_url: str
) -> None:
    files = {"001_users.sql": HISTORY["postgres"], "002_change.sql": EXAMPLES[example]}
    root = make_project(tmp_path, "postgres", files)
    result = run_cli("check", "--shadow", postgres_url, "migrations/002_change.sql", cwd=root)
    assert result.exit_code == 1, result.stderr
    (finding,) = [line for line in finding_lines(result.stdout) if " shadow-error " in line]
    assert finding.startswith("migrations/002_change.sql:2:1 error shadow-error ")
    assert MESSAGES[example] in finding
    assert shadow_of_the_run(result.stdout) not in postgres_shadows(postgres_url)


def test_the_lock_trace_is_reported_beside_the_model(
    tmp_path: Path, run_cli, postgres_url: str
) -> None:
    files = {
        "001_users.sql": HISTORY["postgres"],
        "002_change.sql": "CREATE INDEX users_email_idx ON users (email);\n"
        "ALTER TABLE users ALTER COLUMN age TYPE bigint;\n"
        "ALTER TABLE users ADD COLUMN nick text;\n",
    }
    root = make_project(tmp_path, "postgres", files)
    result = run_cli(
        "check", "--shadow", postgres_url, "--format", "json", "migrations/002_change.sql", cwd=root
    )
    report = json.loads(result.stdout)
    assert not shadow_findings(result.stdout)  # the model agrees with the server
    traced = {s["line"]: s["shadow"] for s in report["statements"]}
    assert traced[1]["locks"] == [{"object": "public.users", "mode": "SHARE"}]
    assert traced[1]["rewrites"] == []
    assert traced[2]["locks"] == [{"object": "public.users", "mode": "ACCESS EXCLUSIVE"}]
    assert traced[2]["rewrites"] == ["public.users"]
    # ACCESS EXCLUSIVE is already held from line 2: nothing new to see, nothing to disagree on.
    assert traced[3]["locks"] == [] and traced[3]["rewrites"] == []
    assert all(s["shadow_ms"] >= 0 for s in report["statements"])


def test_a_no_transaction_file_is_not_traced(tmp_path: Path, run_cli, postgres_url: str) -> None:
    files = {
        "001_users.sql": HISTORY["postgres"],
        "002_index.sql": "-- dbops:no-transaction\n"
        "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n",
    }
    root = make_project(tmp_path, "postgres", files)
    result = run_cli(
        "check", "--shadow", postgres_url, "--format", "json", "migrations/002_index.sql", cwd=root
    )
    (statement,) = json.loads(result.stdout)["statements"]
    assert statement["shadow"] == {"error": None}
    assert not shadow_findings(result.stdout)


def _role_url(postgres_url: str, role: str) -> str:
    parts = urlsplit(postgres_url)
    host = parts.hostname or "127.0.0.1"
    netloc = f"{role}@{host}:{parts.port}" if parts.port else f"{role}@{host}"
    return urlunsplit(parts._replace(netloc=netloc))


@pytest.fixture
def role_without_createdb(postgres_url: str) -> Iterator[str]:
    """A login role that may create schemas in a fresh database but not databases."""
    import psycopg

    role = f"dbops_sh_{uuid.uuid4().hex[:8]}"
    database = f"dbops_sh_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN NOCREATEDB".encode())
        admin.execute(f"CREATE DATABASE {database} OWNER {role}".encode())
    try:
        yield urlunsplit(urlsplit(_role_url(postgres_url, role))._replace(path=f"/{database}"))
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)".encode())
            admin.execute(f"DROP ROLE IF EXISTS {role}".encode())


def test_a_user_who_may_not_create_databases_gets_a_schema(
    tmp_path: Path, run_cli, role_without_createdb: str
) -> None:
    files = {
        "001_users.sql": HISTORY["postgres"],
        "002_change.sql": EXAMPLES["typo-in-create-index"],
    }
    root = make_project(tmp_path, "postgres", files)
    result = run_cli(
        "check", "--shadow", role_without_createdb, "migrations/002_change.sql", cwd=root
    )
    assert result.exit_code == 1, result.stderr
    assert "migrations/002_change.sql:2:1 error shadow-error" in "\n".join(
        finding_lines(result.stdout)
    )
    assert "(schema dbops_shadow_" in result.stdout
    # its schema is gone too
    assert shadow_of_the_run(result.stdout) not in postgres_shadows(role_without_createdb)


def _check_process(root: Path, url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "dbops", "check", "--shadow", url, "migrations/002_slow.sql"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_shadow_a_killed_check_left_is_dropped_by_the_next_run(
    tmp_path: Path, run_cli, postgres_url: str
) -> None:
    files = {
        "001_users.sql": HISTORY["postgres"],
        "002_slow.sql": "SELECT pg_sleep(30);\n",
    }
    root = make_project(tmp_path, "postgres", files)
    before = postgres_shadows(postgres_url)
    process = _check_process(root, postgres_url)
    try:
        deadline = time.monotonic() + 20
        while not postgres_shadows(postgres_url) - before:
            assert time.monotonic() < deadline, "the check never created its shadow"
            assert process.poll() is None, process.communicate()
            time.sleep(0.1)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    (left,) = postgres_shadows(postgres_url) - before  # killed: it could not drop its shadow
    (root / "migrations" / "002_slow.sql").write_text("SELECT 1;\n", encoding="utf-8")
    result = run_cli("check", "--shadow", postgres_url, "migrations/002_slow.sql", cwd=root)
    assert f"dropped the shadow database {left} an earlier run left behind" in result.stdout
    assert left not in postgres_shadows(postgres_url)
    assert shadow_of_the_run(result.stdout) not in postgres_shadows(postgres_url)


def test_a_live_shadow_of_another_run_is_left_alone(
    tmp_path: Path, run_cli, postgres_url: str
) -> None:
    from dbops.adapters.shadow import open_shadow

    other = open_shadow(postgres_url, "--shadow", "postgres")
    try:
        files = {"001_users.sql": HISTORY["postgres"]}
        root = make_project(tmp_path, "postgres", files)
        result = run_cli("check", "--shadow", postgres_url, cwd=root)
        assert "dropped the shadow" not in result.stdout
        mine = other.display_url.rsplit("/", 1)[1]
        assert mine in postgres_shadows(postgres_url)
    finally:
        other.drop()
    assert mine not in postgres_shadows(postgres_url)


@pytest.mark.parametrize("form", sorted(FOUND_BY_THE_SHADOW))
def test_a_disagreement_with_the_lock_model_is_a_finding_naming_both(
    form: str, tmp_path: Path, run_cli, postgres_url: str
) -> None:
    files = {"001_setup.sql": SETUP, "002_form.sql": f"{form};\n"}
    root = make_project(tmp_path, "postgres", files)
    result = run_cli(
        "check", "--shadow", postgres_url, "--format", "json", "migrations/002_form.sql", cwd=root
    )
    ((file, line, rule, message),) = shadow_findings(result.stdout)
    assert (file, line, rule) == ("migrations/002_form.sql", 1, "lock-model-mismatch")
    assert (
        message.startswith("lock trace: the server took ") and "the lock model predicts" in message
    )


def test_a_deferred_constraint_failing_at_commit_is_a_shadow_error(
    tmp_path: Path, run_cli, postgres_url: str
) -> None:
    files = {
        "001_users.sql": HISTORY["postgres"],
        "002_orders.sql": "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES "
        "users (id) DEFERRABLE INITIALLY DEFERRED);\nINSERT INTO orders VALUES (1, 42);\n",
    }
    root = make_project(tmp_path, "postgres", files)
    result = run_cli(
        "check", "--no-cache", "--shadow", postgres_url, "migrations/002_orders.sql", cwd=root
    )
    found = [line for line in finding_lines(result.stdout) if " shadow-error " in line]
    assert len(found) == 1, result.stdout
    (finding,) = found
    assert finding.startswith("migrations/002_orders.sql:2:1 error shadow-error ")
    assert "at COMMIT: " in finding and "violates foreign key constraint" in finding


def test_a_terminated_check_drops_its_shadow_itself(tmp_path: Path, postgres_url: str) -> None:
    """SIGTERM (a stopped pipeline) ends the run through its cleanup: nothing is left even
    before another run comes."""
    files = {"001_users.sql": HISTORY["postgres"], "002_slow.sql": "SELECT pg_sleep(8);\n"}
    root = make_project(tmp_path, "postgres", files)
    before = postgres_shadows(postgres_url)
    process = _check_process(root, postgres_url)
    try:
        deadline = time.monotonic() + 20
        while not postgres_shadows(postgres_url) - before:
            assert time.monotonic() < deadline, "the check never created its shadow"
            assert process.poll() is None, process.communicate()
            time.sleep(0.1)
        (mine,) = postgres_shadows(postgres_url) - before
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + signal.SIGTERM
    assert mine not in postgres_shadows(postgres_url)


def test_two_statements_on_one_line_are_each_compared_with_their_own_verdict(
    tmp_path: Path, run_cli, postgres_url: str
) -> None:
    files = {
        "001_users.sql": HISTORY["postgres"],
        "002_two.sql": "CREATE INDEX users_email_idx ON users (email); "
        "ALTER TABLE users ALTER COLUMN age TYPE bigint;\n",
    }
    root = make_project(tmp_path, "postgres", files)
    result = run_cli(
        "check", "--shadow", postgres_url, "--format", "json", "migrations/002_two.sql", cwd=root
    )
    assert not shadow_findings(result.stdout)
    first, second = json.loads(result.stdout)["statements"]
    assert first["shadow"]["locks"] == [{"object": "public.users", "mode": "SHARE"}]
    assert second["shadow"]["locks"] == [{"object": "public.users", "mode": "ACCESS EXCLUSIVE"}]
