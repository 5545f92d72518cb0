from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field
from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import table_options
from dbops.rules.options import NumberOptions


class InitialValueOptions(NumberOptions):
    number: int = Field(default=1, description="the required initial value")


class ColumnAutoIncrementInitialValue(Rule):
    """
    ## What it does
    Reports MySQL tables whose `AUTO_INCREMENT=n` table option sets another initial value than
    the agreed one.

    ## Why is this bad?
    An initial value copied from a dump (`AUTO_INCREMENT=48213`) makes every environment start
    its keys somewhere else, so ids in tests and fixtures stop matching.

    ## Example
    ```sql
    CREATE TABLE orders (id bigint AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT=48213;
    ```

    ## Use instead
    ```sql
    CREATE TABLE orders (id bigint AUTO_INCREMENT PRIMARY KEY);
    ```

    ## Options
    - `number`: the initial value a table may set (default 1).
    """

    name = "column-auto-increment-initial-value"
    bytebase_type = "column.auto-increment-initial-value"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "column"
    Options = InitialValueOptions
    bad_example = "CREATE TABLE orders (id bigint AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT=48213;"
    good_example = "CREATE TABLE orders (id bigint AUTO_INCREMENT PRIMARY KEY);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, InitialValueOptions)
        for option in table_options(context.statement.tree):
            value = option.this if isinstance(option, exp.AutoIncrementProperty) else None
            if isinstance(value, exp.Literal) and int(value.this) != self.options.number:
                yield Violation(
                    f"AUTO_INCREMENT starts at {value.this}, not at {self.options.number}"
                )
