from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import MYSQL_TEXT_TYPES, column_collation, defined_columns
from dbops.rules.facts.pointing import violation_at


class ColumnRequireCollation(Rule):
    """
    ## What it does
    Reports MySQL text columns (`CHAR`, `VARCHAR`, `TEXT`, `ENUM`, `SET`) declared without a
    `COLLATE`.

    ## Why is this bad?
    The collation decides whether a unique key on the column treats `'a'` and `'A'` as the same
    value; left implicit, it follows the server's default, which changed between versions.

    ## Example
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200));
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) COLLATE utf8mb4_bin);
    ```
    """

    name = "column-require-collation"
    bytebase_type = "column.require-collation"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "column"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    bad_example = "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200));"
    good_example = (
        "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) COLLATE utf8mb4_bin);"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for defined in defined_columns(context.statement):
            column = defined.column
            text = column.type is not None and column.type.name in MYSQL_TEXT_TYPES
            if text and column_collation(column) is None:
                yield violation_at(
                    f'text column "{column.name.written}" does not name its collation',
                    defined.span,
                )
