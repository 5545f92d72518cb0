from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AddColumn, AlterTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanAddColumn(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ADD COLUMN` (opt-in: for schemas shared with clients that cannot take a
    new column).

    ## Why is this bad?
    A new column changes the shape of the rows existing clients receive: `SELECT *` consumers,
    positional `INSERT … VALUES` without a column list, and strict deserializers break.

    ## Example
    ```sql
    ALTER TABLE public.orders ADD COLUMN currency text;
    ```

    ## Use instead
    ```sql
    CREATE TABLE public.order_currencies (order_id bigint PRIMARY KEY, currency text);
    ```
    """

    name = "ban-add-column"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);"
    )
    bad_example = "ALTER TABLE public.orders ADD COLUMN currency text;"
    good_example = (
        "CREATE TABLE public.order_currencies (order_id bigint PRIMARY KEY, currency text);"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            if isinstance(action, AddColumn):
                yield violation(
                    f"adding column {action.column.name.written} to {written(statement.table)} "
                    "changes the rows existing clients receive",
                    action.span,
                )
