"""The shipped example (examples/) rolls out to SQLite from a fresh checkout, with no server."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.rollout.conftest import query


@pytest.fixture
def example(tmp_path: Path) -> Path:
    if not (EXAMPLES / "dbops.yaml").is_file():
        pytest.skip("examples/dbops.yaml is not there yet")
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns("*.db"))
    return root


def test_example_rolls_out_to_sqlite_and_reruns_as_a_no_op(run_cli, example: Path) -> None:
    env = {"TEST_DATABASE_URL": ""}  # the `${TEST_DATABASE_URL:-sqlite:///test.db}` default
    first = run_cli("rollout", "--env", "test", "--format", "json", cwd=example, env=env)

    assert first.exit_code == 0, first.stderr
    target = json.loads(first.stdout)["targets"][0]
    migrations = sorted(
        p for p in (example / "migrations").glob("*.sql") if not p.name.endswith(".down.sql")
    )
    assert len(target["applied"]) == len(migrations) > 0
    rows = query("sqlite:///test.db", example, "SELECT COUNT(*) FROM dbops_schema_history")
    assert rows == [(len(migrations),)]
    again = run_cli("rollout", "--env", "test", "--format", "json", cwd=example, env=env)
    assert again.exit_code == 0
    assert json.loads(again.stdout)["targets"][0]["status"] == "up to date"
