"""What later migrations of the same review do that an earlier finding depends on.

The safe way to make a column NOT NULL on a populated table spans files: add it nullable,
backfill, `CHECK … NOT VALID`, `VALIDATE`, then `SET NOT NULL`. A review of that whole
sequence must not report the first step for the NULLs the last one removes."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from dbops.core.migrations import MigrationFile
from dbops.core.sql import parse_sql
from dbops.core.statements import AlterTable, ModifyColumn, SetNotNull, Statement
from dbops.parsing import typed_statements

# (table name, column name) as the engine compares them; the schema is left out: a later
# migration names the table as the earlier one did, or the model cannot tell anyway.
ColumnKey = tuple[str, str]
NO_KEYS: frozenset[ColumnKey] = frozenset()


def made_not_null_later(
    reviewed: Sequence[MigrationFile], dialect: str
) -> Mapping[str, frozenset[ColumnKey]]:
    """For each reviewed file, the columns a later reviewed file makes NOT NULL (`SET NOT
    NULL`, MySQL's `MODIFY`/`CHANGE … NOT NULL`). Only the files whose text can hold such a
    statement are parsed again: a CREATE TABLE with NOT NULL columns is not one of them."""
    keys_of = [
        frozenset(_not_null_columns(migration, dialect))
        if _may_set_not_null(migration)
        else NO_KEYS
        for migration in reviewed
    ]
    later: dict[str, frozenset[ColumnKey]] = {}
    after: frozenset[ColumnKey] = NO_KEYS
    for migration, keys in zip(reversed(reviewed), reversed(keys_of), strict=True):
        if after:
            later[migration.path] = after
        if keys:
            after = after | keys
    return later


_SET_NOT_NULL = re.compile(r"\bset\s+not\s+null\b", re.IGNORECASE)
_REDEFINES = re.compile(r"\b(modify|change)\b", re.IGNORECASE)


def _may_set_not_null(migration: MigrationFile) -> bool:
    """A necessary condition, on the text, for a statement that makes a column NOT NULL."""
    text = migration.text
    if _SET_NOT_NULL.search(text):
        return True
    return _REDEFINES.search(text) is not None and "not null" in text.lower()


def _not_null_columns(migration: MigrationFile, dialect: str) -> Iterator[ColumnKey]:
    statements: tuple[Statement, ...] = typed_statements(
        parse_sql(migration.text, dialect), dialect
    )
    for statement in statements:
        if not isinstance(statement, AlterTable):
            continue
        table = statement.table.name.value
        for action in statement.actions:
            if isinstance(action, SetNotNull):
                yield table, action.column.value
            elif isinstance(action, ModifyColumn) and action.column.not_null:
                yield table, action.column.name.value
