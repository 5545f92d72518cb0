"""Day-one tests: the built wheel installed as the generated files install it."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.bitbucket.conftest import bitbucket_contract, fake  # noqa: F401 (fixtures)
from tests.conftest import REPO
from tests.rollout.conftest import fresh_mysql, fresh_postgres  # fixtures, used by name

# A second database of each engine (prod), next to the first (test).
fresh_postgres_second = fresh_postgres
fresh_mysql_second = fresh_mysql


@pytest.fixture(scope="session")
def wheel_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout built into a wheel, in a folder pip is pointed at (`--find-links`), as
    the package index would serve it."""
    folder = tmp_path_factory.mktemp("wheels")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-w", str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    return folder


@pytest.fixture(scope="session")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty virtual environment (a new Pipelines container has no dbops either)."""
    folder = tmp_path_factory.mktemp("venv")
    venv.create(folder, with_pip=True)
    return folder


def pip_environment(wheel_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The machine's environment with pip finding the built wheel first."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BITBUCKET_", "VIRTUAL_ENV"))}
    env["PIP_FIND_LINKS"] = " ".join(
        part for part in (str(wheel_dir), os.environ.get("PIP_FIND_LINKS", "")) if part
    )
    env.update(extra or {})
    return env
