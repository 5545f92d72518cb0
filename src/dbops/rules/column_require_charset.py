from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import MYSQL_TEXT_TYPES, column_charset, defined_columns
from dbops.rules.facts.pointing import violation_at


class ColumnRequireCharset(Rule):
    """
    ## What it does
    Reports MySQL text columns (`CHAR`, `VARCHAR`, `TEXT`, `ENUM`, `SET`) declared without a
    `CHARACTER SET`.

    ## Why is this bad?
    For teams that pin every text column's character set, a column without one takes the
    table's default, which is whatever the server had when the table was created.

    ## Example
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20));
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20) CHARACTER SET utf8mb4);
    ```
    """

    name = "column-require-charset"
    bytebase_type = "column.require-charset"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "column"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    bad_example = "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20));"
    good_example = (
        "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20) CHARACTER SET utf8mb4);"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for defined in defined_columns(context.statement):
            column = defined.column
            text = column.type is not None and column.type.name in MYSQL_TEXT_TYPES
            if text and column_charset(column) is None:
                yield violation_at(
                    f'text column "{column.name.written}" does not name its character set',
                    defined.span,
                )
