"""The published pre-commit hook (`.pre-commit-hooks.yaml`), run by the real `pre-commit` tool.

pre-commit installs dbops from a git repository holding this checkout into its own virtual
environment (PRE_COMMIT_HOME in tmp), exactly as it would from GitHub, then runs the hook from
`git commit`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

MANIFEST = REPO / ".pre-commit-hooks.yaml"
# What `pip install .` of this project needs; the rest of the checkout stays out of the copy.
PROJECT_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "rules")
NULLABLE = "CREATE TABLE t2024 (\n  id bigint PRIMARY KEY,\n  name varchar(255)\n);\n"
FIXED = "CREATE TABLE t2024 (\n  id bigint PRIMARY KEY,\n  name varchar(255) NOT NULL\n);\n"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "dbops test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "dbops test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
}


def run(cwd: Path, *args: str, env: dict[str, str] | None = None, check: bool = True) -> str:
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=900
    )
    output = result.stdout + result.stderr
    if check and result.returncode != 0:
        pytest.fail(f"{' '.join(args)} failed ({result.returncode}):\n{output}")
    return output if check else f"{result.returncode}\n{output}"


def git_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(GIT_IDENTITY)
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-cache")
    env["GIT_CONFIG_GLOBAL"] = str(tmp_path / "gitconfig")  # no user hooks, signing, templates
    (tmp_path / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    return env


def hook_repository(tmp_path: Path, env: dict[str, str]) -> tuple[Path, str]:
    """A git repository with this checkout's packaging files in one commit: what pre-commit
    clones when a user's config names dbops."""
    source = tmp_path / "dbops-src"
    source.mkdir()
    for name in PROJECT_FILES:
        origin = REPO / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, source / name)
    run(source, "git", "init", "-q", env=env)
    run(source, "git", "add", ".", env=env)
    run(source, "git", "commit", "-q", "-m", "dbops", env=env)
    return source, run(source, "git", "rev-parse", "HEAD", env=env).strip()


def test_manifest_is_valid_and_runs_dbops_check_on_sql_files() -> None:
    run(REPO, sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST))
    (hook,) = yaml.safe_load(MANIFEST.read_text())
    assert hook["id"] == "dbops-check"
    assert hook["entry"] == "dbops check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert "\\.sql$" in hook["files"]


@pytest.mark.slow
def test_commit_with_a_not_null_violation_fails_and_a_fixed_one_passes(tmp_path: Path) -> None:
    env = git_env(tmp_path)
    source, sha = hook_repository(tmp_path, env)
    project = tmp_path / "project"
    (project / "migrations").mkdir(parents=True)
    run(project, "git", "init", "-q", env=env)
    config = {"repos": [{"repo": str(source), "rev": sha, "hooks": [{"id": "dbops-check"}]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    (project / "migrations" / "202505141650_create_users.sql").write_text(
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
    )
    run(project, sys.executable, "-m", "pre_commit", "install", env=env)
    run(project, "git", "add", ".", env=env)
    first = run(project, "git", "commit", "-m", "first migration", env=env)
    assert "dbops check" in first and "Passed" in first

    # A second migration breaks the NOT NULL rule: the commit is refused with the finding.
    bad = project / "migrations" / "202505141700_create_t2024.sql"
    bad.write_text(NULLABLE)
    run(project, "git", "add", str(bad), env=env)
    refused = run(project, "git", "commit", "-m", "t2024", env=env, check=False)
    code, output = refused.split("\n", 1)
    assert code != "0", output
    assert "Failed" in output
    assert "migrations/202505141700_create_t2024.sql:3:" in output
    assert "column-no-null" in output
    assert run(project, "git", "log", "--format=%s", env=env).split() == ["first", "migration"]

    # Fixed and staged again: the commit goes through.
    bad.write_text(FIXED)
    run(project, "git", "add", str(bad), env=env)
    accepted = run(project, "git", "commit", "-m", "t2024 not null", env=env)
    assert "dbops check" in accepted and "Passed" in accepted


def test_hook_reviews_a_staged_file_with_its_folder_history(tmp_path: Path) -> None:
    """The same hook definition as a `repo: local` hook with the dbops of this environment
    (no install): a staged ALTER is judged against a table an earlier migration created."""
    dbops = shutil.which("dbops", path=str(Path(sys.executable).parent))
    if dbops is None:
        pytest.skip("the dbops console script is not installed next to this Python")
    env = git_env(tmp_path)
    (hook,) = yaml.safe_load(MANIFEST.read_text())
    local = {**hook, "language": "system", "entry": f"{dbops} check"}
    local.pop("minimum_pre_commit_version", None)
    project = tmp_path / "project"
    (project / "migrations").mkdir(parents=True)
    run(project, "git", "init", "-q", env=env)
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    (project / "migrations" / "1_users.sql").write_text(
        "CREATE TABLE users (id bigint PRIMARY KEY);\n"
    )
    run(project, "git", "add", ".", env=env)
    run(project, "git", "commit", "-q", "--no-verify", "-m", "base", env=env)
    (project / "migrations" / "2_flag.sql").write_text(
        "ALTER TABLE users ADD COLUMN flag boolean NOT NULL;\n"
    )
    run(project, "git", "add", ".", env=env)
    refused = run(project, sys.executable, "-m", "pre_commit", "run", env=env, check=False)
    code, output = refused.split("\n", 1)
    assert code == "1", output
    assert "migrations/2_flag.sql:1:" in output and "adding-required-field" in output
    assert "1_users.sql" not in output  # only the staged file is reported
