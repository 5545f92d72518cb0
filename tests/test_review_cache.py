"""The content cache of review results: an unchanged rerun reads the result a fresh review
produced, byte for byte; any change to what the review depends on is a new entry."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dbops.commands import check_cache
from tests.conftest import write_migrations

FILES = {
    "V1__people.sql": "CREATE TABLE people (id bigint PRIMARY KEY, name text);\n",
    "V2__index.sql": "CREATE INDEX people_name ON people (name);\n",
}


def _entries() -> list[Path]:
    folder = Path(os.environ["DBOPS_CACHE_DIR"]) / "reviews"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def _no_review(*args: object, **kwargs: object) -> None:
    raise AssertionError("reviewed again although the result was cached")


def test_a_cached_result_is_the_fresh_one(
    run_cli, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_migrations(project, FILES)
    fresh = run_cli("check", "--format", "json", "--no-cache", cwd=project)
    assert not _entries()  # --no-cache writes nothing either
    first = run_cli("check", "--format", "json", cwd=project)
    assert len(_entries()) == 1
    monkeypatch.setattr("dbops.commands.check.review", _no_review)
    again = run_cli("check", "--format", "json", cwd=project)
    assert fresh.stdout == first.stdout == again.stdout and "column-no-null" in again.stdout
    assert fresh.exit_code == first.exit_code == again.exit_code == 1


def test_a_changed_file_or_policy_is_reviewed_afresh(run_cli, project: Path) -> None:
    write_migrations(project, FILES)
    first = run_cli("check", "--format", "json", cwd=project)
    write_migrations(
        project,
        {"V1__people.sql": FILES["V1__people.sql"].replace("name text", "name text NOT NULL")},
    )
    changed = run_cli("check", "--format", "json", cwd=project)
    assert len(_entries()) == 2 and changed.stdout != first.stdout
    strict = run_cli("check", "--format", "json", "--policy", "strict", cwd=project)
    assert len(_entries()) == 3 and strict.exit_code in (0, 1)


def test_an_unreadable_entry_is_reviewed_afresh(run_cli, project: Path) -> None:
    write_migrations(project, FILES)
    first = run_cli("check", "--format", "json", cwd=project)
    (entry,) = _entries()
    entry.write_bytes(b"not a pickle")
    assert run_cli("check", "--format", "json", cwd=project).stdout == first.stdout


def test_the_parsers_versions_are_part_of_the_key() -> None:
    engines = check_cache._engines()
    assert any(item.startswith("sqlglot ") for item in engines)
    assert any(item.startswith("sqlite ") for item in engines)
