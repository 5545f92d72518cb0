"""ESC/OSC sequences in file names, SQL identifiers and driver messages never reach the
terminal: every human-readable output shows them escaped."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rollout.conftest import make_project, one_target

NAME = "001_a\x1b]0;pwned\x07.sql"
SQL = 'CREATE TABLE "x\x1b[31my" (id INTEGER PRIMARY KEY, n text);\nSELECT 1 FROM nope\x1b[2J;\n'
COMMANDS = [
    ("check",),
    ("check", "--format", "markdown"),
    ("check", "--format", "junit"),
    ("check", "--format", "json"),
    ("rollout", "--env", "test"),
    ("status", "--env", "test"),
    ("plan", "--env", "test"),
    ("rollout", "--env", "test", "--dry-run"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_control_character_reaches_the_terminal(
    tmp_path: Path, run_cli, args: tuple[str, ...]
) -> None:
    make_project(tmp_path, one_target("sqlite:///t.db"), {NAME: SQL})
    result = run_cli(*args, cwd=tmp_path)
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\x07" not in stream, stream
    if args == ("check",):
        assert "\\x1b" in result.stdout  # shown, escaped
