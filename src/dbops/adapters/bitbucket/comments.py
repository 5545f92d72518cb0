"""The one dbops comment on a pull request: found by its hidden marker across every page of
comments (deleted ones ignored), updated in place, or created when there is none yet.

Only a comment that the account dbops posts as wrote is ever updated (GET /user says which
account that is): anyone can start a comment with the marker, and dbops must not overwrite a
person's words. When the account cannot be read (the credentials lack the 'account' scope),
dbops posts a new comment rather than overwrite one it cannot prove it wrote."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dbops.adapters.bitbucket import paths
from dbops.adapters.bitbucket.client import BitbucketClient
from dbops.errors import PublishError
from dbops.publish.comment import is_review_comment


@dataclass(frozen=True)
class CommentOutcome:
    action: str  # created | updated | unchanged
    comment_id: int


def current_account(client: BitbucketClient) -> dict[str, Any] | None:
    """The account the credentials act as, or None when it cannot be read."""
    try:
        user = client.get("/user", what="the account dbops posts as", scope="account")
    except PublishError:
        return None
    return user if isinstance(user, dict) else None


def same_account(author: Any, account: dict[str, Any] | None) -> bool:
    """Whether a comment's `user` is `account` (compared by uuid, else account_id)."""
    if account is None or not isinstance(author, dict):
        return False
    for key in ("uuid", "account_id"):
        if account.get(key) and author.get(key):
            return bool(author[key] == account[key])
    return False


def find_review_comment(
    client: BitbucketClient,
    workspace: str,
    repo_slug: str,
    pr_id: int,
    account: dict[str, Any] | None = None,
) -> dict[str, Any] | None:
    """The oldest live comment carrying the dbops marker written by `account`, or None."""
    for comment in client.paginate(
        paths.pull_request_comments(workspace, repo_slug, pr_id),
        what=_what(workspace, repo_slug, pr_id),
        scope="pullrequest",
        params={"pagelen": 100},
    ):
        if comment.get("deleted") or comment.get("inline"):
            continue
        if is_review_comment(_raw(comment)) and same_account(comment.get("user"), account):
            return comment
    return None


def upsert_review_comment(
    client: BitbucketClient, workspace: str, repo_slug: str, pr_id: int, body: str
) -> CommentOutcome:
    account = current_account(client)
    existing = find_review_comment(client, workspace, repo_slug, pr_id, account)
    payload = {"type": "pullrequest_comment", "content": {"raw": body}}
    if existing is None:
        created = client.request(
            "POST",
            paths.pull_request_comments(workspace, repo_slug, pr_id),
            what=_what(workspace, repo_slug, pr_id),
            scope="pullrequest",
            body=payload,
        )
        return CommentOutcome("created", _comment_id(created, pr_id))
    comment_id = _comment_id(existing, pr_id)
    if _raw(existing) == body:
        return CommentOutcome("unchanged", comment_id)
    client.request(
        "PUT",
        paths.pull_request_comment(workspace, repo_slug, pr_id, comment_id),
        what=f"comment {comment_id} on {_what(workspace, repo_slug, pr_id)}",
        scope="pullrequest",
        body=payload,
    )
    return CommentOutcome("updated", comment_id)


def _what(workspace: str, repo_slug: str, pr_id: int) -> str:
    return f"pull request #{pr_id} of {workspace}/{repo_slug}"


def _raw(comment: dict[str, Any]) -> str:
    content = comment.get("content")
    raw = content.get("raw") if isinstance(content, dict) else None
    return raw if isinstance(raw, str) else ""


def _comment_id(comment: Any, pr_id: int) -> int:
    value = comment.get("id") if isinstance(comment, dict) else None
    if not isinstance(value, int):
        raise PublishError(f"Bitbucket answered a comment on pull request #{pr_id} with no id.")
    return value
