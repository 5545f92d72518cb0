from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, SetTableOption
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanReplicaIdentity(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … REPLICA IDENTITY …`.

    ## Why is this bad?
    The replica identity decides what logical replication and change-data-capture consumers receive
    for UPDATE and DELETE (the key only, or the full old row); changing it silently changes their
    input, and a table without one cannot replicate UPDATEs at all.

    ## Example
    ```sql
    ALTER TABLE public.orders REPLICA IDENTITY FULL;
    ```

    ## Use instead
    ```sql
    ALTER TABLE public.orders ALTER COLUMN note SET STATISTICS 200;
    ```
    """

    name = "ban-replica-identity"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);"
    )
    bad_example = "ALTER TABLE public.orders REPLICA IDENTITY FULL;"
    good_example = "ALTER TABLE public.orders ALTER COLUMN note SET STATISTICS 200;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            if isinstance(action, SetTableOption) and action.option == "REPLICA IDENTITY":
                yield violation(
                    f"changing the replica identity of {written(statement.table)} changes what "
                    "replication consumers receive",
                    action.span,
                )
