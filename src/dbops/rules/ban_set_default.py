from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterObject, AlterTable, SetDefault
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanSetDefault(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ALTER COLUMN … SET DEFAULT` (and a view column's `SET DEFAULT`).

    ## Why is this bad?
    Clients that leave the column out of their INSERTs silently get the new default instead of the
    old one (or NULL): values change without any client changing.

    ## Example
    ```sql
    ALTER TABLE public.orders ALTER COLUMN note SET DEFAULT 'n/a';
    ```

    ## Use instead
    ```sql
    ALTER TABLE public.orders ALTER COLUMN note SET STATISTICS 200;
    ```
    """

    name = "ban-set-default"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (
        AlterTable,
        AlterObject,
    )
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);"
    )
    bad_example = "ALTER TABLE public.orders ALTER COLUMN note SET DEFAULT 'n/a';"
    good_example = "ALTER TABLE public.orders ALTER COLUMN note SET STATISTICS 200;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if isinstance(statement, AlterObject):
            if statement.action == "ALTER COLUMN SET DEFAULT":
                yield violation(
                    f"setting a column default on {written(statement.name)} changes what existing "
                    "clients' inserts write",
                    statement.span,
                )
            return
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            if isinstance(action, SetDefault):
                yield violation(
                    f"setting the default of {written(statement.table)}.{action.column.written} "
                    "silently changes what existing clients' inserts write",
                    action.span,
                )
