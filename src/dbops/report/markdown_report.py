"""`--format markdown`: the same body dbops posts as its pull-request comment."""

from __future__ import annotations

from dbops.core.review import ReviewResult
from dbops.publish.comment import render_comment


def render_markdown(result: ReviewResult) -> str:
    return render_comment(result)
