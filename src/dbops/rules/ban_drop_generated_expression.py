from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, SetColumnOption
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanDropGeneratedExpression(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ALTER COLUMN … DROP EXPRESSION`, which turns a generated column into a
    plain one.

    ## Why is this bad?
    Clients read the generated column expecting it to follow its expression; after DROP EXPRESSION
    it keeps stale values and nothing updates it, and clients that never wrote it now leave it NULL
    on new rows.

    ## Example
    ```sql
    ALTER TABLE public.orders ALTER COLUMN total_cents DROP EXPRESSION;
    ```

    ## Use instead
    ```sql
    ALTER TABLE public.orders ADD COLUMN total_cents_v2 bigint;
    ```
    """

    name = "ban-drop-generated-expression"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL,\ntotal_cents "
        "bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED);"
    )
    bad_example = "ALTER TABLE public.orders ALTER COLUMN total_cents DROP EXPRESSION;"
    good_example = "ALTER TABLE public.orders ADD COLUMN total_cents_v2 bigint;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            if isinstance(action, SetColumnOption) and action.option == "DROP EXPRESSION":
                yield violation(
                    f"dropping the generation expression of {written(statement.table)}."
                    f"{action.column.written} leaves clients reading values nothing maintains",
                    action.span,
                )
