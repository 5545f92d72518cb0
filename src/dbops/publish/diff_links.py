"""Links from a finding to its line in the pull request's diff on Bitbucket Cloud.

Bitbucket Cloud anchors a line of a PR's diff as `…/pull-requests/<id>/diff#L<path>T<line>`
(`T`: the line in the new version of the file; `F` would be the old one), and a file as
`#chg-<path>`. The path keeps its slashes; anything else that could end the link in markdown
(spaces, parentheses) is percent-encoded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

BITBUCKET = "https://bitbucket.org"


@dataclass(frozen=True)
class DiffLinks:
    """Where the pull request's diff lives."""

    workspace: str
    repo_slug: str
    pr_id: int
    base_url: str = BITBUCKET

    @property
    def diff(self) -> str:
        return (
            f"{self.base_url}/{quote(self.workspace, safe='')}/{quote(self.repo_slug, safe='')}"
            f"/pull-requests/{self.pr_id}/diff"
        )

    def line(self, path: str, line: int) -> str:
        return f"{self.diff}#L{quote(path, safe='/')}T{line}"


def diff_links_from_environment(environ: Mapping[str, str]) -> DiffLinks | None:
    """The links for the PR a Bitbucket pipeline runs for; None outside one."""
    workspace = environ.get("BITBUCKET_WORKSPACE", "").strip()
    repo = environ.get("BITBUCKET_REPO_SLUG", "").strip()
    pr_id = environ.get("BITBUCKET_PR_ID", "").strip()
    if not (workspace and repo and pr_id.isdigit()):
        return None
    return DiffLinks(workspace, repo, int(pr_id))
