"""What every PostgreSQL builder shares: the source, and the expression and query builders."""

from __future__ import annotations

from typing import Any

from dbops.core.statements import Expr, Name, ObjectName, Unmodelled
from dbops.parsing.pg_exprs import Expressions
from dbops.parsing.pg_queries import Queries
from dbops.parsing.pg_source import Source


class Context:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.exprs = Expressions(source)
        self.queries = Queries(source, self.exprs)

    @property
    def text(self) -> str:
        return self.source.text

    def expr(self, node: Any, cursor: int) -> Expr:
        return self.exprs.build(node, cursor)

    def relation(self, node: Any) -> ObjectName:
        """A RangeVar as the model's ObjectName."""
        return self.queries.relation(node)

    def name_at(self, offset: int | None, value: str) -> Name:
        return self.source.name_at(offset, value)

    def find_name(self, value: str, start: int, end: int | None = None) -> tuple[Name, int]:
        return self.source.find_name(value, start, end)

    def find_object(
        self, parts: list[str], start: int, end: int | None = None
    ) -> tuple[ObjectName, int]:
        return self.source.find_object(parts, start, end)


def unmodelled(ctx: Context, reason: str) -> Unmodelled:
    """A statement PostgreSQL's grammar accepts that dbops does not model: valid, skipped by
    the rules, named by its first words."""
    words: list[str] = []
    for token in ctx.source.tokens[:2]:
        if not token.keyword:
            break
        words.append(token.upper)
    return Unmodelled(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        reason=reason,
        first_words=" ".join(words),
        valid=True,
    )
