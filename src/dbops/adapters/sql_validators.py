"""SQLite's own engine as a statement validator, for the CREATE TABLE statements sqlglot rejects.

SQLite takes any sequence of identifiers as a type name (`floating point`, `unsigned big int`,
`varying character(20)`) and `ANY` in STRICT tables; sqlglot's sqlite dialect does not. Whether
SQLite accepts such a statement is asked of SQLite itself, in a throwaway in-memory database:
CREATE TABLE needs no history there, and ALTER TABLE … ADD gets an empty stand-in table. No file
is touched; a statement that would run long (CREATE TABLE … AS SELECT) is interrupted.
"""

from __future__ import annotations

import re
import sqlite3

from dbops.core.review import StatementPreparer
from dbops.core.schema import SchemaModel
from dbops.core.schema_ddl import sqlite_schema_sql
from dbops.core.sql import StatementValidator, Verdict

_NAME = r'(?:"(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[\w$]+)'
_CREATE_TABLE = re.compile(r"CREATE\s+(?:TEMP\s+|TEMPORARY\s+)?TABLE\b", re.IGNORECASE)
_ADD_COLUMN = re.compile(rf"ALTER\s+TABLE\s+(?P<table>{_NAME}(?:\s*\.\s*{_NAME})?)\s+ADD\b", re.I)
# Errors about names, not syntax: the review resolves names against the replayed history.
_NAME_ERRORS = ("no such ", "unknown database ")
_MAX_STEPS = 100_000  # SQLite virtual-machine steps before a statement is interrupted


def judge_sqlite(statement: str) -> Verdict | None:
    """Whether SQLite accepts `statement` (CREATE TABLE or ALTER TABLE … ADD); None for other
    statements, which cannot be tried without the schema they change."""
    setup = _setup_for(statement)
    if setup is None:
        return None
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        connection.set_progress_handler(lambda: 1, _MAX_STEPS)
        if setup:
            connection.execute(setup)
        connection.execute(statement)
    except sqlite3.Error as exc:
        return _verdict(str(exc))
    finally:
        connection.close()
    return Verdict(True)


def _setup_for(statement: str) -> str | None:
    if _CREATE_TABLE.match(statement):
        return ""
    added = _ADD_COLUMN.match(statement)
    if added:
        return f"CREATE TABLE {added.group('table')} (dbops_placeholder)"
    return None


def _verdict(message: str) -> Verdict | None:
    if message == "interrupted":
        return None  # ran too long to tell; sqlglot's verdict stands
    if message.startswith(_NAME_ERRORS):
        return Verdict(True)
    return Verdict(False, f"SQLite: {message}")


def prepare_sqlite(statement: str, schema: SchemaModel) -> Verdict | None:
    """Whether SQLite can compile `statement` against the replayed schema (EXPLAIN compiles a
    statement without running it), in a throwaway in-memory database; None when it cannot
    tell (the statement cannot be explained, or ran too long)."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        connection.set_progress_handler(lambda: 1, _MAX_STEPS)
        for setup in sqlite_schema_sql(schema):
            try:
                connection.execute(setup)
            except sqlite3.Error:
                continue  # a name the model holds but SQLite refuses: judge without it
        connection.execute(f"EXPLAIN {statement}")
    except sqlite3.Warning:
        return None  # several statements in one: not this check's to judge
    except sqlite3.Error as exc:
        message = str(exc)
        if message == "interrupted" or "EXPLAIN" in message:
            return None
        # A name the replay does not know is the schema checks' business (schema-conflict),
        # not a syntax error: only what SQLite cannot compile at all is reported here.
        return _verdict(message)
    finally:
        connection.close()
    return Verdict(True)


def preparer_for(dialect: str) -> StatementPreparer | None:
    """What checks the statements no normalizer models, against the replayed schema."""
    return prepare_sqlite if dialect == "sqlite" else None


def validator_for(dialect: str) -> StatementValidator | None:
    """The engine-backed validator the review hands the parser for `dialect` (None: the core's
    own default, PostgreSQL's grammar, or nothing)."""
    return judge_sqlite if dialect == "sqlite" else None
