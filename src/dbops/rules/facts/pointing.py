"""Where a statement rule's finding points: the first known span of the element at fault."""

from __future__ import annotations

from dbops.core.statements import Span
from dbops.rules.base import Violation


def violation_at(message: str, *spans: Span) -> Violation:
    """A violation at the first of `spans` the normalizer located (the element at fault, then
    what holds it); at the statement when none is known."""
    for span in spans:
        if span.line:
            return Violation(
                message,
                line=span.line,
                column=span.column or None,
                end_line=span.end_line or None,
                end_column=span.end_column or None,
            )
    return Violation(message)
