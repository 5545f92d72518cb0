"""examples/: a small realistic project that runs on SQLite and PostgreSQL and that `dbops check`
reviews with exactly one intended finding (the NOT NULL violation of t2024, as in Bytebase's
GitOps tutorial)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO

MIGRATIONS = EXAMPLES / "migrations"
NOT_NULL_FILE = "examples/migrations/202505151110_create_t2024.sql"
NOT_NULL_LINE = 5  # `name VARCHAR(255)`


def _ups() -> list[Path]:
    return sorted(p for p in MIGRATIONS.glob("*.sql") if not p.name.endswith(".down.sql"))


def test_example_project_is_realistic() -> None:
    ups = _ups()
    assert len(ups) >= 10
    assert any(path.name.endswith("_dml.sql") for path in ups)
    downs = list(MIGRATIONS.glob("*.down.sql"))
    assert len(downs) >= 2
    assert all((MIGRATIONS / (d.name.removesuffix(".down.sql") + ".sql")).exists() for d in downs)


def test_every_example_runs_on_sqlite_and_rolls_back() -> None:
    database = sqlite3.connect(":memory:")
    database.execute("PRAGMA foreign_keys = ON")
    for path in _ups():
        database.executescript(path.read_text(encoding="utf-8"))
    assert database.execute("SELECT count(*) FROM products").fetchone() == (3,)
    for path in sorted(MIGRATIONS.glob("*.down.sql"), reverse=True):
        database.executescript(path.read_text(encoding="utf-8"))
    tables = {row[0] for row in database.execute("SELECT name FROM sqlite_master")}
    assert "customers" not in tables and "products" not in tables
    database.close()


@pytest.mark.postgres
def test_every_example_runs_on_postgres(postgres_url: str) -> None:
    psycopg = pytest.importorskip("psycopg")
    with psycopg.connect(postgres_url) as connection:
        # One transaction in a private schema, rolled back: leaves the database as it was.
        connection.execute("CREATE SCHEMA dbops_examples_test")
        connection.execute("SET LOCAL search_path TO dbops_examples_test")
        for path in _ups():
            connection.execute(path.read_text(encoding="utf-8"))
        (count,) = connection.execute("SELECT count(*) FROM products").fetchone() or (0,)
        assert count == 3
        connection.rollback()


def _only_the_intended_error(report: dict[str, object]) -> None:
    findings = report["findings"]
    assert isinstance(findings, list)
    errors = [(f["rule"], f["file"], f["line"]) for f in findings if f["level"] == "error"]
    assert errors == [("column-no-null", NOT_NULL_FILE, NOT_NULL_LINE)]


def test_check_examples_folder_from_repo_root(run_cli) -> None:
    result = run_cli("check", "examples/migrations", "--no-color", cwd=REPO)
    assert result.exit_code == 1, result.stderr
    assert f"{NOT_NULL_FILE}:{NOT_NULL_LINE}:" in result.stdout
    assert "column-no-null" in result.stdout
    as_json = run_cli("check", "examples/migrations", "--format", "json", cwd=REPO)
    _only_the_intended_error(json.loads(as_json.stdout))


def test_check_with_example_config(run_cli) -> None:
    result = run_cli("check", "--config", "examples/dbops.yaml", "--format", "json", cwd=REPO)
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    _only_the_intended_error(report)
    assert report["summary"]["files"] == len(_ups())


def test_fail_on_never_exits_zero_with_the_finding_still_shown(run_cli, tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    config = tmp_path / "examples" / "dbops.yaml"
    text = config.read_text(encoding="utf-8")
    assert "fail_on: error" in text
    config.write_text(text.replace("fail_on: error", "fail_on: never"), encoding="utf-8")
    result = run_cli("check", "--config", "examples/dbops.yaml", "--no-color", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert f"{NOT_NULL_FILE}:{NOT_NULL_LINE}:" in result.stdout
