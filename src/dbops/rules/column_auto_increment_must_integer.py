from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import INTEGER_TYPES, base_type, defined_columns, is_auto_increment
from dbops.rules.shapes import line_of


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
    bad_example = "CREATE TABLE orders (id double AUTO_INCREMENT PRIMARY KEY);"
    good_example = "CREATE TABLE orders (id bigint AUTO_INCREMENT PRIMARY KEY);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        for definition in defined_columns(context.statement.tree):
            if is_auto_increment(definition) and base_type(definition) not in INTEGER_TYPES:
                yield Violation(
                    f'auto-increment column "{definition.name}" is not an integer',
                    line=line_of(definition, context.statement),
                )
