from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, DropNotNull
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanDropNotNull(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ALTER COLUMN … DROP NOT NULL`.

    ## Why is this bad?
    Existing clients read the column assuming it always has a value; once NULLs can be written (by
    the new version), the old version's code and typed drivers fail on them.

    ## Example
    ```sql
    ALTER TABLE public.orders ALTER COLUMN total DROP NOT NULL;
    ```

    ## Use instead
    ```sql
    ALTER TABLE public.orders ALTER COLUMN note SET DEFAULT '';
    ```
    """

    name = "ban-drop-not-null"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);"
    )
    bad_example = "ALTER TABLE public.orders ALTER COLUMN total DROP NOT NULL;"
    good_example = "ALTER TABLE public.orders ALTER COLUMN note SET DEFAULT '';"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            if isinstance(action, DropNotNull):
                yield violation(
                    f"dropping NOT NULL on {written(statement.table)}.{action.column.written} lets "
                    "NULLs reach clients that assume a value",
                    action.span,
                )
