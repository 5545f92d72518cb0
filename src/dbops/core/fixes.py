"""The one engine that applies fixes: a pure function from a file's text and edits to the new
text. Rules propose fixes as data (`Fix`, `Edit`); nothing else rewrites a migration."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from dbops.core.findings import Edit, Finding, Fix


class OverlappingEdits(ValueError):
    """Two edits claim the same text: applying both would be a guess."""


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """`text` with every edit applied; positions are those of the original text (lines counted
    on newlines only, as statement positions are). Raises OverlappingEdits when two edits
    touch the same characters (two insertions at one point keep their order)."""
    starts = _line_starts(text)
    located = sorted(
        (
            (
                _offset(starts, text, e.line, e.column),
                _offset(starts, text, e.end_line, e.end_column),
                i,
                e,
            )
            for i, e in enumerate(edits)
        ),
    )
    pieces: list[str] = []
    position = 0
    for start, end, _, edit in located:
        if end < start:
            raise OverlappingEdits(f"edit at {edit.line}:{edit.column} ends before it starts")
        if start < position:
            raise OverlappingEdits(f"edits overlap at {edit.line}:{edit.column}")
        pieces.append(text[position:start])
        pieces.append(edit.replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def compatible_fixes(findings: Iterable[Finding]) -> list[Fix]:
    """The fixes of `findings` (one file's) that can be applied together, in finding order: a
    fix whose edits overlap one already taken is left for the next run, and an identical fix
    proposed by two findings (two rules asking for the same prelude) is taken once."""
    taken: list[Fix] = []
    edits: list[Edit] = []
    for finding in findings:
        fix = finding.fix
        if fix is None or fix in taken:
            continue
        if any(edit in edits for edit in fix.edits):
            continue
        if _overlaps(edits, fix.edits):
            continue
        taken.append(fix)
        edits.extend(fix.edits)
    return taken


def apply_fixes(text: str, fixes: Sequence[Fix]) -> str:
    return apply_edits(text, [edit for fix in fixes for edit in fix.edits])


def unified_diff(path: str, before: str, after: str) -> str:
    """The change as a unified diff (`a/path`, `b/path`), empty when nothing changes."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _overlaps(taken: Sequence[Edit], new: Sequence[Edit]) -> bool:
    def bounds(edit: Edit) -> tuple[tuple[int, int], tuple[int, int]]:
        return (edit.line, edit.column), (edit.end_line, edit.end_column)

    for edit in new:
        start, end = bounds(edit)
        for other in taken:
            other_start, other_end = bounds(other)
            if start < other_end and other_start < end:  # they share characters
                return True
            if start == end == other_start == other_end:  # two insertions at one point
                return True
    return False


def _line_starts(text: str) -> list[int]:
    starts = [0]
    found = text.find("\n")
    while found >= 0:
        starts.append(found + 1)
        found = text.find("\n", found + 1)
    return starts


def _offset(starts: Sequence[int], text: str, line: int, column: int) -> int:
    """The offset of 1-based (`line`, `column`); a column past the line's end is its end (a
    position just after the last line's last character is the end of the text)."""
    if not 0 < line <= len(starts):
        raise OverlappingEdits(f"edit at line {line} is outside the file")
    start = starts[line - 1]
    stop = starts[line] - 1 if line < len(starts) else len(text)
    return min(start + max(column, 1) - 1, stop)
