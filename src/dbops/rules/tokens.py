"""Token-level helpers for rules that must also decide statements sqlglot keeps opaque."""

from __future__ import annotations

from sqlglot.tokenizer_core import TokenType

from dbops.core.sql import ParsedStatement

_NAME_TYPES = {TokenType.VAR, TokenType.IDENTIFIER, TokenType.STRING}


def dropped_tables(statement: ParsedStatement) -> list[str]:
    """Table names of a `DROP TABLE [IF EXISTS] a, b [CASCADE]`, unquoted, without schema."""
    words = statement.keywords
    if len(words) < 3 or words[0] != "DROP" or words[1] != "TABLE":
        return []
    names: list[str] = []
    current = ""
    for token in statement.tokens[2:]:
        if token.text.upper() in ("IF", "EXISTS", "CASCADE", "RESTRICT"):
            continue
        if token.token_type == TokenType.COMMA:
            names.append(current)
            current = ""
        elif token.token_type == TokenType.DOT:
            current = ""
        else:
            current = token.text
    if current:
        names.append(current)
    return names


def starts_with(statement: ParsedStatement, *words: str) -> bool:
    return statement.keywords[: len(words)] == tuple(words)
