from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import CreateTable, CreateTableAs
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import first_span, located
from dbops.rules.facts.table_options import created_without_option


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
    reads_model = True
    statement_kinds = (CreateTable, CreateTableAs)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        created = created_without_option(context.statement, "COLLATE")
        if created is not None:
            span = first_span(created.table.span, created.span)
            yield located(f"table {created.table.written} does not name its collation", span)
