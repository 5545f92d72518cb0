"""The install commands of the README, the Pipe's Dockerfile and the GitHub Action, run."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dbops import __version__
from tests.conftest import REPO
from tests.dayone.conftest import pip_environment

CHECKOUT_FILES = ("pyproject.toml", "README.md", "src", "rules", "examples")


def commands_of(section: str) -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    text = readme.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", text, re.DOTALL)


def run(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900,
        check=False,
    )  # fmt: skip


@pytest.mark.slow
def test_the_readme_commands_run_one_after_the_other_in_one_shell(
    tmp_path: Path, wheel_dir: Path
) -> None:
    checkout = tmp_path / "dbops"
    checkout.mkdir()
    for name in CHECKOUT_FILES:
        source = REPO / name
        if source.is_dir():
            ignored = shutil.ignore_patterns("__pycache__", "*.db", ".dbops*")
            shutil.copytree(source, checkout / name, ignore=ignored)
        else:
            shutil.copy2(source, checkout / name)
    first, second = commands_of("Two commands on a fresh machine")
    assert "pip install ." in first and 'pip install ".[dev]"' in second
    # The first command, then where the second one would start: the checkout it installs.
    result = run(f"{first}\necho CWD=$(pwd)", checkout, pip_environment(wheel_dir))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "column-no-null" in output  # the example's intended finding
    assert f"CWD={checkout}" in output
    assert list(checkout.glob(".venv/lib/python*/site-packages/dbops_gitops-*.dist-info"))


@pytest.mark.parametrize("source", ["action/Dockerfile", "action/action.yml"])
def test_the_pipe_and_action_install_their_checkout_only_at_the_pinned_version(
    source: str, tmp_path: Path
) -> None:
    text = (REPO / source).read_text(encoding="utf-8")
    (line,) = [line for line in text.splitlines() if "pip install" in line]
    requirements = re.findall(r'"([^"]+)"', line)
    assert requirements[-1] == f"dbops-gitops=={__version__}"
    checkout = re.sub(r"^(/src/dbops|\$\{GITHUB_ACTION_PATH\}/\.\.)", str(REPO), requirements[0])
    pip = [sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--quiet"]
    accepted = subprocess.run(
        [*pip, checkout, requirements[-1]], capture_output=True, text=True, check=False
    )
    assert accepted.returncode == 0, accepted.stderr
    refused = subprocess.run(
        [*pip, checkout, "dbops-gitops==9.9.9"], capture_output=True, text=True, check=False
    )
    assert refused.returncode != 0 and "9.9.9" in refused.stderr
