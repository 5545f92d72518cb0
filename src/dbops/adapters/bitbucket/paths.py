"""REST paths of the Bitbucket endpoints dbops uses, with every segment URL-quoted
(a workspace or repository may be given as a `{uuid}`)."""

from __future__ import annotations

from urllib.parse import quote


def _segment(value: str | int) -> str:
    return quote(str(value), safe="")


def user(selected_user: str) -> str:
    """An account by `{uuid}` or Atlassian account id."""
    return f"/users/{_segment(selected_user)}"


def repository(workspace: str, repo_slug: str) -> str:
    return f"/repositories/{_segment(workspace)}/{_segment(repo_slug)}"


def pull_request(workspace: str, repo_slug: str, pr_id: int) -> str:
    return f"{repository(workspace, repo_slug)}/pullrequests/{_segment(pr_id)}"


def pull_request_comments(workspace: str, repo_slug: str, pr_id: int) -> str:
    return f"{pull_request(workspace, repo_slug, pr_id)}/comments"


def pull_request_comment(workspace: str, repo_slug: str, pr_id: int, comment_id: int) -> str:
    return f"{pull_request_comments(workspace, repo_slug, pr_id)}/{_segment(comment_id)}"


def commit_pull_requests(workspace: str, repo_slug: str, commit: str) -> str:
    return f"{repository(workspace, repo_slug)}/commit/{_segment(commit)}/pullrequests"


def commit_report(workspace: str, repo_slug: str, commit: str, report_id: str) -> str:
    return (
        f"{repository(workspace, repo_slug)}/commit/{_segment(commit)}/reports/"
        f"{_segment(report_id)}"
    )


def report_annotations(workspace: str, repo_slug: str, commit: str, report_id: str) -> str:
    return f"{commit_report(workspace, repo_slug, commit, report_id)}/annotations"
