"""`--format text`: findings with the offending line, for people at a terminal or in a CI log."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.markup import escape

from dbops.core.findings import Level
from dbops.core.review import ReviewResult
from dbops.report.lock_text import hazards
from dbops.report.text_safety import printable

_LEVEL_STYLE = {Level.ERROR: "bold red", Level.WARNING: "yellow", Level.INFO: "blue"}


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
    """Print each finding as `file:line:col level rule message`, the source line under it, then a
    summary. `sources` maps a file path to its text, to show the offending line."""
    lines_of: dict[str, list[str]] = {}
    for finding in result.findings:
        style = _LEVEL_STYLE.get(finding.level, "")
        origin = "" if finding.source == "dbops" else f" [dim]({escape(finding.source)})[/]"
        console.print(
            f"[bold]{escape(finding.file)}:{finding.line}:{finding.column}[/] "
            f"[{style}]{finding.level.value}[/] [cyan]{escape(finding.rule)}[/]{origin} "
            f"{escape(finding.message)}",
            highlight=False,
            soft_wrap=True,
        )
        if finding.file not in lines_of and finding.file in sources:
            # split as finding lines are counted (splitlines also breaks on \x0c, \u2028 …)
            lines_of[finding.file] = sources[finding.file].split("\n")
        source_lines = lines_of.get(finding.file, [])
        if 0 < finding.line <= len(source_lines):
            text = source_window(source_lines[finding.line - 1].rstrip(), finding.column)
            console.print(f"  [dim]{finding.line:>4} |[/] {escape(text)}", highlight=False)
    if quiet:
        return
    if result.findings:
        console.print()
    for file in result.files:
        for held in hazards(file):
            console.print(
                f"[bold]{escape(printable(file.path))}[/] [magenta]locks[/] "
                f"{escape(held.describe())}",
                highlight=False,
                soft_wrap=True,
            )
    for note in result.notes:
        console.print(f"[dim]note: {escape(note)}[/]", highlight=False)
    verdict = "[bold red]" if result.errors else "[green]" if not result.warnings else "[yellow]"
    console.print(
        f"{verdict}{result.errors} error(s), {result.warnings} warning(s)[/] in "
        f"{len(result.files)} file(s), {result.statements} statement(s) "
        f"(policy {escape(result.policy)}, dialect {escape(result.dialect)}).",
        highlight=False,
    )
