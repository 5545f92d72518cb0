"""From offsets inside a statement's text to spans in its migration file."""

from __future__ import annotations

import bisect

from dbops.core.sql import ParsedStatement
from dbops.core.statements import Span


class Locator:
    """Turns 0-based character offsets into `statement.text` into file spans.

    Lines are counted on "\\n" only, as statement positions are (core/sql.py)."""

    def __init__(self, statement: ParsedStatement) -> None:
        self._statement = statement
        text = statement.text
        newlines: list[int] = []
        found = text.find("\n")
        while found >= 0:
            newlines.append(found)
            found = text.find("\n", found + 1)
        self._newlines = newlines
        self._last = max(len(text) - 1, 0)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) in the file of the character at `offset`."""
        offset = max(0, min(offset, self._last))
        newlines = self._newlines
        if not newlines or offset <= newlines[0]:
            return self._statement.line, self._statement.column + offset
        before = bisect.bisect_left(newlines, offset)
        return self._statement.line + before, offset - newlines[before - 1]

    def span(self, start: int, end: int) -> Span:
        """The span of characters `start` to `end` (exclusive) of the statement's text."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end - 1))
        return Span(line, column, end_line, end_column)

    def whole(self) -> Span:
        return self.span(0, len(self._statement.text))

    def text(self, start: int, end: int) -> str:
        return self._statement.text[start:end]
