"""SQLite column declarations read from tokens: SQLite accepts any words as a type name
(`floating point`, `STRING`), which sqlglot either renames or cannot parse, and the type's
affinity depends on exactly those words (https://www.sqlite.org/datatype3.html, 3.1)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot.tokenizer_core import Token, TokenType

from dbops.core.sql import ParsedStatement

# Words that end a type name: a column constraint starts, or the definition ends.
_TYPE_END = frozenset(
    {
        "CONSTRAINT",
        "PRIMARY",
        "PRIMARY KEY",
        "NOT",
        "NULL",
        "UNIQUE",
        "CHECK",
        "DEFAULT",
        "COLLATE",
        "REFERENCES",
        "GENERATED",
        "AS",
        "AUTOINCREMENT",
        ",",
        ")",
    }
)
_TABLE_CONSTRAINTS = frozenset(
    {"CONSTRAINT", "PRIMARY", "PRIMARY KEY", "UNIQUE", "CHECK", "FOREIGN", "FOREIGN KEY"}
)


@dataclass(frozen=True)
class DeclaredColumn:
    name: str
    type: str  # as written, upper case, "" when the column has no type
    token: Token  # the column name, for the finding's line


def declared_columns(statement: ParsedStatement) -> list[DeclaredColumn]:
    """Columns of `CREATE TABLE t (…)` or `ALTER TABLE t ADD [COLUMN] c …`, with their types."""
    tokens = statement.tokens
    words = statement.keywords
    if words[:2] == ("ALTER", "TABLE") and "ADD" in words:
        at = words.index("ADD") + 1
        at += 1 if words[at : at + 1] == ("COLUMN",) else 0
        return (
            [_column(tokens, at)]
            if at < len(tokens) and words[at] not in _TABLE_CONSTRAINTS
            else []
        )
    if words[:2] != ("CREATE", "TABLE") or "(" not in words or "AS" in words[: words.index("(")]:
        return []
    columns: list[DeclaredColumn] = []
    depth, start = 0, True
    for position, token in enumerate(tokens):
        if token.token_type == TokenType.L_PAREN:
            depth += 1
            start = depth == 1
            continue
        if token.token_type == TokenType.R_PAREN:
            depth -= 1
            continue
        if depth == 1 and token.token_type == TokenType.COMMA:
            start = True
        elif depth == 1 and start:
            start = False
            if words[position] not in _TABLE_CONSTRAINTS:
                columns.append(_column(tokens, position))
    return columns


def table_options(statement: ParsedStatement) -> tuple[str, ...]:
    """The words after a `CREATE TABLE`'s closing parenthesis: `STRICT`, `WITHOUT ROWID`."""
    words = statement.keywords
    if words[:2] != ("CREATE", "TABLE") or ")" not in words:
        return ()
    last = len(words) - 1 - words[::-1].index(")")
    return tuple(word for word in words[last + 1 :] if word != ",")


def _column(tokens: tuple[Token, ...], at: int) -> DeclaredColumn:
    parts: list[str] = []
    depth = 0
    for token in tokens[at + 1 :]:
        text = token.text.upper()
        if depth == 0 and text in _TYPE_END:
            break
        depth += text == "("
        depth -= text == ")"
        parts.append(text)
    type_text = " ".join(parts).replace(" ( ", "(").replace(" )", ")").replace(" , ", ",")
    return DeclaredColumn(tokens[at].text, type_text, tokens[at])


def affinity(type_text: str) -> str:
    """SQLite's rules for the affinity of a declared type, in their order."""
    if "INT" in type_text:
        return "INTEGER"
    if any(word in type_text for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in type_text or not type_text:
        return "BLOB"
    if any(word in type_text for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"
