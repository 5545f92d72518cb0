from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import CreateRoutine
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanCreatePolicy(Rule):
    """
    ## What it does
    Reports `CREATE POLICY`.

    ## Why is this bad?
    On a table with row level security enabled, a new policy changes which rows each role can see
    and write, under every existing client at once.

    ## Example
    ```sql
    CREATE POLICY owner_only ON public.orders USING (note = current_user);
    ```

    ## Use instead
    ```sql
    COMMENT ON TABLE public.orders IS 'row level security planned';
    ```
    """

    name = "ban-create-policy"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (CreateRoutine,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);"
    )
    bad_example = "CREATE POLICY owner_only ON public.orders USING (note = current_user);"
    good_example = "COMMENT ON TABLE public.orders IS 'row level security planned';"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, CreateRoutine)
        if statement.routine_kind == "POLICY":
            table = written(statement.on_table)
            yield violation(
                f"creating policy {written(statement.name)} on {table} changes which rows existing "
                "clients can access",
                statement.span,
            )
