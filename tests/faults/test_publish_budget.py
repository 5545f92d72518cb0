"""Publishing to Bitbucket never holds `dbops check` past its budget (DBOPS_PUBLISH_BUDGET):
a Retry-After of an hour or a server that never answers ends in a warning, the review's result
and exit code unchanged. Real waits, real loopback HTTP."""

from __future__ import annotations

import time
from pathlib import Path

from tests.bitbucket.conftest import COMMIT, PR_ID, bitbucket_contract, fake  # noqa: F401
from tests.conftest import write_migrations
from tests.fakes.bitbucket import FakeBitbucket, Fault

TOKEN = "budget-token-never-shown"
NULLABLE = "CREATE TABLE account (id bigint PRIMARY KEY, name text);\n"


def _env(fake: FakeBitbucket, budget: str) -> dict[str, str]:  # noqa: F811
    fake.bearer_tokens[TOKEN] = frozenset({"pullrequest"})
    return {
        "BITBUCKET_PR_ID": str(PR_ID),
        "BITBUCKET_WORKSPACE": "acme",
        "BITBUCKET_REPO_SLUG": "app",
        "BITBUCKET_COMMIT": COMMIT,
        "BITBUCKET_ACCESS_TOKEN": TOKEN,
        "DBOPS_BITBUCKET_API_URL": fake.api_url,
        "DBOPS_PUBLISH_BUDGET": budget,
    }


def _check(run_cli, project: Path, env: dict[str, str]) -> tuple[int, str, float]:
    write_migrations(project, {"001_account.sql": NULLABLE})
    started = time.monotonic()
    result = run_cli("check", "--select", "column-no-null", cwd=project, env=env)
    return result.exit_code, result.stderr, time.monotonic() - started


def test_retry_after_an_hour_gives_up_within_the_budget(
    run_cli,
    project: Path,
    fake: FakeBitbucket,  # noqa: F811
) -> None:
    fake.inject(Fault("status", status=429, retry_after="3600", times=999))
    code, stderr, seconds = _check(run_cli, project, _env(fake, "2"))
    assert code == 1  # the finding's exit code stands
    assert seconds < 6, seconds
    assert "publishing budget" in stderr and "DBOPS_PUBLISH_BUDGET" in stderr, stderr
    assert TOKEN not in stderr


def test_a_server_that_never_answers_gives_up_within_the_budget(
    run_cli,
    project: Path,
    fake: FakeBitbucket,  # noqa: F811
) -> None:
    fake.inject(Fault("slow", delay=8.0, times=999))
    code, stderr, seconds = _check(run_cli, project, _env(fake, "2"))
    assert code == 1
    assert seconds < 6, seconds
    assert "publishing to Bitbucket failed" in stderr, stderr
