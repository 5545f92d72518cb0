"""Who approved the pull request(s) a commit belongs to: the input of the rollout's approval
gate (DESIGN §5)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dbops.adapters.bitbucket import paths
from dbops.adapters.bitbucket.client import BitbucketClient
from dbops.errors import PublishError


@dataclass(frozen=True)
class Approver:
    uuid: str
    account_id: str | None
    nickname: str | None
    display_name: str


@dataclass(frozen=True)
class PullRequestApprovals:
    pr_id: int
    title: str
    state: str
    approvers: tuple[Approver, ...]


def approvals_for_commit(
    client: BitbucketClient, workspace: str, repo_slug: str, commit: str
) -> list[PullRequestApprovals]:
    """Every pull request that contains `commit`, each with the participants who approved it."""
    repo = f"{workspace}/{repo_slug}"
    listing = client.paginate(
        paths.commit_pull_requests(workspace, repo_slug, commit),
        what=(
            f"pull request list of commit {commit[:12]} in {repo} (Bitbucket indexes these "
            f"links only once the 'Pull Request Commit Links' app is installed: open any "
            f"commit's 'Go to pull request' once)"
        ),
        scope="pullrequest",
    )
    pr_ids = sorted({_pr_id(entry, repo) for entry in listing})
    return [_approvals(client, workspace, repo_slug, pr_id) for pr_id in pr_ids]


def _approvals(
    client: BitbucketClient, workspace: str, repo_slug: str, pr_id: int
) -> PullRequestApprovals:
    pull_request = client.get(
        paths.pull_request(workspace, repo_slug, pr_id),
        what=f"pull request #{pr_id} of {workspace}/{repo_slug}",
        scope="pullrequest",
    )
    if not isinstance(pull_request, dict):
        raise PublishError(f"Bitbucket answered pull request #{pr_id} with no object.")
    participants = pull_request.get("participants") or []
    approvers = tuple(
        _approver(participant["user"])
        for participant in participants
        if isinstance(participant, dict)
        and participant.get("approved") is True
        and isinstance(participant.get("user"), dict)
    )
    return PullRequestApprovals(
        pr_id=pr_id,
        title=str(pull_request.get("title", "")),
        state=str(pull_request.get("state", "")),
        approvers=approvers,
    )


def display_name(client: BitbucketClient, selected_user: str) -> str | None:
    """The display name of an account (`{uuid}` or account id), None when it has none."""
    user = client.get(paths.user(selected_user), what=f"account {selected_user}", scope="account")
    name = user.get("display_name") if isinstance(user, dict) else None
    return name if isinstance(name, str) and name.strip() else None


def _pr_id(entry: dict[str, Any], repo: str) -> int:
    value = entry.get("id")
    if not isinstance(value, int):
        raise PublishError(f"Bitbucket listed a pull request of {repo} without an id.")
    return value


def _approver(user: dict[str, Any]) -> Approver:
    def optional(key: str) -> str | None:
        value = user.get(key)
        return value if isinstance(value, str) and value else None

    return Approver(
        uuid=str(user.get("uuid", "")),
        account_id=optional("account_id"),
        nickname=optional("nickname"),
        display_name=str(user.get("display_name", "")),
    )
