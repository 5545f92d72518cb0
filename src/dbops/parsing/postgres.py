"""PostgreSQL statements from PostgreSQL's own grammar (pglast) to typed statements.

pglast is PostgreSQL's parser compiled into a wheel: what it rejects, the server rejects, so
its verdict is final (`Invalid` with its message). Each statement is parsed once; nothing is
deparsed (texts are slices of the source). The builders live in `pg_*` modules by topic.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from types import ModuleType
from typing import Any

from dbops.core.sql import ParsedStatement
from dbops.core.statements import Invalid, Statement
from dbops.parsing.pg_alter import alter_table, rename
from dbops.parsing.pg_context import Context, unmodelled
from dbops.parsing.pg_dml_parts import create_database
from dbops.parsing.pg_nodes import parse
from dbops.parsing.pg_objects import BUILDERS as OBJECT_BUILDERS
from dbops.parsing.pg_other import (
    delete,
    drop,
    insert,
    select,
    set_setting,
    transaction,
    truncate,
    update,
)
from dbops.parsing.pg_source import Source
from dbops.parsing.pg_tables import create_index, create_table
from dbops.parsing.positions import Locator
from dbops.parsing.unmodelled import unmodelled as unmodelled_statement

_NON_ASCII = re.compile(r"[^\x00-\x7f]")

Builder = Callable[[Any, Context], Statement]
BUILDERS: dict[str, Builder] = {
    "CreateStmt": create_table,
    "AlterTableStmt": alter_table,
    "RenameStmt": rename,
    "IndexStmt": create_index,
    "DropStmt": drop,
    "TruncateStmt": truncate,
    "VariableSetStmt": set_setting,
    "TransactionStmt": transaction,
    "InsertStmt": insert,
    "UpdateStmt": update,
    "DeleteStmt": delete,
    "SelectStmt": select,
    **OBJECT_BUILDERS,
    "CreatedbStmt": create_database,
}


@cache
def _pglast_parser() -> ModuleType | None:
    try:
        from pglast import parser
    except ImportError:
        return None
    return parser


def normalize_postgres(statement: ParsedStatement, locator: Locator) -> Statement:
    parser = _pglast_parser()
    if parser is None:
        return unmodelled_statement(
            statement,
            locator,
            "pglast (PostgreSQL's parser) is not installed on this platform, so PostgreSQL "
            "statements are not modelled",
        )
    text = statement.text
    try:
        raw_statements = parse(parser.parse_sql_json, text)
    except parser.ParseError as error:
        offset = _error_offset(parser, text, error)
        return Invalid(
            text=text,
            span=locator.whole(),
            message=str(error.args[0]),
            error_span=locator.span(offset, offset + 1),
        )
    source = Source(text, locator, parser.scan)
    ctx = Context(source)
    if not raw_statements:
        return unmodelled(ctx, "PostgreSQL's parser found no statement here (only comments)")
    if len(raw_statements) > 1:
        return unmodelled(
            ctx,
            f"PostgreSQL's parser reads {len(raw_statements)} statements where dbops' splitter "
            "saw one; the split disagrees, so none of them is modelled",
        )
    node = raw_statements[0].stmt
    kind = type(node).__name__
    builder = BUILDERS.get(kind)
    if builder is None:
        return unmodelled(ctx, f"{_statement_words(ctx, kind)} is not modelled")
    try:
        return builder(node, ctx)
    except (AttributeError, IndexError, KeyError, TypeError, ValueError) as error:
        # A form of a modelled statement this normalizer does not know: say so, and let the
        # review go on (the statement is valid: PostgreSQL's parser accepted it).
        return unmodelled(
            ctx, f"dbops could not model this {_statement_words(ctx, kind)}: {error!r}"
        )


def _statement_words(ctx: Context, kind: str) -> str:
    """The statement's leading keywords and its grammar node: "CREATE DATABASE statement
    (CreatedbStmt)"."""
    words: list[str] = []
    for token in ctx.source.tokens[:3]:
        if not token.keyword:
            break
        words.append(token.upper)
    return f"{' '.join(words) or kind} statement ({kind})"


def _error_offset(parser: ModuleType, text: str, error: Exception) -> int:
    """The character offset of the error in `text` (its end for "at end of input")."""
    if _NON_ASCII.search(text):
        # pglast's error offsets count bytes, not characters; PostgreSQL's lexer reads any
        # non-ASCII character as an identifier letter, so an ASCII letter in its place errs
        # at the same spot, counted in characters.
        try:
            parser.parse_sql_json(_NON_ASCII.sub("x", text))
        except parser.ParseError as ascii_error:
            error = ascii_error
    location = error.args[1] if len(error.args) > 1 else None
    if isinstance(location, int) and 0 <= location < len(text):
        return location
    return max(len(text.rstrip()) - 1, 0)
