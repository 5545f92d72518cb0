from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, DropDefault
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanDropDefault(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ALTER COLUMN … DROP DEFAULT`.

    ## Why is this bad?
    Existing clients leave the column out of their INSERTs and rely on the default: without it their
    rows get NULL, or fail on a NOT NULL column.

    ## Example
    ```sql
    ALTER TABLE public.orders ALTER COLUMN note DROP DEFAULT;
    ```

    ## Use instead
    ```sql
    ALTER TABLE public.orders ALTER COLUMN note SET STATISTICS 200;
    ```
    """

    name = "ban-drop-default"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = "CREATE TABLE public.orders (id bigint PRIMARY KEY, note text DEFAULT '');"
    bad_example = "ALTER TABLE public.orders ALTER COLUMN note DROP DEFAULT;"
    good_example = "ALTER TABLE public.orders ALTER COLUMN note SET STATISTICS 200;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            if isinstance(action, DropDefault):
                yield violation(
                    f"dropping the default of {written(statement.table)}.{action.column.written} "
                    "breaks inserts of existing clients that leave the column out",
                    action.span,
                )
