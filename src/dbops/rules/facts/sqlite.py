"""SQLite column types as SQLite reads them: any words make a type name (`floating point`,
`STRING`), and the column's affinity depends on exactly those words
(https://www.sqlite.org/datatype3.html, 3.1)."""

from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AddColumn, AlterTable, ColumnDef, CreateTable, Statement

STRICT_TYPES = frozenset({"INT", "INTEGER", "REAL", "TEXT", "BLOB", "ANY"})


def declared_type(column: ColumnDef) -> str:
    """The column's type as written, upper case; "" for a column declared without one."""
    return column.type.written.strip().upper() if column.type is not None else ""


def declared_columns(statement: Statement) -> Iterator[ColumnDef]:
    """The columns `CREATE TABLE t (…)` defines or `ALTER TABLE t ADD COLUMN …` adds."""
    if isinstance(statement, CreateTable):
        yield from statement.columns
    elif isinstance(statement, AlterTable):
        for action in statement.actions:
            if isinstance(action, AddColumn):
                yield action.column


def affinity(type_text: str) -> str:
    """SQLite's rules for the affinity of a declared type (upper case), in their order."""
    if "INT" in type_text:
        return "INTEGER"
    if any(word in type_text for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in type_text or not type_text:
        return "BLOB"
    if any(word in type_text for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"
