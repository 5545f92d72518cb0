"""The history says who pressed the step (BITBUCKET_STEP_TRIGGERER_UUID, named through the API
when credentials allow) and marks a rollback's rows `rolled back` (issue 14)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.bitbucket import FakeBitbucket, started
from tests.fakes.openapi import OpenApiContract
from tests.rollout.conftest import make_project, one_target, query

FILES = {
    "001_create_a.sql": "CREATE TABLE a (id INTEGER PRIMARY KEY);\n",
    "001_create_a.down.sql": "DROP TABLE a;\n",
    "002_create_b.sql": "CREATE TABLE b (id INTEGER PRIMARY KEY);\n",
    "002_create_b.down.sql": "DROP TABLE b;\n",
}
ROWS = "SELECT version, operation, status, applied_by FROM dbops_schema_history ORDER BY rank_id"


@pytest.fixture
def fake(contracts: Path) -> Iterator[FakeBitbucket]:
    contract = OpenApiContract(contracts / "bitbucket" / "bitbucket-cloud-swagger.v3.json")
    for server in started(contract):
        yield server
        assert server.violations == []


def test_a_rollback_is_recorded_as_rolled_back(run_cli, tmp_path: Path, engine_url: str) -> None:
    root = make_project(tmp_path, one_target(engine_url), FILES)
    assert run_cli("rollout", "--env", "test", cwd=root).exit_code == 0

    rolled = run_cli("rollback", "--env", "test", "--to", "0", cwd=root)

    assert rolled.exit_code == 0, rolled.stdout + rolled.stderr
    rows = [row[:3] for row in query(engine_url, root, ROWS)]
    assert rows == [
        ("001", "migrate", "applied"),
        ("002", "migrate", "applied"),
        ("002", "rollback", "rolled back"),
        ("001", "rollback", "rolled back"),
    ]
    again = run_cli("rollout", "--env", "test", cwd=root)  # rolled back: applied again
    assert again.exit_code == 0
    assert [row[:3] for row in query(engine_url, root, ROWS)][-2:] == [
        ("001", "migrate", "applied"),
        ("002", "migrate", "applied"),
    ]


def test_an_older_ten_character_status_column_is_widened(
    run_cli, tmp_path: Path, fresh_postgres: str
) -> None:
    root = make_project(tmp_path, one_target(fresh_postgres), FILES)
    assert run_cli("rollout", "--env", "test", cwd=root).exit_code == 0
    import psycopg

    with psycopg.connect(fresh_postgres, autocommit=True) as connection:
        connection.execute("ALTER TABLE dbops_schema_history ALTER COLUMN status TYPE VARCHAR(10)")

    assert run_cli("rollback", "--env", "test", "--to", "001", cwd=root).exit_code == 0
    assert query(fresh_postgres, root, ROWS)[-1][:3] == ("002", "rollback", "rolled back")


def test_applied_by_names_who_triggered_the_step(
    run_cli, tmp_path: Path, fake: FakeBitbucket
) -> None:
    alice = fake.add_user("alice", "Alice Admin")
    fake.bearer_tokens["tok"] = frozenset({"pullrequest"})
    root = make_project(tmp_path, one_target("sqlite:///t.db"), FILES)
    pipelines = {
        "BITBUCKET_BUILD_NUMBER": "12",
        "BITBUCKET_DEPLOYMENT_ENVIRONMENT": "test",
        "BITBUCKET_STEP_TRIGGERER_UUID": alice["uuid"],
    }
    api = {"BITBUCKET_ACCESS_TOKEN": "tok", "DBOPS_BITBUCKET_API_URL": fake.api_url}

    named = run_cli("rollout", "--env", "test", cwd=root, env={**pipelines, **api})
    unnamed = run_cli("rollback", "--env", "test", "--to", "001", cwd=root, env=pipelines)

    assert named.exit_code == 0 and unnamed.exit_code == 0, named.stdout + unnamed.stdout
    by = [row[3] for row in query("sqlite:///t.db", root, ROWS)]
    assert by[0] == f"Alice Admin ({alice['uuid']}), bitbucket-pipelines #12"
    assert by[-1] == f"{alice['uuid']}, bitbucket-pipelines #12"  # no credentials: the UUID
    assert fake.calls("GET", "/users/")


def test_outside_pipelines_applied_by_is_the_login(run_cli, tmp_path: Path) -> None:
    root = make_project(tmp_path, one_target("sqlite:///t.db"), FILES)
    assert run_cli("rollout", "--env", "test", cwd=root, env={"USER": "carol"}).exit_code == 0
    assert {row[3] for row in query("sqlite:///t.db", root, ROWS)} == {"carol"}
