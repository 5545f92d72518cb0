"""PostgreSQL statements from PostgreSQL's own grammar (pglast) to typed statements."""

from __future__ import annotations

from dbops.core.sql import ParsedStatement
from dbops.core.statements import Statement
from dbops.parsing.positions import Locator
from dbops.parsing.unmodelled import unmodelled


def normalize_postgres(statement: ParsedStatement, locator: Locator) -> Statement:
    return unmodelled(statement, locator, "the PostgreSQL normalizer does not model it yet")
