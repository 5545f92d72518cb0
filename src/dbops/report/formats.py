"""One entry point from a review to any machine format."""

from __future__ import annotations

from collections.abc import Callable

from dbops.core.review import ReviewResult
from dbops.errors import UsageError


def _json(result: ReviewResult) -> str:
    from dbops.report.json_report import render_json

    return render_json(result)


def _sarif(result: ReviewResult) -> str:
    from dbops.report.sarif_report import render_sarif

    return render_sarif(result)


def _junit(result: ReviewResult) -> str:
    from dbops.report.junit_report import render_junit

    return render_junit(result)


def _codeclimate(result: ReviewResult) -> str:
    from dbops.report.codeclimate_report import render_codeclimate

    return render_codeclimate(result)


def _markdown(result: ReviewResult) -> str:
    from dbops.report.markdown_report import render_markdown

    return render_markdown(result)


RENDERERS: dict[str, Callable[[ReviewResult], str]] = {
    "json": _json,
    "sarif": _sarif,
    "junit": _junit,
    "codeclimate": _codeclimate,
    "markdown": _markdown,
}


def render(result: ReviewResult, output_format: str) -> str:
    try:
        renderer = RENDERERS[output_format]
    except KeyError:
        raise UsageError(f"--format {output_format} is not available for this command.") from None
    return renderer(result)
