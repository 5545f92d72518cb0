from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import MYSQL_INTEGER_TYPES, defined_columns
from dbops.rules.facts.pointing import violation_at


class ColumnAutoIncrementMustInteger(Rule):
    """
    ## What it does
    Reports MySQL `AUTO_INCREMENT` columns whose type is not an integer type
    (`TINYINT` … `BIGINT`).

    ## Why is this bad?
    MySQL accepts `AUTO_INCREMENT` on `FLOAT`, `DOUBLE` and `DECIMAL` columns, where generated
    keys lose precision and stop being exact; auto-increment keys belong in integers.

    ## Example
    ```sql
    CREATE TABLE orders (id double AUTO_INCREMENT PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    CREATE TABLE orders (id bigint AUTO_INCREMENT PRIMARY KEY);
    ```
    """

    name = "column-auto-increment-must-integer"
    bytebase_type = "column.auto-increment-must-integer"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "column"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    bad_example = "CREATE TABLE orders (id double AUTO_INCREMENT PRIMARY KEY);"
    good_example = "CREATE TABLE orders (id bigint AUTO_INCREMENT PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for defined in defined_columns(context.statement):
            column = defined.column
            if column.auto_increment and (
                column.type is None or column.type.name not in MYSQL_INTEGER_TYPES
            ):
                written = column.type.written if column.type is not None else "no type"
                yield violation_at(
                    f'auto-increment column "{column.name.written}" is {written}, not an integer',
                    defined.span,
                )
