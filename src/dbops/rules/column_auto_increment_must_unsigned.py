from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import defined_columns, is_auto_increment, is_unsigned
from dbops.rules.shapes import line_of


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
    bad_example = "CREATE TABLE orders (id int AUTO_INCREMENT PRIMARY KEY);"
    good_example = "CREATE TABLE orders (id int unsigned AUTO_INCREMENT PRIMARY KEY);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        for definition in defined_columns(context.statement.tree):
            if is_auto_increment(definition) and not is_unsigned(definition):
                yield Violation(
                    f'auto-increment column "{definition.name}" is not UNSIGNED',
                    line=line_of(definition, context.statement),
                )
