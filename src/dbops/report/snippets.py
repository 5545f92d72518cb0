"""A finding as rustc and Squawk print one (the annotate-snippets style):

    error[column-no-null]: column "age" of table users can be NULL; declare it NOT NULL
      --> migrations/V3__users.sql:3:30
       |
     3 | ALTER TABLE users ADD COLUMN age int;
       |                              ^^^^^^^
       = help: …
       = fix: … (the fix as a unified diff)
       = docs: https://…/rules/docs/column-no-null.md

Pure text building: a finding and its file's lines in, rich markup lines out (every piece of a
user's file escaped for the terminal and for rich). A line too long for the terminal (a 5 MB
one-line dump) is shown as a window around the span, never whole.
"""

from __future__ import annotations

import difflib
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.markup import escape

from dbops.core.findings import Finding, Level
from dbops.core.fixes import OverlappingEdits, apply_fixes
from dbops.report.text_safety import printable

LEVEL_STYLE = {Level.ERROR: "bold red", Level.WARNING: "bold yellow", Level.INFO: "bold blue"}
# A span over more lines than this shows its first and last lines around an elision.
MAX_SPAN_LINES = 6
# Characters shown either side of a span on a line too long for the terminal.
MIN_WINDOW = 20
MAX_HELP_LINES = 8


@dataclass(frozen=True)
class SnippetStyle:
    width: int  # the terminal's columns
    docs_url: str = ""  # the rule's documentation page, when dbops has the rule


def render_finding(
    finding: Finding, lines: Sequence[str], text: str | None, style: SnippetStyle
) -> list[str]:
    """The markup lines for one finding; `lines` are its file's lines (split on newlines, as
    positions count them), `text` the whole file (for the fix's diff), both empty/None when
    the file is not at hand."""
    level = LEVEL_STYLE.get(finding.level, "bold")
    origin = "" if finding.source == "dbops" else f" ({finding.source})"
    head = escape(printable(f"{finding.level.value}[{finding.rule}]"))
    out = [f"[{level}]{head}[/]{_safe(origin)}[bold]: {_safe(finding.message)}[/]"]
    gutter = len(str(max(finding.end[0], finding.line)))
    pad = " " * gutter
    out.append(f"{pad}[blue]-->[/] {_safe(finding.file)}:{finding.line}:{finding.column}")
    if 0 < finding.line <= len(lines):
        out.append(f"{pad} [blue]|[/]")
        out.extend(_source(finding, lines, gutter, style.width))
    indent = f"{pad} [blue]=[/] "
    if finding.help:
        out.extend(_note(indent, "help", finding.help, gutter, style.width))
    if finding.fix is not None:
        out.extend(_note(indent, "fix", finding.fix.description, gutter, style.width))
        if text is not None:
            out.extend(f"{pad}   {line}" for line in _diff(text, finding))
    if style.docs_url:
        out.append(f"{indent}[bold]docs[/]: {escape(style.docs_url)}")
    return out


def _source(finding: Finding, lines: Sequence[str], gutter: int, width: int) -> Iterator[str]:
    start_line, start_column = finding.line, finding.column
    end_line, end_column = finding.end
    end_line = min(end_line, len(lines))
    shown = list(range(start_line, end_line + 1))
    if len(shown) > MAX_SPAN_LINES:
        half = MAX_SPAN_LINES // 2
        shown = [*shown[:half], 0, *shown[-half:]]
    room = max(width - gutter - 3, 2 * MIN_WINDOW + 10)
    for number in shown:
        if number == 0:
            yield f"{' ' * gutter} [blue]|[/] ..."
            continue
        line = lines[number - 1].rstrip("\r")
        first = start_column if number == start_line else _first_non_blank(line)
        last = end_column if number == end_line else len(line.rstrip())
        first = max(1, min(first, len(line) + 1))
        last = max(first, min(last, len(line)))
        shown_text, marker = _window(line, first, last, room)
        yield f"[blue]{number:>{gutter}} |[/] {shown_text}"
        yield f"{' ' * gutter} [blue]|[/] {marker}"


def _window(line: str, first: int, last: int, room: int) -> tuple[str, str]:
    """The line as shown (escaped, tabs as one space, at most about `room` characters around
    the span) and the caret line under columns `first`..`last` (1-based, inclusive). Only
    the window is ever looked at character by character: a 5 MB line costs what 200 do."""
    lo, hi = 0, len(line)
    if len(line) > room:
        context = max(MIN_WINDOW, (room - min(last - first + 1, room // 2)) // 2)
        lo = max(0, first - 1 - context)
        hi = min(len(line), lo + room)
    before = "…" if lo > 0 else ""
    after = "…" if hi < len(line) else ""
    pieces = [_cell(char) for char in line[lo:hi]]
    start, stop = first - 1 - lo, min(last, hi) - lo
    caret_start = sum(cell_len(piece) for piece in pieces[:start]) + len(before)
    caret_width = max(1, sum(cell_len(piece) for piece in pieces[start:stop]))
    text = before + "".join(pieces) + after
    return escape(text), " " * caret_start + f"[bold red]{'^' * caret_width}[/]"


def _cell(char: str) -> str:
    if char == "\t":
        return " "
    return printable(char)


def _first_non_blank(line: str) -> int:
    return len(line) - len(line.lstrip()) + 1


def _note(indent: str, label: str, text: str, gutter: int, width: int) -> Iterator[str]:
    """`= label: text`, wrapped to the terminal with the continuation under the text."""
    hanging = " " * (gutter + 5 + len(label))
    lines: list[str] = []
    for paragraph in printable(text).split("\n"):
        wrapped = textwrap.wrap(paragraph, max(width - len(hanging), 20)) or [""]
        lines.extend(wrapped)
    if len(lines) > MAX_HELP_LINES:
        lines = [*lines[: MAX_HELP_LINES - 1], "…"]
    yield f"{indent}[bold]{label}[/]: {escape(lines[0])}"
    for line in lines[1:]:
        yield f"{hanging}{escape(line)}"


def _diff(text: str, finding: Finding) -> Iterator[str]:
    """The finding's fix as the hunks of a unified diff (one line of context)."""
    assert finding.fix is not None
    try:
        after = apply_fixes(text, [finding.fix])
    except OverlappingEdits:
        return
    diff = difflib.unified_diff(
        text.split("\n"), after.split("\n"), lineterm="", n=1, fromfile="a", tofile="b"
    )
    for line in list(diff)[2:]:  # the hunks, not the file names
        shown = escape(printable(line[:500]))
        if line.startswith("+"):
            yield f"[green]{shown}[/]"
        elif line.startswith("-"):
            yield f"[red]{shown}[/]"
        else:
            yield f"[cyan]{shown}[/]" if line.startswith("@@") else shown


def _safe(text: str) -> str:
    return escape(printable(text))
