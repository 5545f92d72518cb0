from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, DetachPartition, SetTableOption
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanDetachInheritance(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … DETACH PARTITION` (also CONCURRENTLY) and `ALTER TABLE … NO INHERIT`.

    ## Why is this bad?
    Clients read and write through the parent table: once a partition or child is detached its rows
    vanish from their queries and rows routed to it fail.

    ## Example
    ```sql
    ALTER TABLE public.events DETACH PARTITION public.events_2024;
    ```

    ## Use instead
    ```sql
    ALTER TABLE public.events_2024 ALTER COLUMN id SET STATISTICS 200;
    ```
    """

    name = "ban-detach-inheritance"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = (
        "CREATE TABLE public.events (id bigint NOT NULL, year int NOT NULL) PARTITION BY LIST "
        "(year);\nCREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES IN "
        "(2024);"
    )
    bad_example = "ALTER TABLE public.events DETACH PARTITION public.events_2024;"
    good_example = "ALTER TABLE public.events_2024 ALTER COLUMN id SET STATISTICS 200;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            if isinstance(action, DetachPartition):
                yield violation(
                    f"detaching {written(action.partition)} from {written(statement.table)} "
                    "removes its rows from what existing clients read through the parent",
                    action.span,
                )
            elif isinstance(action, SetTableOption) and action.option == "NO INHERIT":
                yield violation(
                    f"NO INHERIT {action.value} removes the rows of {written(statement.table)} "
                    "from what existing clients read through the parent",
                    action.span,
                )
