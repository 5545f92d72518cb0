"""The pipeline `dbops init` writes, run as Bitbucket Pipelines would run it: every script line
literally, in a shell, in a fresh virtual environment that has only the built wheel to find
dbops in, with the Pipelines variables set and the database of the engine from this machine.

A new user's day one: init, a pull request adding a migration (review step), the merge (release,
roll out to test), then the manual prod step."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.dayone.conftest import pip_environment
from tests.fakes.bitbucket import FakeBitbucket

PR_ID = 7
GIT = {
    "GIT_AUTHOR_NAME": "Ada",
    "GIT_AUTHOR_EMAIL": "ada@example.com",
    "GIT_COMMITTER_NAME": "Ada",
    "GIT_COMMITTER_EMAIL": "ada@example.com",
}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, env={**GIT, "PATH": "/usr/bin:/bin"}, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout.strip()


def steps(pipeline: dict[str, Any], *path: str) -> dict[str, dict[str, Any]]:
    group: Any = pipeline["pipelines"]
    for key in path:
        group = group[key]
    return {item["step"]["name"]: item["step"] for item in group}


def run_step(step: dict[str, Any], clone: Path, venv: Path, env: dict[str, str]) -> str:
    """Each line in its own shell, as Pipelines runs them; the first failing line fails it."""
    path = f"{venv / 'bin'}:/usr/local/bin:/usr/bin:/bin"
    shown = []
    for line in step["script"]:
        result = subprocess.run(
            ["bash", "-c", line], cwd=clone, env={**env, "PATH": path, **GIT},
            capture_output=True, text=True, timeout=900, check=False,
        )  # fmt: skip
        shown.append(f"+ {line}\n{result.stdout}{result.stderr}")
        assert result.returncode == 0, f"step {step['name']!r} failed:\n" + "\n".join(shown)
    return "\n".join(shown)


def init_repository(run_cli: Any, tmp_path: Path, dialect: str) -> tuple[Path, dict[str, Any]]:
    """`dbops init` in a new repository pushed to an origin, as a user would start."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    git(clone, "checkout", "-q", "-b", "main")
    result = run_cli("init", "--dialect", dialect, cwd=clone)
    assert result.exit_code == 0, result.stderr
    assert "TEST_DATABASE_URL" in result.stdout and "PROD_DATABASE_URL" in result.stdout
    git(clone, "add", ".")
    git(clone, "commit", "-q", "-m", "dbops init")
    git(clone, "push", "-q", "origin", "main")
    pipeline = yaml.safe_load((clone / "bitbucket-pipelines.yml").read_text(encoding="utf-8"))
    return clone, pipeline


def pipelines_variables(clone: Path, fake: FakeBitbucket) -> dict[str, str]:
    return {
        "BITBUCKET_BUILD_NUMBER": "12",
        "BITBUCKET_CLONE_DIR": str(clone),
        "BITBUCKET_WORKSPACE": "acme",
        "BITBUCKET_REPO_SLUG": "app",
        "BITBUCKET_COMMIT": git(clone, "rev-parse", "HEAD"),
        "BITBUCKET_BRANCH": git(clone, "rev-parse", "--abbrev-ref", "HEAD"),
        "DBOPS_BITBUCKET_API_URL": fake.api_url,
        "DBOPS_BITBUCKET_PROXY": fake.proxy_url,
    }


@pytest.mark.slow
@pytest.mark.parametrize("dialect", ["postgres", "mariadb", "sqlite"])
def test_day_one_every_generated_step_runs(
    run_cli: Any,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    wheel_dir: Path,
    fresh_venv: Path,
    fake: FakeBitbucket,
    dialect: str,
) -> None:
    if dialect == "sqlite":
        test_url, prod_url = "", f"sqlite:///{tmp_path / 'prod.db'}"
    else:
        fixture = "fresh_postgres" if dialect == "postgres" else "fresh_mysql"
        test_url = str(request.getfixturevalue(fixture))
        prod_url = str(request.getfixturevalue(fixture + "_second"))
    clone, pipeline = init_repository(run_cli, tmp_path, dialect)
    repository = {"TEST_DATABASE_URL": test_url} if test_url else {}

    # A pull request adding a migration: the review step.
    git(clone, "checkout", "-q", "-b", "feature/orders")
    (clone / "migrations" / "000002_create_orders.sql").write_text(
        "CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  total_cents bigint NOT NULL\n);\n"
    )
    git(clone, "add", ".")
    git(clone, "commit", "-q", "-m", "orders")
    fake.add_pull_request(PR_ID, commits=(git(clone, "rev-parse", "HEAD"),))
    pipeline_env = pip_environment(wheel_dir, repository)
    pr_env = {
        **pipeline_env,
        **pipelines_variables(clone, fake),
        "BITBUCKET_PR_ID": str(PR_ID),
        "BITBUCKET_PR_DESTINATION_BRANCH": "main",
        # the step's database service is this machine's server: the shadow goes beside it
        **({"SHADOW_DATABASE_URL": test_url} if test_url else {}),
    }
    (review,) = steps(pipeline, "pull-requests", "**").values()
    log = run_step(review, clone, fresh_venv, pr_env)
    assert "shadow run on" in log and "1 reviewed migration(s) applied" in log
    # the first line installed exactly the pinned name and version, from the built wheel
    assert list(fresh_venv.glob("lib/python*/site-packages/dbops_gitops-0.2.0.dist-info"))
    assert "000002" in log  # the plan read from the real database shows the new migration
    junit = (clone / "test-results" / "dbops.xml").read_text(encoding="utf-8")
    assert "000002_create_orders.sql" in junit
    report = fake.report(pr_env["BITBUCKET_COMMIT"], "dbops-review")
    assert report is not None and report["result"] == "PASSED"

    # The merge: release, roll out to test, then the manual prod step.
    git(clone, "checkout", "-q", "main")
    git(clone, "merge", "-q", "--no-ff", "-m", "Merged in feature/orders (pull request #7)",
        "feature/orders")  # fmt: skip
    main = steps(pipeline, "branches", "main")
    branch_env = {**pipeline_env, **pipelines_variables(clone, fake)}
    run_step(main["Release"], clone, fresh_venv, branch_env)
    assert len(json.loads((clone / "release.json").read_text())["migrations"]) == 2
    test_env = {**branch_env, "BITBUCKET_DEPLOYMENT_ENVIRONMENT": "test"}
    run_step(main["Roll out to test"], clone, fresh_venv, test_env)
    prod_env = {
        **branch_env,
        "BITBUCKET_DEPLOYMENT_ENVIRONMENT": "production",
        "PROD_DATABASE_URL": prod_url,
    }
    assert main["Roll out to prod"]["trigger"] == "manual"
    log = run_step(main["Roll out to prod"], clone, fresh_venv, prod_env)
    assert "requires test" in log  # the gate ran, and passed: test had the release
    status = run_cli("status", "--env", "prod", "--format", "json", cwd=clone, env=prod_env)
    assert status.exit_code == 0, status.stderr
    (target,) = json.loads(status.stdout)["targets"]
    assert [row["version"] for row in target["history"]] == ["000001", "000002"]
