from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, ColumnDef, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at
from dbops.rules.facts.sqlite import STRICT_TYPES, affinity, declared_columns, declared_type

_CLOCK = ("DATE", "TIME")


class SqliteTypeAffinity(Rule):
    """
    ## What it does
    Reports SQLite column types that do not behave as their name says: `VARCHAR(n)` (the length
    is not checked), types that get NUMERIC affinity (`DATETIME`, `BOOLEAN`, `DECIMAL(10,2)`,
    `JSON`, and `STRING`, which turns `'0123'` into `123`), and names that happen to contain
    `INT` (`FLOATING POINT` is an integer column). In a `STRICT` table, reports every type
    other than `INT`, `INTEGER`, `REAL`, `TEXT`, `BLOB` and `ANY`, which SQLite refuses.

    ## Why is this bad?
    SQLite decides a column's affinity from words in its declared type, not from the type
    itself: a schema written for PostgreSQL or MySQL runs, but stores numbers where text was
    meant, rounds decimals through floating point and accepts strings of any length.

    ## Example
    ```sql
    CREATE TABLE products (id integer PRIMARY KEY, code STRING, price DECIMAL(10, 2));
    ```

    ## Use instead
    ```sql
    CREATE TABLE products (id integer PRIMARY KEY, code text, price_cents integer);
    ```
    """

    name = "sqlite-type-affinity"
    dialects = frozenset({"sqlite"})
    category = "type"
    bad_example = (
        "CREATE TABLE products (id integer PRIMARY KEY, code STRING, price DECIMAL(10, 2));"
    )
    good_example = "CREATE TABLE products (id integer PRIMARY KEY, code text, price_cents integer);"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        strict = isinstance(statement, CreateTable) and statement.strict
        if isinstance(statement, CreateTable) and statement.virtual_module:
            return  # a virtual table's module decides what its columns hold
        for column in declared_columns(statement):
            problem = _strict_problem(column) if strict else _affinity_problem(column)
            if problem:
                yield violation_at(f'column "{column.name.written}" {problem}', column.span)


def _strict_problem(column: ColumnDef) -> str | None:
    declared = declared_type(column)
    if declared and declared not in STRICT_TYPES:
        return f"has type {_written(column)}, which a STRICT table refuses"
    return None


def _affinity_problem(column: ColumnDef) -> str | None:
    declared = declared_type(column)
    kind, written = affinity(declared), _written(column)
    if kind == "TEXT" and "(" in declared:
        return f"is {written}, but SQLite does not check the length"
    if kind == "INTEGER" and any(word in declared for word in ("POINT", "FLOA", "DOUB", "REAL")):
        return f"is {written}, which SQLite reads as INTEGER (it contains INT)"
    if kind != "NUMERIC" or declared.startswith("NUMERIC"):
        return None
    if any(word in declared for word in _CLOCK):
        return f"is {written}: SQLite has no date type; store ISO-8601 text or integers"
    if declared.startswith(("DECIMAL", "NUMBER", "MONEY")):
        return f"is {written}: SQLite stores it as floating point, not exact decimals"
    return f"is {written}, which SQLite gives NUMERIC affinity ('0123' becomes 123)"


def _written(column: ColumnDef) -> str:
    return column.type.written if column.type is not None else ""
