"""dbops only updates a PR comment that the account it posts as wrote: a person's comment that
starts with the hidden marker is left alone."""

from __future__ import annotations

from pathlib import Path

from dbops.publish.comment import MARKER
from tests.bitbucket.conftest import COMMIT, PR_ID, bitbucket_contract, fake  # noqa: F401
from tests.conftest import write_migrations
from tests.fakes.bitbucket import FakeBitbucket

NULLABLE = "CREATE TABLE account (id bigint PRIMARY KEY, name text);\n"


def _env(fake: FakeBitbucket, scopes: frozenset[str]) -> dict[str, str]:  # noqa: F811
    fake.bearer_tokens["tok"] = scopes
    return {
        "BITBUCKET_PR_ID": str(PR_ID),
        "BITBUCKET_WORKSPACE": "acme",
        "BITBUCKET_REPO_SLUG": "app",
        "BITBUCKET_COMMIT": COMMIT,
        "BITBUCKET_ACCESS_TOKEN": "tok",
        "DBOPS_BITBUCKET_API_URL": fake.api_url,
    }


def test_a_persons_marker_comment_is_never_overwritten(
    run_cli,
    project: Path,
    fake: FakeBitbucket,  # noqa: F811
) -> None:
    persons = fake.add_comment(PR_ID, f"{MARKER}\nmy own notes, please keep")
    write_migrations(project, {"001_account.sql": NULLABLE})
    env = _env(fake, frozenset({"pullrequest", "account"}))
    assert run_cli("check", cwd=project, env=env).exit_code == 1
    assert persons["content"]["raw"] == f"{MARKER}\nmy own notes, please keep"
    ours = [c for c in fake.comments(PR_ID) if c["user"] == fake.bot]
    assert len(ours) == 1 and "account" in ours[0]["content"]["raw"]
    write_migrations(project, {"001_account.sql": NULLABLE + "CREATE TABLE b (x text);\n"})
    assert run_cli("check", cwd=project, env=env).exit_code == 1  # the second run updates ours
    assert len([c for c in fake.comments(PR_ID) if c["user"] == fake.bot]) == 1
    puts = fake.calls("PUT", "/comments/")
    assert puts and all(c.path.endswith(f"/comments/{ours[0]['id']}") for c in puts)
    assert persons["content"]["raw"] == f"{MARKER}\nmy own notes, please keep"


def test_without_the_account_scope_a_marker_comment_is_not_overwritten(
    run_cli,
    project: Path,
    fake: FakeBitbucket,  # noqa: F811
) -> None:
    persons = fake.add_comment(PR_ID, f"{MARKER}\nmine")
    write_migrations(project, {"001_account.sql": NULLABLE})
    run_cli("check", cwd=project, env=_env(fake, frozenset({"pullrequest"})))
    assert persons["content"]["raw"] == f"{MARKER}\nmine"
    assert fake.calls("PUT", "/comments/") == []
