"""`dbops check` in a pull-request pipeline against the fake Bitbucket, end to end: one comment
kept up to date, one Code Insights report whose annotations are replaced, every auth mode, the
Pipelines proxy, and failures that never change the review's exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from dbops.publish.comment import MARKER
from dbops.publish.insights import REPORT_ID
from tests.bitbucket.conftest import COMMIT, PR_ID
from tests.conftest import write_migrations
from tests.fakes.bitbucket import FakeBitbucket, Fault

TOKEN = "repo-access-token-123"
NEXT_COMMIT = "89abcdef0123456789abcdef0123456789abcdef"
TWO_NULLABLE = "CREATE TABLE account (id bigint PRIMARY KEY, name text, email text);\n"
ONE_NULLABLE = "CREATE TABLE account (id bigint PRIMARY KEY, name text NOT NULL, email text);\n"
FIXED = "CREATE TABLE account (id bigint PRIMARY KEY, name text NOT NULL, email text NOT NULL);\n"
CHECK = ("check", "--select", "column-no-null")


def _env(fake: FakeBitbucket, commit: str = COMMIT, **extra: str) -> dict[str, str]:
    env = {
        "BITBUCKET_PR_ID": str(PR_ID),
        "BITBUCKET_WORKSPACE": "acme",
        "BITBUCKET_REPO_SLUG": "app",
        "BITBUCKET_COMMIT": commit,
        "DBOPS_BITBUCKET_API_URL": fake.api_url,
        "DBOPS_BITBUCKET_RETRIES": "1",
        "DBOPS_BITBUCKET_TIMEOUT": "5",
    }
    env.update(extra)
    return env


@pytest.fixture
def token(fake: FakeBitbucket) -> dict[str, str]:
    fake.bearer_tokens[TOKEN] = frozenset({"pullrequest", "account"})
    return {"BITBUCKET_ACCESS_TOKEN": TOKEN}


def test_pr_run_then_fix_updates_one_comment_and_replaces_annotations(
    run_cli, project: Path, fake: FakeBitbucket, token: dict[str, str]
) -> None:
    write_migrations(project, {"001_account.sql": TWO_NULLABLE})
    first = run_cli(*CHECK, cwd=project, env=_env(fake, **token))
    assert first.exit_code == 1
    comments = fake.comments(PR_ID)
    assert len(comments) == 1
    assert comments[0]["content"]["raw"].startswith(MARKER)
    assert "2 errors" in comments[0]["content"]["raw"]
    assert fake.report(COMMIT, REPORT_ID)["result"] == "FAILED"  # type: ignore[index]
    first_ids = {a["external_id"] for a in fake.annotations(COMMIT, REPORT_ID)}
    assert len(first_ids) == 2
    assert {a["line"] for a in fake.annotations(COMMIT, REPORT_ID)} == {1}
    assert "review comment created" in first.stderr

    # A re-run on the same commit after a partial fix: the annotations are replaced, not added.
    write_migrations(project, {"001_account.sql": ONE_NULLABLE})
    second = run_cli(*CHECK, cwd=project, env=_env(fake, **token))
    assert second.exit_code == 1
    second_ids = {a["external_id"] for a in fake.annotations(COMMIT, REPORT_ID)}
    assert len(second_ids) == 1 and second_ids < first_ids  # same finding, same id
    assert [c["id"] for c in fake.comments(PR_ID)] == [comments[0]["id"]]
    assert "review comment updated" in second.stderr

    # The fix pushed as a new commit: the same comment now says the review is clean.
    write_migrations(project, {"001_account.sql": FIXED})
    third = run_cli(*CHECK, cwd=project, env=_env(fake, commit=NEXT_COMMIT, **token))
    assert third.exit_code == 0
    (comment,) = fake.comments(PR_ID)
    assert comment["id"] == comments[0]["id"]
    assert "no findings" in comment["content"]["raw"]
    assert fake.report(NEXT_COMMIT, REPORT_ID)["result"] == "PASSED"  # type: ignore[index]
    assert fake.annotations(NEXT_COMMIT, REPORT_ID) == []
    assert len(fake.calls("POST", "/comments")) == 1


def test_marker_comment_is_found_across_pages_and_deleted_ones_are_ignored(
    run_cli, project: Path, fake: FakeBitbucket, token: dict[str, str]
) -> None:
    fake.page_size = 5
    fake.add_comment(PR_ID, f"{MARKER}\nold review, deleted", deleted=True)
    for n in range(12):
        fake.add_comment(PR_ID, f"a human comment {n}")
    fake.add_comment(PR_ID, f"{MARKER}\na person's comment with the marker: never overwritten")
    ours = fake.add_comment(PR_ID, f"{MARKER}\nprevious review", by_bot=True)
    fake.add_comment(PR_ID, f"quoting it:\n> {MARKER}")
    write_migrations(project, {"001_account.sql": TWO_NULLABLE})
    result = run_cli(*CHECK, cwd=project, env=_env(fake, **token))
    assert result.exit_code == 1
    assert fake.calls("POST", "/comments") == []
    assert len(fake.calls("GET", f"/pullrequests/{PR_ID}/comments")) == 3
    assert ours["content"]["raw"].startswith(MARKER) and "2 errors" in ours["content"]["raw"]


def test_many_findings_are_annotated_in_batches_of_100(
    run_cli, project: Path, fake: FakeBitbucket, token: dict[str, str]
) -> None:
    columns = ", ".join(f"c{n} text" for n in range(250))
    write_migrations(
        project, {"001_wide.sql": f"CREATE TABLE wide (id bigint PRIMARY KEY,\n{columns});\n"}
    )
    result = run_cli(*CHECK, cwd=project, env=_env(fake, **token))
    assert result.exit_code == 1
    posts = fake.calls("POST", "/annotations")
    assert [len(seen.body) for seen in posts] == [100, 100, 50]
    assert len(fake.annotations(COMMIT, REPORT_ID)) == 250


@pytest.mark.parametrize("mode", ["access-token", "api-token", "oauth"])
def test_every_auth_mode_publishes(run_cli, project: Path, fake: FakeBitbucket, mode: str) -> None:
    if mode == "access-token":
        fake.bearer_tokens["tok"] = frozenset({"pullrequest", "account"})
        credentials = {"BITBUCKET_ACCESS_TOKEN": "tok"}
    elif mode == "api-token":
        fake.basic_users[("dev@example.com", "api-tok")] = frozenset({"pullrequest", "account"})
        credentials = {"BITBUCKET_USERNAME": "dev@example.com", "BITBUCKET_API_TOKEN": "api-tok"}
    else:
        fake.oauth_clients[("key", "oauth-secret")] = frozenset({"pullrequest", "account"})
        credentials = {
            "BITBUCKET_OAUTH_CLIENT_ID": "key",
            "BITBUCKET_OAUTH_CLIENT_SECRET": "oauth-secret",
            "DBOPS_BITBUCKET_OAUTH_URL": fake.token_url,
        }
    write_migrations(project, {"001_account.sql": TWO_NULLABLE})
    result = run_cli(*CHECK, cwd=project, env=_env(fake, **credentials))
    assert result.exit_code == 1
    assert len(fake.comments(PR_ID)) == 1
    assert len(fake.annotations(COMMIT, REPORT_ID)) == 2
    for secret in ("api-tok", "oauth-secret"):
        assert secret not in result.stderr + result.stdout


def test_in_pipelines_insights_go_through_the_proxy_without_credentials(
    run_cli, project: Path, fake: FakeBitbucket, token: dict[str, str]
) -> None:
    write_migrations(project, {"001_account.sql": TWO_NULLABLE})
    env = _env(fake, BITBUCKET_BUILD_NUMBER="42", DBOPS_BITBUCKET_PROXY=fake.proxy_url, **token)
    result = run_cli(
        *CHECK, "--format", "junit", "--output", "test-results/dbops.xml", cwd=project, env=env
    )
    assert result.exit_code == 1
    assert (project / "test-results" / "dbops.xml").is_file()
    insights = fake.calls(contains="/reports/")
    assert insights and all(seen.proxied and seen.auth is None for seen in insights)
    comments = fake.calls(contains="/comments")
    assert comments and all(
        not seen.proxied and seen.auth == f"bearer:{TOKEN}" for seen in comments
    )
    assert fake.report(COMMIT, REPORT_ID)["result"] == "FAILED"  # type: ignore[index]
    assert len(fake.annotations(COMMIT, REPORT_ID)) == 2


def test_without_credentials_the_comment_is_skipped_with_a_warning(
    run_cli, project: Path, fake: FakeBitbucket
) -> None:
    write_migrations(project, {"001_account.sql": TWO_NULLABLE})
    env = _env(fake, BITBUCKET_BUILD_NUMBER="42", DBOPS_BITBUCKET_PROXY=fake.proxy_url)
    result = run_cli(*CHECK, cwd=project, env=env)
    assert result.exit_code == 1
    assert "no Bitbucket credentials" in result.stderr and "BITBUCKET_ACCESS_TOKEN" in result.stderr
    assert fake.comments(PR_ID) == []
    assert len(fake.annotations(COMMIT, REPORT_ID)) == 2  # the proxy needs none


@pytest.mark.parametrize("findings", [TWO_NULLABLE, FIXED], ids=["findings", "clean"])
def test_publishing_failure_never_changes_the_exit_code(
    run_cli, project: Path, fake: FakeBitbucket, token: dict[str, str], findings: str
) -> None:
    fake.inject(Fault("status", status=500, times=99))
    write_migrations(project, {"001_account.sql": findings})
    result = run_cli(*CHECK, cwd=project, env=_env(fake, **token))
    assert result.exit_code == (1 if findings == TWO_NULLABLE else 0)
    assert "publishing to Bitbucket failed" in result.stderr
    assert "PR comment:" in result.stderr and "Code Insights:" in result.stderr
    assert TOKEN not in result.stderr


def test_malformed_answer_is_reported_not_a_crash(
    run_cli, project: Path, fake: FakeBitbucket, token: dict[str, str]
) -> None:
    fake.inject(Fault("malformed", method="GET", path_contains="/comments"))
    write_migrations(project, {"001_account.sql": FIXED})
    result = run_cli(*CHECK, cwd=project, env=_env(fake, **token))
    assert result.exit_code == 0
    assert "not JSON" in result.stderr
    assert fake.report(COMMIT, REPORT_ID)["result"] == "PASSED"  # type: ignore[index]


def test_no_publish_and_no_pr_id_publish_nothing(
    run_cli, project: Path, fake: FakeBitbucket, token: dict[str, str]
) -> None:
    write_migrations(project, {"001_account.sql": TWO_NULLABLE})
    assert run_cli(*CHECK, "--no-publish", cwd=project, env=_env(fake, **token)).exit_code == 1
    env = _env(fake, **token)
    del env["BITBUCKET_PR_ID"]
    assert run_cli(*CHECK, cwd=project, env=env).exit_code == 1
    assert fake.requests == []


def test_markdown_format_prints_the_comment_body(
    run_cli, project: Path, fake: FakeBitbucket, token: dict[str, str]
) -> None:
    write_migrations(project, {"001_account.sql": TWO_NULLABLE})
    run_cli(*CHECK, cwd=project, env=_env(fake, **token))
    # In the same PR pipeline (links into the same diff), without publishing again.
    printed = run_cli(
        *CHECK, "--format", "markdown", "--no-publish", cwd=project, env=_env(fake, **token)
    )
    assert printed.stdout == fake.comments(PR_ID)[0]["content"]["raw"]
    assert "/pull-requests/" in printed.stdout and "/diff#L" in printed.stdout
