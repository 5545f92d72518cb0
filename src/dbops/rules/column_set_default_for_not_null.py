from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import (
    MYSQL_NO_LITERAL_DEFAULT,
    defined_columns,
    existing_primary_key,
    primary_key_columns,
)
from dbops.rules.facts.pointing import violation_at


class ColumnSetDefaultForNotNull(Rule):
    """
    ## What it does
    Reports MySQL `NOT NULL` columns without a `DEFAULT`, except primary-key, auto-increment,
    generated and `BLOB`/`TEXT`/`JSON`/spatial columns (which cannot have a literal default).

    ## Why is this bad?
    An `INSERT` that leaves the column out fails in strict mode and, outside it, silently
    stores `''` or `0`. A default makes the column safe to add and to leave out.

    ## Example
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, status varchar(10) NOT NULL);
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, status varchar(10) NOT NULL DEFAULT 'new');
    ```
    """

    name = "column-set-default-for-not-null"
    bytebase_type = "column.set-default-for-not-null"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "column"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    bad_example = "CREATE TABLE users (id bigint PRIMARY KEY, status varchar(10) NOT NULL);"
    good_example = (
        "CREATE TABLE users (id bigint PRIMARY KEY, status varchar(10) NOT NULL DEFAULT 'new');"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        keys = primary_key_columns(statement) | existing_primary_key(statement, context.schema)
        for defined in defined_columns(statement):
            column = defined.column
            exempt = (
                column.name.value in keys
                or column.auto_increment
                or column.generated is not None
                or (column.type is not None and column.type.name in MYSQL_NO_LITERAL_DEFAULT)
            )
            if column.not_null and column.default is None and not exempt:
                yield violation_at(
                    f'NOT NULL column "{column.name.written}" has no DEFAULT', defined.span
                )
