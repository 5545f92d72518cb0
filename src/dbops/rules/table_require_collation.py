from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import created_table_without_option


class TableRequireCollation(Rule):
    """
    ## What it does
    Reports MySQL `CREATE TABLE` statements that do not name a collation.

    ## Why is this bad?
    The collation decides whether `'a' = 'A'` and how `ORDER BY` sorts. Left to the server's
    default, it differs between MySQL 5.7 (`utf8mb4_general_ci`), 8.0 (`utf8mb4_0900_ai_ci`)
    and MariaDB, and so does the behaviour of unique keys.

    ## Example
    ```sql
    CREATE TABLE notes (id bigint PRIMARY KEY, body text);
    ```

    ## Use instead
    ```sql
    CREATE TABLE notes (id bigint PRIMARY KEY, body text) COLLATE=utf8mb4_bin;
    ```
    """

    name = "table-require-collation"
    bytebase_type = "table.require-collation"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "table"
    bad_example = "CREATE TABLE notes (id bigint PRIMARY KEY, body text);"
    good_example = "CREATE TABLE notes (id bigint PRIMARY KEY, body text) COLLATE=utf8mb4_bin;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        table = created_table_without_option(context.statement.tree, exp.CollateProperty)
        if table is not None:
            yield Violation(f"table {table} does not name its collation")
