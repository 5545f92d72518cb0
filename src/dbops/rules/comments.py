"""`COMMENT ON TABLE|COLUMN … IS …` read from tokens (sqlglot rejects `IS NULL`), so comment
rules can judge a file's net effect: a comment set, replaced or removed later in the file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlglot.tokenizer_core import TokenType

from dbops.core.sql import ParsedStatement


@dataclass(frozen=True)
class CommentSet:
    target: tuple[str, ...]  # name parts, lower case: ("t",) or ("public", "t", "a")
    text: str | None  # None: the comment was removed (IS NULL) or is empty
    line: int


def comment_statement(statement: ParsedStatement, kind: str) -> CommentSet | None:
    words = statement.keywords
    if words[:3] != ("COMMENT", "ON", kind) or "IS" not in words:
        return None
    at = words.index("IS")
    parts = tuple(
        token.text.lower() for token in statement.tokens[3:at] if token.token_type != TokenType.DOT
    )
    value = statement.tokens[at + 1] if at + 1 < len(statement.tokens) else None
    text = value.text if value is not None and value.token_type == TokenType.STRING else None
    return CommentSet(parts, text or None, statement.line)


def final_comments(
    statements: Iterable[ParsedStatement], kind: str
) -> dict[tuple[str, ...], CommentSet]:
    """The last comment each target gets in these statements, keyed by its unqualified name
    (`("t",)` for a table, `("t", "a")` for a column)."""
    width = 1 if kind == "TABLE" else 2
    found: dict[tuple[str, ...], CommentSet] = {}
    for statement in statements:
        comment = comment_statement(statement, kind)
        if comment is not None:
            found[comment.target[-width:]] = comment
    return found
