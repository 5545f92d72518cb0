from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import DropIndex
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanDropIndex(Rule):
    """
    ## What it does
    Reports `DROP INDEX`, also `CONCURRENTLY` (the lock of a plain DROP INDEX is
    `require-concurrent-index-deletion`).

    ## Why is this bad?
    An index may back a guarantee (a unique index clients' `ON CONFLICT` relies on) or the plans of
    clients' queries: without it they fail or slow down to sequential scans.

    ## Example
    ```sql
    DROP INDEX CONCURRENTLY public.orders_note_idx;
    ```

    ## Use instead
    ```sql
    CREATE INDEX CONCURRENTLY orders_note_total_idx ON public.orders (note, total);
    ```
    """

    name = "ban-drop-index"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (DropIndex,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);\n"
        "CREATE INDEX orders_note_idx ON public.orders (note);"
    )
    bad_example = "DROP INDEX CONCURRENTLY public.orders_note_idx;"
    good_example = "CREATE INDEX CONCURRENTLY orders_note_total_idx ON public.orders (note, total);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, DropIndex)
        for name in statement.names:
            yield violation(
                f"dropping index {written(name)} may remove a guarantee or change query plans of "
                "existing clients",
                name.span if name.span.line else statement.span,
            )
