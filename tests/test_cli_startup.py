"""The start-up fast paths: `dbops --version` and a cached `dbops --help` without typer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dbops import __version__
from dbops.cli import root_help
from dbops.cli.app import _typer_run


def _typer_help(capsys: pytest.CaptureFixture[str]) -> str:
    assert _typer_run(["--help"]) == 0
    return capsys.readouterr().out


def test_cached_help_is_what_typer_prints(capsys: pytest.CaptureFixture[str]) -> None:
    from dbops.cli.app import run

    expected = _typer_help(capsys)
    assert run(["--help"]) == 0  # rendered by typer, then kept
    first = capsys.readouterr().out
    assert list((Path(os.environ["DBOPS_CACHE_DIR"]) / "help").iterdir())
    assert run(["--help"]) == 0  # from the cache
    assert first == capsys.readouterr().out == expected
    assert "check" in expected and "Usage: dbops" in expected


def test_a_changed_command_module_changes_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = root_help._help_key()
    monkeypatch.setenv("COLUMNS", "60")
    assert root_help._help_key() != before  # another width, another text


def test_version_and_cached_help_do_not_import_typer(tmp_path: Path) -> None:
    env = {**os.environ, "DBOPS_CACHE_DIR": str(tmp_path)}
    probe = (
        "import sys\nfrom dbops.cli.app import run\ncode = run(sys.argv[1:])\n"
        "print('typer' in sys.modules, file=sys.stderr)\nsys.exit(code)"
    )

    def start(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-c", probe, *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, check=True)

    version = start("--version")
    assert version.stdout == f"dbops {__version__}\n" and version.stderr.strip() == "False"
    assert start("--help").stderr.strip() == "True"  # the first one renders it with typer
    cached = start("--help")
    assert cached.stderr.strip() == "False" and cached.stdout.startswith("Usage: dbops")


def test_unknown_options_still_go_through_typer() -> None:
    from dbops.cli.app import run

    assert run(["--helpx"]) == 2
