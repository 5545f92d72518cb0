"""Every entry of the migrations folder that looks like a migration is read, or an exit-2 error
naming it: a migration is never lost without a word, and a FIFO never hangs check or rollout."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.rollout.conftest import make_project, one_target

CREATE = "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"


def _dangling(folder: Path) -> None:
    (folder / "000002_lost.sql").symlink_to(folder / "nowhere.sql")


def _loop(folder: Path) -> None:
    (folder / "000002_lost.sql").symlink_to(folder / "000002_lost.sql")


def _directory(folder: Path) -> None:
    (folder / "000002_lost.sql").mkdir()


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "000002_lost.sql")


ODDITIES: dict[str, tuple[Callable[[Path], None], str]] = {
    "dangling symlink": (_dangling, "dangling"),
    "symlink loop": (_loop, "symlink loop"),
    "directory": (_directory, "directory"),
    "fifo": (_fifo, "FIFO"),
}


@pytest.mark.parametrize("command", ["check", "rollout"])
@pytest.mark.parametrize("oddity", list(ODDITIES))
def test_an_entry_named_like_a_migration_is_read_or_refused(
    tmp_path: Path, run_cli, oddity: str, command: str
) -> None:
    make_project(tmp_path, one_target("sqlite:///target.db"), {"000001_t.sql": CREATE})
    make, said = ODDITIES[oddity]
    make(tmp_path / "migrations")
    args = ["check"] if command == "check" else ["rollout", "--env", "test"]
    result = run_cli(*args, cwd=tmp_path)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "000002_lost.sql" in result.stderr and said in result.stderr, result.stderr
    if command == "rollout":  # nothing applied: not even the readable first migration
        target = tmp_path / "target.db"
        if target.exists():
            tables = sqlite3.connect(target).execute("SELECT name FROM sqlite_master").fetchall()
            assert ("t",) not in tables


def test_a_symlink_to_a_real_file_is_a_migration(tmp_path: Path, run_cli) -> None:
    make_project(tmp_path, one_target("sqlite:///target.db"), {"000001_t.sql": CREATE})
    elsewhere = tmp_path / "shared.sql"
    elsewhere.write_text("CREATE TABLE u (id INTEGER PRIMARY KEY);\n", encoding="utf-8")
    (tmp_path / "migrations" / "000002_u.sql").symlink_to(elsewhere)
    result = run_cli("rollout", "--env", "test", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    tables = sqlite3.connect(tmp_path / "target.db").execute("SELECT name FROM sqlite_master")
    assert {"t", "u"} <= {row[0] for row in tables}


def test_a_version_no_engine_can_store_is_refused_at_check_time(tmp_path: Path, run_cli) -> None:
    name = f"{'9' * 120}_huge.sql"
    make_project(tmp_path, one_target("sqlite:///target.db"), {name: CREATE})
    result = run_cli("check", cwd=tmp_path)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert name in result.stderr and "120 characters" in result.stderr


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"CREATE TABLE caf\xe9 (id INTEGER PRIMARY KEY);\n", "not valid UTF-8"),
        (b"CREATE TABLE b (id INTEGER PRIMARY KEY);\n\x00\n", "NUL character"),
        ("CREATE TABLE b (id INTEGER);\n".encode("utf-16"), "not valid UTF-8"),
    ],
    ids=["latin-1", "nul", "utf-16"],
)
def test_a_file_no_engine_can_run_is_refused_at_check_time(
    tmp_path: Path, run_cli, content: bytes, said: str
) -> None:
    make_project(tmp_path, one_target("sqlite:///target.db"), {"000001_t.sql": CREATE})
    (tmp_path / "migrations" / "000002_bad.sql").write_bytes(content)
    for args in (["check"], ["rollout", "--env", "test"]):
        result = run_cli(*args, cwd=tmp_path)
        assert result.exit_code == 2, result.stdout + result.stderr
        assert "000002_bad.sql" in result.stderr and said in result.stderr, result.stderr
    assert not (tmp_path / "target.db").exists()


def test_a_bom_and_an_empty_file_are_read(tmp_path: Path, run_cli) -> None:
    make_project(tmp_path, one_target("sqlite:///target.db"), {"000002_empty.sql": ""})
    (tmp_path / "migrations" / "000001_bom.sql").write_bytes(b"\xef\xbb\xbf" + CREATE.encode())
    result = run_cli("rollout", "--env", "test", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr
