"""MySQL CREATE INDEX read from its tokens, for the forms sqlglot does not parse into a tree
(`USING BTREE` before or after ON, ALGORITHM=/LOCK=, index options)."""

from __future__ import annotations

from sqlglot.tokenizer_core import TokenType

from dbops.core.statements import (
    CreateIndex,
    DropIndex,
    Expr,
    ExprKind,
    IndexElement,
    Invalid,
    Name,
    ObjectName,
    Statement,
)
from dbops.parsing.sqlglot_names import is_name_token, token_name, token_object_name
from dbops.parsing.sqlglot_tokens import Reader

KINDS = frozenset(["UNIQUE", "FULLTEXT", "SPATIAL"])
# Index options after the key parts, each followed by one value (`=` optional).
VALUED_OPTIONS = frozenset(
    ["KEY_BLOCK_SIZE", "USING", "COMMENT", "ALGORITHM", "LOCK", "ENGINE_ATTRIBUTE"]
)
FLAG_OPTIONS = frozenset(["VISIBLE", "INVISIBLE", "IGNORED", "NOT"])


def token_create_index(reader: Reader) -> Statement | None:
    """CREATE [OR REPLACE] [ONLINE|OFFLINE] [UNIQUE|FULLTEXT|SPATIAL] INDEX [IF NOT EXISTS]
    name [USING type] ON table (key parts) [options]; None when it is not that shape, Invalid
    when text follows the options."""
    index = 1
    if reader.words(index, 2) == ("OR", "REPLACE"):
        index += 2
    if reader.word(index) in ("ONLINE", "OFFLINE"):
        index += 1
    kind = reader.word(index) if reader.word(index) in KINDS else ""
    index += 1 if kind else 0
    if reader.word(index) != "INDEX":
        return None
    index += 1
    if_not_exists = reader.words(index, 3) == ("IF", "NOT", "EXISTS")
    index += 3 if if_not_exists else 0
    if not is_name_token(reader, index):
        return None
    index_name = token_name(reader, index)
    index += 1
    method = ""
    if reader.word(index) == "USING":
        method, index = reader.word(index + 1), index + 2
    if reader.word(index) != "ON" or index + 1 >= len(reader):
        return None
    table, index = token_object_name(reader, index + 1)
    if not reader.is_open(index):
        return None
    close = reader.partner(index)
    elements = key_parts(reader, index + 1, close - 1)
    options, stop = _options(reader, close + 1)
    if stop < len(reader):
        return Invalid(
            text=reader.statement.text,
            span=reader.locator.whole(),
            message=f"unexpected '{reader.tokens[stop].text}' after the index definition",
            error_span=reader.span(stop, len(reader) - 1),
        )
    method = options.get("USING", method)
    return CreateIndex(
        text=reader.statement.text,
        span=reader.locator.whole(),
        name=index_name,
        table=table,
        elements=elements,
        unique=kind == "UNIQUE",
        if_not_exists=if_not_exists,
        method=kind if kind in ("FULLTEXT", "SPATIAL") else method.upper(),
        algorithm=options.get("ALGORITHM", "").upper(),
        lock=options.get("LOCK", "").upper(),
    )


def key_parts(reader: Reader, first: int, last: int) -> tuple[IndexElement, ...]:
    """`col`, `col(10)`, `col DESC`, `(expression)` key parts from tokens."""
    found: list[IndexElement] = []
    for part in reader.split(first, last):
        start, stop = part.start, part.stop
        descending = reader.word(stop - 1) == "DESC"
        if reader.word(stop - 1) in ("ASC", "DESC"):
            stop -= 1
        span = reader.span(start, stop - 1)
        if reader.is_open(start):
            text = reader.text(start + 1, reader.partner(start) - 1)
            expression = Expr(ExprKind.OTHER, text, span=span)
            found.append(IndexElement(expression=expression, descending=descending, span=span))
            continue
        column: Name = token_name(reader, start)
        length = None
        if reader.is_open(start + 1) and reader.type_at(start + 2) == TokenType.NUMBER:
            length = int(reader.tokens[start + 2].text)
        found.append(
            IndexElement(column=column, descending=descending, prefix_length=length, span=span)
        )
    return tuple(found)


def _options(reader: Reader, index: int) -> tuple[dict[str, str], int]:
    options: dict[str, str] = {}
    while index < len(reader):
        word = reader.word(index)
        if word in FLAG_OPTIONS:
            index += 2 if word == "NOT" else 1
            continue
        if word == "WITH" and reader.word(index + 1) == "PARSER":
            index += 3
            continue
        if word not in VALUED_OPTIONS:
            break
        index += 1
        if reader.type_at(index) == TokenType.EQ:
            index += 1
        if index >= len(reader):
            break
        options[word] = reader.tokens[index].text
        index += 1
    return options, index


def token_drop_index(reader: Reader) -> Statement | None:
    """DROP INDEX [IF EXISTS] name ON table [ALGORITHM [=] x] [LOCK [=] y] (sqlglot rejects
    the options); None when it is not that shape, Invalid when text follows."""
    if reader.words(0, 2) != ("DROP", "INDEX"):
        return None
    index = 2
    if_exists = reader.words(index, 2) == ("IF", "EXISTS")
    index += 2 if if_exists else 0
    if not is_name_token(reader, index) or reader.word(index + 1) != "ON":
        return None
    index_name = token_name(reader, index)
    if index + 2 >= len(reader):
        return None
    table, after = token_object_name(reader, index + 2)
    options, stop = _options(reader, after)
    if stop < len(reader):
        return Invalid(
            text=reader.statement.text,
            span=reader.locator.whole(),
            message=f"unexpected '{reader.tokens[stop].text}' after DROP INDEX … ON …",
            error_span=reader.span(stop, len(reader) - 1),
        )
    return DropIndex(
        text=reader.statement.text,
        span=reader.locator.whole(),
        names=(ObjectName(name=index_name, span=index_name.span),),
        table=table,
        if_exists=if_exists,
        algorithm=options.get("ALGORITHM", "").upper(),
        lock=options.get("LOCK", "").upper(),
    )
