from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import created_table_without_option


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

    def check(self, context: RuleContext) -> Iterator[Violation]:
        table = created_table_without_option(context.statement.tree, exp.CharacterSetProperty)
        if table is not None:
            yield Violation(f"table {table} does not name its character set")
