"""Shared test fixtures: running the CLI in-process, and the contracts and databases.

Tests that need ../shared/contracts or a database server skip with a reason when it is absent,
except when DBOPS_REQUIRE_SERVICES is set (as .ci/run does): then they fail, so CI never
silently skips them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def _missing(reason: str) -> None:
    if os.environ.get("DBOPS_REQUIRE_SERVICES"):
        pytest.fail(f"{reason} (DBOPS_REQUIRE_SERVICES is set, so this is a failure)")
    pytest.skip(reason)


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


# Commands that change targets ask for confirmation outside Pipelines (dbops.cli.confirm).
CHANGING_COMMANDS = ("rollout", "rollback", "repair", "baseline", "import-history")


def as_script(args: tuple[str, ...]) -> tuple[str, ...]:
    """`args` as a script runs them: `--yes` on a command that changes targets."""
    if args and args[0] in CHANGING_COMMANDS and "--yes" not in args:
        return (*args, "--yes")
    return args


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `dbops ARGS` in-process in `cwd`; returns exit code, stdout and stderr. Commands
    that change targets run as a script runs them (`--yes`) unless `confirm=False`."""
    from dbops.cli.app import run

    def invoke(
        *args: str,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        confirm: bool = True,
    ) -> CliResult:
        if confirm:
            args = as_script(args)
        capsys.readouterr()
        with monkeypatch.context() as patch:
            if cwd is not None:
                patch.chdir(cwd)
            for key, value in (env or {}).items():
                patch.setenv(key, value)
            code = run(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return invoke


@pytest.fixture(autouse=True)
def _private_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each test its own dbops cache: nothing read from or left in the user's ~/.cache/dbops."""
    monkeypatch.setenv("DBOPS_CACHE_DIR", str(tmp_path_factory.mktemp("dbops-cache")))


@pytest.fixture(autouse=True)
def _clean_ci_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests start outside any Bitbucket pipeline, whatever the machine running them has set."""
    for name in list(os.environ):
        if name.startswith("BITBUCKET_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def contracts() -> Path:
    folder = Path(os.environ.get("DBOPS_CONTRACTS", REPO.parent / "shared" / "contracts"))
    if not folder.is_dir():
        _missing(f"contracts folder {folder} not found; set DBOPS_CONTRACTS to ../shared/contracts")
    return folder


@pytest.fixture(scope="session")
def conformance() -> Path:
    folder = Path(os.environ.get("DBOPS_CONFORMANCE", REPO.parent / "shared" / "conformance"))
    if not folder.is_dir():
        _missing(f"conformance folder {folder} not found; set DBOPS_CONFORMANCE")
    return folder


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = os.environ.get("DBOPS_TEST_POSTGRES_URL")
    if not url:
        _missing("DBOPS_TEST_POSTGRES_URL is not set")
    return str(url)


@pytest.fixture(scope="session")
def mysql_url() -> str:
    url = os.environ.get("DBOPS_TEST_MYSQL_URL")
    if not url:
        _missing("DBOPS_TEST_MYSQL_URL is not set")
    return str(url)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """An empty project folder with a migrations/ folder."""
    (tmp_path / "migrations").mkdir()
    yield tmp_path


def write_migrations(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / "migrations" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
