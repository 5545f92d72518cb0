from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import CreateTable, CreateTableAs
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import first_span, located
from dbops.rules.facts.table_options import created_without_option


class TableRequireCharset(Rule):
    """
    ## What it does
    Reports MySQL `CREATE TABLE` statements that do not name a character set.

    ## Why is this bad?
    Without one, the table takes the database's default, which differs between servers
    (`latin1` before MySQL 8, `utf8mb4` after): the same migration creates different tables.

    ## Example
    ```sql
    CREATE TABLE notes (id bigint PRIMARY KEY, body text);
    ```

    ## Use instead
    ```sql
    CREATE TABLE notes (id bigint PRIMARY KEY, body text) DEFAULT CHARSET=utf8mb4;
    ```
    """

    name = "table-require-charset"
    bytebase_type = "table.require-charset"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "table"
    bad_example = "CREATE TABLE notes (id bigint PRIMARY KEY, body text);"
    good_example = "CREATE TABLE notes (id bigint PRIMARY KEY, body text) DEFAULT CHARSET=utf8mb4;"
    reads_model = True
    statement_kinds = (CreateTable, CreateTableAs)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        created = created_without_option(context.statement, "CHARSET")
        if created is not None:
            span = first_span(created.table.span, created.span)
            yield located(f"table {created.table.written} does not name its character set", span)
