"""Where a finding's span ends: the element the rule names, else what the engine knows of it."""

from __future__ import annotations

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
