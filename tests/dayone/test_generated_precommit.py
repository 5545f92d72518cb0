"""The `.pre-commit-config.yaml` that `dbops init` writes, run by the real `pre-commit` tool:
it installs the pinned dbops-gitops (served here from the built wheel, as the package index
would) into the hook's own environment and refuses a commit with a finding."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from dbops import requirement
from tests.dayone.conftest import pip_environment
from tests.test_precommit_hook import GIT_IDENTITY, NULLABLE


def run(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
    )


@pytest.mark.slow
def test_generated_config_installs_the_pinned_dbops_and_refuses_a_finding(
    run_cli: Any, tmp_path: Path, wheel_dir: Path
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    assert run_cli("init", "--dialect", "postgres", cwd=project).exit_code == 0
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "local"
    assert hook["additional_dependencies"] == [requirement()]

    (tmp_path / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    env = pip_environment(
        wheel_dir,
        {
            **GIT_IDENTITY,
            "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
            "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
        },
    )
    for name in [key for key in env if key.startswith("PRE_COMMIT_") and key != "PRE_COMMIT_HOME"]:
        del env[name]
    assert run(project, env, "git", "init", "-q").returncode == 0
    assert run(project, env, sys.executable, "-m", "pre_commit", "install").returncode == 0
    run(project, env, "git", "add", ".")
    first = run(project, env, "git", "commit", "-m", "dbops init")
    hooks_output = first.stdout + first.stderr
    assert first.returncode == 0, hooks_output
    assert "dbops check" in hooks_output and "Passed" in hooks_output
    installed = list((tmp_path / "pre-commit-cache").rglob("dbops_gitops-0.2.0.dist-info"))
    assert installed, "pre-commit did not install dbops-gitops==0.2.0 for the hook"

    bad = project / "migrations" / "000002_create_t2024.sql"
    bad.write_text(NULLABLE)
    run(project, env, "git", "add", str(bad))
    refused = run(project, env, "git", "commit", "-m", "t2024")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "migrations/000002_create_t2024.sql:3:" in output and "column-no-null" in output
