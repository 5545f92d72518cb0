"""Where a finding's span ends (the element the rule names, else what the engine knows of
it), and the engine's own fixes."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dbops.core.findings import Edit, Fix
from dbops.core.statements import Span
from dbops.rules.base import Violation


def violation_end(
    violation: Violation, line: int, column: int, statement: Span, line_length: int
) -> tuple[int, int]:
    """The (line, column) of the last character a finding at (`line`, `column`) covers.

    A rule that names the element's end is taken at its word. A violation at the statement
    (no line of its own) covers the statement. One that names only where the element starts
    covers the rest of that line, as far as the statement goes: the underline never claims
    text the rule did not point at beyond that line.
    """
    if violation.end_line is not None and violation.end_column is not None:
        return violation.end_line, violation.end_column
    if violation.line is None and statement.line:
        return statement.end_line, statement.end_column
    if statement.line and line == statement.end_line:
        return line, max(column, statement.end_column)
    return line, max(column, line_length)


_LONE_DIRECTIVE = re.compile(r"\s*--\s*dbops:ignore\s+[^\s,]+\s*")


def removal_of_directive(text: str, line: int, rules: Sequence[str]) -> Fix | None:
    """The fix of an unused `-- dbops:ignore rule`: delete its line, when the line holds that
    directive alone, naming one rule (a list keeps its other names: left to the author)."""
    lines = text.split("\n")
    if len(rules) != 1 or not 0 < line <= len(lines):
        return None
    if _LONE_DIRECTIVE.fullmatch(lines[line - 1]) is None:
        return None
    if line < len(lines):
        edit = Edit(line, 1, line + 1, 1, "")
    else:
        edit = Edit(line, 1, line, len(lines[line - 1]) + 1, "")
    return Fix("remove the directive that suppresses nothing", (edit,))
