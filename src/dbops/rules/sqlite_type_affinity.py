from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.sqlite_shapes import DeclaredColumn, affinity, declared_columns, table_options

_STRICT_TYPES = frozenset({"INT", "INTEGER", "REAL", "TEXT", "BLOB", "ANY"})
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
    needs_tree = False
    bad_example = (
        "CREATE TABLE products (id integer PRIMARY KEY, code STRING, price DECIMAL(10, 2));"
    )
    good_example = "CREATE TABLE products (id integer PRIMARY KEY, code text, price_cents integer);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        strict = "STRICT" in table_options(context.statement)
        for column in declared_columns(context.statement):
            problem = _strict_problem(column) if strict else _affinity_problem(column)
            if problem:
                yield Violation(f'column "{column.name}" {problem}', line=column.token.line)


def _strict_problem(column: DeclaredColumn) -> str | None:
    if column.type and column.type not in _STRICT_TYPES:
        return f"has type {column.type}, which a STRICT table refuses"
    return None


def _affinity_problem(column: DeclaredColumn) -> str | None:
    declared, kind = column.type, affinity(column.type)
    if kind == "TEXT" and "(" in declared:
        return f"is {declared}, but SQLite does not check the length"
    if kind == "INTEGER" and any(word in declared for word in ("POINT", "FLOA", "DOUB", "REAL")):
        # `FLOATING POINT` (a syntax error for sqlglot today) and `POINT` end in INTEGER
        return f"is {declared}, which SQLite reads as INTEGER (it contains INT)"
    if kind != "NUMERIC" or declared.startswith("NUMERIC"):
        return None
    if any(word in declared for word in _CLOCK):
        return f"is {declared}: SQLite has no date type; store ISO-8601 text or integers"
    if declared.startswith(("DECIMAL", "NUMBER", "MONEY")):
        return f"is {declared}: SQLite stores it as floating point, not exact decimals"
    return f"is {declared}, which SQLite gives NUMERIC affinity ('0123' becomes 123)"
