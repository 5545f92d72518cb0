"""The core of the PostgreSQL expression builder: extents found in the token stream.

pglast gives most expression nodes a location but no end, and constants none at all, so each
node is built with a cursor (where it can start at the earliest) and its extent is found in
the token stream: a constant is the next constant token, a function call ends with its
parenthesis, a cast with its type. Texts are slices of the source, never a deparse.
"""

from __future__ import annotations

from typing import Any

from dbops.core.statements import Expr, ExprKind
from dbops.parsing.pg_source import Source

_CONSTANTS = frozenset(
    ["SCONST", "USCONST", "ICONST", "FCONST", "BCONST", "XCONST", "TRUE_P", "FALSE_P", "NULL_P"]
)
# Words between an operand and the next one that a constant search passes over.
_CONNECTIVES = frozenset(
    [
        *("(", ",", "ANY", "ALL", "SOME", "LIKE", "ILIKE", "SIMILAR", "TO", "ESCAPE", "NOT"),
        *("BETWEEN", "SYMMETRIC", "ASYMMETRIC", "AND", "OR", "IN", "IS", "DISTINCT", "FROM"),
        *("WHEN", "THEN", "ELSE", "ARRAY", "[", "=", "DEFAULT", "USING", "AS", "CASE", "ROW"),
        *("SET", "WHERE", "ON", "HAVING", "LIMIT", "BY", "VALUES", "CHECK"),
    ]
)
Extent = tuple[Expr, int, int]


class ExpressionBase:
    """Builds `Expr` trees over one statement's source: each node kind has a `_<Kind>`
    method in a subclass returning its parts and extent."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.query_builder: Any = None  # set by pg_queries: subqueries are built there

    def build(self, node: Any, cursor: int) -> Expr:
        return self.extent(node, cursor)[0]

    def extent(self, node: Any, cursor: int) -> Extent:
        """The expression `node`, written at or after `cursor`, with its start and end."""
        kind, name, qualifier, arguments, query, start, end = self._parts(node, cursor)
        start, end = self._settle(start, end)
        source = self.source
        expr = Expr(
            kind=kind,
            text=source.slice(start, end),
            name=name,
            qualifier=qualifier,
            arguments=arguments,
            query=query,
            span=source.span(start, end),
        )
        return expr, start, end

    # -- token helpers ---------------------------------------------------------------------

    def _token_end(self, offset: int) -> int:
        tokens = self.source.tokens
        index = self.source.index_at(offset)
        return tokens[index].end if index < len(tokens) else offset

    def _after(self, offset: int, word: str, limit: int | None = None) -> int:
        """The offset after the first token `word` (upper case) at or after `offset`."""
        found = self.source.keyword_after(offset, (word,), limit)
        return self._token_end(found) if found >= 0 else offset

    def _group_after(self, offset: int) -> tuple[int, int]:
        """(offset after "(" , offset after ")") of the first parenthesis from `offset`."""
        tokens = self.source.tokens
        for index in range(self.source.index_at(offset), len(tokens)):
            if tokens[index].text == "(":
                close = self.source.group_end(index)
                return tokens[index].end, tokens[close].end
        return offset, self._token_end(offset)

    def _constant(self, cursor: int) -> tuple[int, int]:
        tokens = self.source.tokens
        index = self.source.index_at(cursor)
        while index < len(tokens) and tokens[index].upper in _CONNECTIVES:
            if tokens[index].name in _CONSTANTS:
                break
            index += 1
        if index >= len(tokens):
            return cursor, cursor
        token = tokens[index]
        if token.text in ("-", "+") and index + 1 < len(tokens):
            return token.start, tokens[index + 1].end
        end = token.end
        # adjacent string constants continue one another ('a' 'b' across lines)
        while (
            token.name == "SCONST"
            and index + 1 < len(tokens)
            and tokens[index + 1].name == "SCONST"
        ):
            index += 1
            end = tokens[index].end
        return token.start, end

    def _qualified_end(self, offset: int) -> int:
        """The end of a dotted name (`a`, `t.a`, `s.t.*`) starting at `offset`."""
        tokens = self.source.tokens
        index = self.source.index_at(offset)
        if index >= len(tokens):
            return offset
        end = tokens[index].end
        while index + 2 < len(tokens) and tokens[index + 1].text == ".":
            index += 2
            end = tokens[index].end
        return end

    def _settle(self, start: int, end: int) -> tuple[int, int]:
        """Widen [start, end) to balanced parentheses/brackets."""
        source = self.source
        tokens = source.tokens
        first = source.index_at(start)
        depth = lowest = 0
        last = first
        for index in range(first, len(tokens)):
            token = tokens[index]
            if token.start >= end:
                break
            last = index
            if token.text in ("(", "["):
                depth += 1
            elif token.text in (")", "]"):
                depth -= 1
                lowest = min(lowest, depth)
        index = first
        while lowest < 0 and index > 0:
            index -= 1
            if tokens[index].text in ("(", "["):
                lowest += 1
                depth += 1
                start = tokens[index].start
            elif tokens[index].text in (")", "]"):
                lowest -= 1
                depth -= 1
        index = last
        while depth > 0 and index + 1 < len(tokens):
            index += 1
            if tokens[index].text in ("(", "["):
                depth += 1
            elif tokens[index].text in (")", "]"):
                depth -= 1
            end = tokens[index].end
        return start, end

    # -- node kinds ------------------------------------------------------------------------

    def _sequence(self, nodes: Any, cursor: int) -> tuple[tuple[Expr, ...], int, int]:
        """Operands written one after the other: their exprs, first start, last end."""
        exprs: list[Expr] = []
        first = last = cursor
        for index, node in enumerate(nodes or ()):
            expr, start, end = self.extent(node, cursor)
            if index == 0:
                first = start
            exprs.append(expr)
            cursor = last = end
        return tuple(exprs), first, last

    def _parts(
        self, node: Any, cursor: int
    ) -> tuple[ExprKind, str, str, tuple[Expr, ...], Any, int, int]:
        kind_name = type(node).__name__
        builder = getattr(self, f"_{kind_name}", None)
        if builder is not None:
            parts: tuple[ExprKind, str, str, tuple[Expr, ...], Any, int, int] = builder(
                node, cursor
            )
            return parts
        location = getattr(node, "location", None)
        start = location if location is not None else cursor
        end = max(start, self._token_end(start))
        tokens = self.source.tokens
        index = self.source.index_at(end)
        if index < len(tokens) and tokens[index].text == "(":
            end = tokens[self.source.group_end(index)].end
        return ExprKind.OTHER, kind_name.lower(), "", (), None, start, end
