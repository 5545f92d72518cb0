"""Reading approvals of the pull request(s) a commit belongs to, against the fake Bitbucket."""

from __future__ import annotations

from typing import Any

import pytest

from dbops.adapters.bitbucket.approvals import Approver, approvals_for_commit
from dbops.adapters.bitbucket.client import client_from_environment
from dbops.adapters.http_retry import RetryPolicy
from dbops.errors import ConfigError, PublishError
from tests.bitbucket.conftest import COMMIT, REPO, WORKSPACE
from tests.fakes.bitbucket import FakeBitbucket


def _participant(nickname: str, approved: bool, role: str = "REVIEWER") -> dict[str, Any]:
    user = {
        "type": "user",
        "uuid": f"{{uuid-{nickname}}}",
        "display_name": nickname.title(),
        "nickname": nickname,
        "account_id": f"557058:{nickname}",
    }
    entry: dict[str, Any] = {
        "type": "participant",
        "user": user,
        "role": role,
        "approved": approved,
    }
    if approved:
        entry["state"] = "approved"
    return entry


def _client(fake: FakeBitbucket, policy: RetryPolicy) -> Any:
    fake.bearer_tokens["tok"] = frozenset({"pullrequest"})
    env = {"BITBUCKET_ACCESS_TOKEN": "tok", "DBOPS_BITBUCKET_API_URL": fake.api_url}
    return client_from_environment(env, policy=policy)


def test_approvers_of_every_pull_request_of_the_commit(
    fake: FakeBitbucket, policy: RetryPolicy
) -> None:
    merge = "feedfacefeedfacefeedfacefeedfacefeedface"
    fake.add_pull_request(
        12,
        title="Add orders",
        state="MERGED",
        participants=[
            _participant("alice", approved=True),
            _participant("bob", approved=False),
            _participant("dba-team", approved=True, role="PARTICIPANT"),
        ],
        commits=(merge,),
    )
    fake.add_pull_request(3, state="DECLINED", participants=[], commits=(merge,))
    with _client(fake, policy) as client:
        approvals = approvals_for_commit(client, WORKSPACE, REPO, merge)
    assert [(a.pr_id, a.state) for a in approvals] == [(3, "DECLINED"), (12, "MERGED")]
    assert approvals[0].approvers == ()
    assert approvals[1].title == "Add orders"
    assert approvals[1].approvers == (
        Approver("{uuid-alice}", "557058:alice", "alice", "Alice"),
        Approver("{uuid-dba-team}", "557058:dba-team", "dba-team", "Dba-Team"),
    )


def test_pull_request_list_follows_pagination(fake: FakeBitbucket, policy: RetryPolicy) -> None:
    fake.page_size = 2
    merge = "abcabcabcabcabcabcabcabcabcabcabcabcabca"
    for pr_id in range(20, 25):
        fake.add_pull_request(pr_id, participants=[_participant("alice", True)], commits=(merge,))
    with _client(fake, policy) as client:
        approvals = approvals_for_commit(client, WORKSPACE, REPO, merge)
    assert [a.pr_id for a in approvals] == [20, 21, 22, 23, 24]
    listing = fake.calls("GET", f"/commit/{merge}/pullrequests")
    assert len(listing) == 3
    assert all(len(a.approvers) == 1 for a in approvals)


def test_a_commit_in_no_pull_request_has_no_approvals(
    fake: FakeBitbucket, policy: RetryPolicy
) -> None:
    with _client(fake, policy) as client:
        assert approvals_for_commit(client, WORKSPACE, REPO, "f" * 40) == []


def test_unknown_repository_names_the_variables(fake: FakeBitbucket, policy: RetryPolicy) -> None:
    with _client(fake, policy) as client, pytest.raises(PublishError) as caught:
        approvals_for_commit(client, WORKSPACE, "nope", COMMIT)
    message = str(caught.value)
    assert "acme/nope" in message
    assert "BITBUCKET_WORKSPACE" in message
    assert "BITBUCKET_REPO_SLUG" in message


def test_no_credentials_is_a_config_error_naming_the_variables() -> None:
    with pytest.raises(ConfigError) as caught:
        client_from_environment({})
    message = str(caught.value)
    for name in ("BITBUCKET_ACCESS_TOKEN", "BITBUCKET_API_TOKEN", "BITBUCKET_OAUTH_CLIENT_ID"):
        assert name in message
