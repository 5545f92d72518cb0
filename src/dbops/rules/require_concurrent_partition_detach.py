from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, DetachPartition
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, lock_phrase, violation, written


class RequireConcurrentPartitionDetach(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … DETACH PARTITION` without `CONCURRENTLY` on a table that existed before
    the migration (PostgreSQL).

    The advice follows the target server (`--server-version`): before PostgreSQL 14 there is no
    CONCURRENTLY form, and the message says so.

    ## Why is this bad?
    A plain DETACH PARTITION takes ACCESS EXCLUSIVE on the partitioned table: every read and write
    of every partition waits. `DETACH PARTITION … CONCURRENTLY` takes only SHARE UPDATE EXCLUSIVE;
    it cannot run in a transaction, so mark the file `-- dbops:no-transaction`.

    ## Example
    ```sql
    ALTER TABLE public.events DETACH PARTITION public.events_2024;
    ```

    ## Use instead
    ```sql
    -- dbops:no-transaction
    ALTER TABLE public.events DETACH PARTITION public.events_2024 CONCURRENTLY;
    ```
    """

    name = "require-concurrent-partition-detach"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "lock-safety"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = (
        "CREATE TABLE public.events (id bigint NOT NULL, year int NOT NULL) PARTITION BY LIST "
        "(year);\nCREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES IN "
        "(2024);"
    )
    bad_example = "ALTER TABLE public.events DETACH PARTITION public.events_2024;"
    good_example = (
        "-- dbops:no-transaction\nSET lock_timeout = '2s';\n"
        "ALTER TABLE public.events DETACH PARTITION public.events_2024 "
        "CONCURRENTLY;"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            if isinstance(action, DetachPartition) and not (action.concurrently or action.finalize):
                phrase = lock_phrase(context.locks)
                if phrase is None:
                    continue  # a table this file created: nobody waits
                yield violation(
                    f"DETACH PARTITION {written(action.partition)} {phrase}; {_instead(context)}",
                    action.span,
                )


def _instead(context: StatementContext) -> str:
    if context.target is not None and not context.target.at_least(14):
        return (
            f"{context.target.label} has no DETACH … CONCURRENTLY (PostgreSQL 14+): detach in a "
            "quiet period with a short lock_timeout"
        )
    return "detach it CONCURRENTLY"
