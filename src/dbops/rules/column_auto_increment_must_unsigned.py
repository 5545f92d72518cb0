from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import defined_columns
from dbops.rules.facts.pointing import violation_at


class ColumnAutoIncrementMustUnsigned(Rule):
    """
    ## What it does
    Reports MySQL `AUTO_INCREMENT` columns that are not `UNSIGNED`.

    ## Why is this bad?
    Generated keys are never negative: a signed column wastes half its range and runs out of
    values twice as early (a signed `INT` overflows after 2,147,483,647 rows).

    ## Example
    ```sql
    CREATE TABLE orders (id int AUTO_INCREMENT PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    CREATE TABLE orders (id int unsigned AUTO_INCREMENT PRIMARY KEY);
    ```
    """

    name = "column-auto-increment-must-unsigned"
    bytebase_type = "column.auto-increment-must-unsigned"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "column"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    bad_example = "CREATE TABLE orders (id int AUTO_INCREMENT PRIMARY KEY);"
    good_example = "CREATE TABLE orders (id int unsigned AUTO_INCREMENT PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for defined in defined_columns(context.statement):
            column = defined.column
            if column.auto_increment and not (column.type is not None and column.type.unsigned):
                yield violation_at(
                    f'auto-increment column "{column.name.written}" is not UNSIGNED', defined.span
                )
