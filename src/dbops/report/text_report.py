"""`--format text`: findings with the offending line, for people at a terminal or in a CI log."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.markup import escape

from dbops.core.review import ReviewResult
from dbops.report.lock_text import hazards
from dbops.report.sarif_report import rule_help_uri
from dbops.report.snippets import SnippetStyle, render_finding
from dbops.report.text_safety import printable
from dbops.rules.registry import lookup_rule


def _docs_url(rule: str, source: str) -> str:
    """The rule's documentation page, for the rules dbops ships."""
    if source != "dbops" or lookup_rule(rule) is None:
        return ""
    return rule_help_uri(rule)


SOURCE_WINDOW = 160  # characters of a long line shown around the finding's column


def source_window(line: str, column: int, width: int = SOURCE_WINDOW) -> str:
    """`line`, or on a long line (a one-line dump of megabytes) the `width` characters around
    `column` (1-based), with `…` where it was cut."""
    if len(line) <= width:
        return line
    start = max(min(column - 1 - width // 4, len(line) - width), 0)
    end = start + width
    return ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")


def print_text_report(
    result: ReviewResult, sources: Mapping[str, str], console: Console, quiet: bool = False
) -> None:
    """Print each finding in the annotate-snippets style (report/snippets.py: its first line
    `level[rule]: message` and its second ` --> file:line:col` are the stable, greppable
    part), then the locks and a summary. `sources` maps a file path to its text."""
    lines_of: dict[str, list[str]] = {}
    for finding in result.findings:
        if finding.file not in lines_of and finding.file in sources:
            # split as finding lines are counted (splitlines also breaks on \x0c, \u2028 …)
            lines_of[finding.file] = sources[finding.file].split("\n")
        style = SnippetStyle(console.width, _docs_url(finding.rule, finding.source))
        rendered = render_finding(
            finding, lines_of.get(finding.file, []), sources.get(finding.file), style
        )
        for line in rendered:
            console.print(line, highlight=False, soft_wrap=True)
        console.print()
    if quiet:
        return
    for file in result.files:
        for held in hazards(file):
            console.print(
                f"[bold]{escape(printable(file.path))}[/] [magenta]locks[/] "
                f"{escape(held.describe())}",
                highlight=False,
                soft_wrap=True,
            )
    for note in result.notes:
        console.print(f"[dim]note: {escape(printable(note))}[/]", highlight=False)
    verdict = "[bold red]" if result.errors else "[green]" if not result.warnings else "[yellow]"
    console.print(
        f"{verdict}{result.errors} error(s), {result.warnings} warning(s)[/] in "
        f"{len(result.files)} file(s), {result.statements} statement(s) "
        f"(policy {escape(result.policy)}, dialect {escape(result.dialect)}).",
        highlight=False,
    )
