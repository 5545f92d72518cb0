"""`--format markdown`: the same body dbops posts as its pull-request comment (in a Bitbucket
pull-request pipeline its findings link into the PR's diff, as the comment's do)."""

from __future__ import annotations

import os

from dbops.core.review import ReviewResult
from dbops.publish.comment import render_comment
from dbops.publish.diff_links import diff_links_from_environment


def render_markdown(result: ReviewResult) -> str:
    return render_comment(result, links=diff_links_from_environment(os.environ))
