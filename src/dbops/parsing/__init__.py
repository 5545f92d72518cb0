"""The normalizers: each dialect's parser output turned into dbops' typed statements.

This package is the only place that reads parser trees: PostgreSQL statements come from
PostgreSQL's own grammar (pglast), MySQL/MariaDB and SQLite statements from sqlglot. Rules, the
schema replay and the lock model read only `dbops.core.statements`. Like the parsers it wraps it
does no I/O, so the pure core may call it.
"""

from __future__ import annotations

from dbops.core.sql import ParsedFile, ParsedStatement, dialect_name
from dbops.core.statements import Invalid, Span, Statement, Unmodelled
from dbops.parsing.positions import Locator


def typed_statements(parsed: ParsedFile, dialect: str) -> tuple[Statement, ...]:
    """Every statement of a parsed file as a typed statement, in order."""
    return tuple(typed_statement(statement, dialect) for statement in parsed.statements)


def typed_statement(statement: ParsedStatement, dialect: str) -> Statement:
    """One statement as a typed statement: `Invalid` when the dialect's parser rejects it,
    `Unmodelled` (saying why) when no normalizer models it."""
    locator = Locator(statement)
    name = dialect_name(dialect)
    if statement.error is not None and (recovered := _recovered(statement, locator, name)):
        return recovered
    if statement.error is not None:
        error_span = (
            Span(statement.error_line, statement.error_column or 0, statement.error_line, 0)
            if statement.error_line is not None
            else locator.whole()
        )
        return Invalid(
            text=statement.text,
            span=locator.whole(),
            message=statement.error,
            error_span=error_span,
        )
    try:
        if name == "postgres":
            from dbops.parsing.postgres import normalize_postgres

            return normalize_postgres(statement, locator)
        if name == "sqlite":
            from dbops.parsing.sqlite import normalize_sqlite

            return normalize_sqlite(statement, locator)
        from dbops.parsing.mysql import normalize_mysql

        return normalize_mysql(statement, locator, name)
    except ImportError as exc:  # a normalizer module not there (yet): say so, never skip
        return Unmodelled(
            text=statement.text,
            span=locator.whole(),
            reason=f"no normalizer for {name}: {exc}",
            first_words=" ".join(statement.keywords[:2]),
        )


def _recovered(statement: ParsedStatement, locator: Locator, name: str) -> Statement | None:
    """A statement sqlglot rejected that the dialect's normalizer reads from its tokens (MySQL
    `CREATE INDEX … USING BTREE ON …`, SQLite `CREATE VIRTUAL TABLE … USING fts5(…)`)."""
    if name == "postgres":
        return None
    if name == "sqlite":
        from dbops.parsing.sqlite import recover_sqlite

        return recover_sqlite(statement, locator)
    from dbops.parsing.mysql import recover_mysql

    return recover_mysql(statement, locator, name)
