from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at


class SqliteStrictTables(Rule):
    """
    ## What it does
    Reports SQLite `CREATE TABLE` statements without the `STRICT` option (SQLite 3.37+), for
    teams that want SQLite to enforce column types.

    ## Why is this bad?
    An ordinary SQLite table stores any value in any column: `'abc'` in an `integer` column,
    `3.5` in a `text` one. A `STRICT` table rejects values that do not fit the column's type,
    as other databases do.

    ## Example
    ```sql
    CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL) STRICT;
    ```
    """

    name = "sqlite-strict-tables"
    default_level = None
    dialects = frozenset({"sqlite"})
    category = "type"
    bad_example = "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);"
    good_example = "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL) STRICT;"
    reads_model = True
    statement_kinds = (CreateTable,)  # CREATE TABLE … AS SELECT cannot be STRICT

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, CreateTable)
        if statement.strict or statement.virtual_module or statement.like is not None:
            return
        yield violation_at(
            f"table {statement.table.written} is not STRICT; SQLite will store any value in any "
            "column",
            statement.table.span,
        )
