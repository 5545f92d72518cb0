from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.statements import AlterTable, CreateTable, SetTableOption
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import spot
from dbops.rules.facts.pointing import violation_at
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
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    Options = InitialValueOptions
    bad_example = "CREATE TABLE orders (id bigint AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT=48213;"
    good_example = "CREATE TABLE orders (id bigint AUTO_INCREMENT PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, InitialValueOptions)
        statement = context.statement
        if isinstance(statement, CreateTable):
            found = [(statement.option("AUTO_INCREMENT"), statement.span)]
        elif isinstance(statement, AlterTable):
            found = [
                (action.value, spot(action.span, statement.span))
                for action in statement.actions
                if isinstance(action, SetTableOption) and action.option == "AUTO_INCREMENT"
            ]
        else:
            return
        for value, span in found:
            start = value.strip() if value is not None else ""
            if start.isdigit() and int(start) != self.options.number:
                yield violation_at(
                    f"AUTO_INCREMENT starts at {start}, not at {self.options.number}", span
                )
