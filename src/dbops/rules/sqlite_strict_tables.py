from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.sqlite_shapes import table_options


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
    needs_tree = False
    bad_example = "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);"
    good_example = "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL) STRICT;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        words = context.statement.keywords
        if words[:2] != ("CREATE", "TABLE") or "(" not in words:
            return
        if "AS" in words[: words.index("(")]:
            return  # CREATE TABLE … AS SELECT cannot be STRICT
        if "STRICT" not in table_options(context.statement):
            yield Violation("table is not STRICT; SQLite will store any value in any column")
