"""PostgreSQL's own grammar (pglast, the optional extra `dbops[pglast]`) as a statement validator.

sqlglot rejects valid PostgreSQL it has not modelled (`MERGE … USING a JOIN b`, `CREATE TYPE …
AS RANGE`, …); pglast is PostgreSQL's parser compiled into a wheel, so its word on what is valid
is the server's. It is a parser like sqlglot, not I/O, so the pure core may use it; it is only
imported when a statement needs judging, and when it is not installed nothing changes.
"""

from __future__ import annotations

import re
from functools import cache
from types import ModuleType

from dbops.core.sql import Verdict

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@cache
def _pglast_parser() -> ModuleType | None:
    try:
        from pglast import parser
    except ImportError:
        return None
    return parser


def judge_postgres(statement: str) -> Verdict | None:
    """Whether PostgreSQL's grammar accepts `statement`; None without pglast."""
    parser = _pglast_parser()
    if parser is None:
        return None
    try:
        parser.parse_sql_json(statement)
    except parser.ParseError as exc:
        return Verdict(False, str(exc.args[0]), _error_offset(parser, statement, exc))
    return Verdict(True)


def _error_offset(parser: ModuleType, statement: str, error: Exception) -> int:
    """The character offset of the error in `statement` (the end for "at end of input")."""
    if _NON_ASCII.search(statement):
        # pglast's offset is off after multi-byte characters; PostgreSQL's lexer reads any of
        # them as an identifier letter, so an ASCII letter in their place errs at the same spot.
        try:
            parser.parse_sql_json(_NON_ASCII.sub("x", statement))
        except parser.ParseError as ascii_error:
            error = ascii_error
    location = error.args[1] if len(error.args) > 1 else None
    return location if isinstance(location, int) else len(statement.rstrip())
