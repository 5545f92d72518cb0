"""Text after the end of a valid MySQL statement, in statements sqlglot keeps as opaque
commands because of it (`CREATE TABLE t (a int) foo bar`, `CREATE VIEW v AS SELECT 1 x y`,
`ALTER TABLE t ADD COLUMN a INT garbage`): found from the tokens, so that the review reports a
syntax error rather than an unreviewed statement."""

from __future__ import annotations

from dataclasses import replace

from sqlglot import exp
from sqlglot.errors import ParseError, TokenError
from sqlglot.tokenizer_core import TokenType

from dbops.core.sql import get_dialect
from dbops.core.statements import CreateTable, Invalid, Statement
from dbops.parsing.mysql_recover import parse_tokens, simple_types
from dbops.parsing.sqlglot_alter_options import TABLE_OPTION_WORDS, table_options_from
from dbops.parsing.sqlglot_alter_parts import COLUMN_ATTRIBUTE_WORDS
from dbops.parsing.sqlglot_create import create_table
from dbops.parsing.sqlglot_tokens import Reader

# Words that may follow a table's definition other than options: the rest is other grammar.
OTHER_TAILS = frozenset(["PARTITION", "AS", "SELECT", "IGNORE", "REPLACE", "WITH", "TABLE"])
MORE_TABLE_OPTIONS = frozenset(
    ["DATA", "INDEX", "DIRECTORY", "UNION", "STORAGE", "START", "TRANSACTION", "ENGINE"]
)


def create_table_tail(reader: Reader) -> Invalid | None:
    """CREATE TABLE … (definition) followed by something that is not a table option."""
    open_at = next((i for i in range(len(reader)) if reader.is_open(i)), None)
    if open_at is None:
        return None
    index = reader.partner(open_at) + 1
    while index < len(reader):
        word = reader.word(index)
        if word in OTHER_TAILS or reader.is_open(index):
            return None
        if reader.type_at(index) == TokenType.COMMA or word == "DEFAULT":
            index += 1
            continue
        if word not in TABLE_OPTION_WORDS and word not in MORE_TABLE_OPTIONS:
            return garbage(reader, index)
        index += 1
        while reader.word(index) in ("SET", "DIRECTORY", "TRANSACTION"):
            index += 1
        if reader.type_at(index) == TokenType.EQ:
            index += 1
        index = reader.partner(index) + 1 if reader.is_open(index) else index + 1
    return None


def view_tail(reader: Reader) -> Invalid | None:
    """CREATE VIEW … AS <query> whose query has text after its end."""
    at = reader.find("AS", 1, len(reader) - 1)
    if at is None or at + 1 >= len(reader):
        return None
    tokens = reader.raw(range(at + 1, len(reader)))
    sql = " " * reader.tokens[0].start + reader.statement.text
    try:
        get_dialect(reader.parser_dialect).parser().parse(tokens, sql)
    except ParseError as exc:
        details = exc.errors[0] if exc.errors else {}
        if "Unexpected token" in str(details.get("description", "")):
            highlight = str(details.get("highlight") or "")
            index = next(
                (i for i in range(at + 1, len(reader)) if reader.tokens[i].text == highlight),
                at + 1,
            )
            return garbage(reader, index)
    except (TokenError, ValueError, RecursionError):
        return None
    return None


def garbage(reader: Reader, index: int) -> Invalid:
    return Invalid(
        text=reader.statement.text,
        span=reader.locator.whole(),
        message=f"unexpected '{reader.tokens[index].text}' after the end of the statement",
        error_span=reader.span(index, len(reader) - 1),
    )


def create_table_with_options(reader: Reader) -> Statement | None:
    """A CREATE TABLE sqlglot keeps as a command for options it does not know
    (`STORAGE DISK`, `PAGE_COMPRESSED=1`): the table from its definition, the options read
    from the tokens."""
    open_at = next((i for i in range(len(reader)) if reader.is_open(i)), None)
    if open_at is None:
        return None
    close = reader.partner(open_at)
    tail = range(close + 1, len(reader))
    if any(reader.word(i) in OTHER_TAILS for i in tail):
        return None
    tree = parse_tokens(reader, simple_types(reader.raw(range(0, close + 1))))
    if not isinstance(tree, exp.Create):
        return None
    table = create_table(reader, tree)
    if not isinstance(table, CreateTable) or not tail:
        return table
    options = tuple((o.option, o.value) for o in table_options_from(reader, tail))
    return replace(table, options=options)


def trailing_words(reader: Reader) -> Invalid | None:
    """A statement that parses once its last few words are cut off, where the first word cut
    is a plain name with no meaning there: text after the end of a valid statement."""
    for cut in range(len(reader) - 1, max(1, len(reader) - 4), -1):
        if reader.type_at(cut) != TokenType.VAR or reader.word(cut) in COLUMN_ATTRIBUTE_WORDS:
            continue
        if parse_tokens(reader, reader.raw(range(0, cut))) is not None:
            return garbage(reader, cut)
    return None
