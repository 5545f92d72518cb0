from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Maintenance
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, lock_phrase, violation


class PreferRepack(Rule):
    """
    ## What it does
    Reports `VACUUM FULL` and `CLUSTER` when the target server is PostgreSQL 19 or newer, which has
    `REPACK` (`--server-version`; older targets have no online alternative in core and are not
    reported).

    ## Why is this bad?
    VACUUM FULL and CLUSTER rewrite the whole table under ACCESS EXCLUSIVE: no reads or writes until
    the copy is done. PostgreSQL 19's `REPACK (CONCURRENTLY)` rewrites it while reads and writes go
    on.

    ## Example
    ```sql
    VACUUM FULL public.orders;
    ```

    ## Use instead
    ```sql
    REINDEX TABLE CONCURRENTLY public.orders;
    ```
    """

    name = "prefer-repack"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "lock-safety"
    reads_model = True
    statement_kinds = (Maintenance,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);"
    )
    bad_example = "VACUUM FULL public.orders;"
    good_example = "-- dbops:no-transaction\nREINDEX TABLE CONCURRENTLY public.orders;"
    example_server_version = "19"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Maintenance)
        if context.target is None or not context.target.at_least(19):
            return
        if statement.operation not in ("VACUUM FULL", "CLUSTER"):
            return
        phrase = lock_phrase(context.locks)
        if phrase is not None:
            yield violation(
                f"{statement.operation} {phrase} while it rewrites the table; use REPACK",
                statement.span,
            )
