from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Reindex
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, lock_phrase, violation, written


class RequireConcurrentReindex(Rule):
    """
    ## What it does
    Reports `REINDEX` without `CONCURRENTLY` (PostgreSQL 12+).

    ## Why is this bad?
    A plain REINDEX of an index takes ACCESS EXCLUSIVE on the index (queries that would use it wait)
    and SHARE on its table (writes wait); REINDEX TABLE blocks the table's writes for the whole
    rebuild. `REINDEX … CONCURRENTLY` rebuilds without blocking writes; it cannot run in a
    transaction, so mark the file `-- dbops:no-transaction`.

    ## Example
    ```sql
    REINDEX INDEX public.orders_note_idx;
    ```

    ## Use instead
    ```sql
    -- dbops:no-transaction
    REINDEX INDEX CONCURRENTLY public.orders_note_idx;
    ```
    """

    name = "require-concurrent-reindex"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "lock-safety"
    reads_model = True
    statement_kinds = (Reindex,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);\n"
        "CREATE INDEX orders_note_idx ON public.orders (note);"
    )
    bad_example = "REINDEX INDEX public.orders_note_idx;"
    good_example = "-- dbops:no-transaction\nREINDEX INDEX CONCURRENTLY public.orders_note_idx;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Reindex)
        if statement.concurrently or not context.locks.locks:
            return
        phrase = lock_phrase(context.locks)
        yield violation(
            f"REINDEX {statement.target} {written(statement.name)} {phrase} while it rebuilds; use "
            "REINDEX … CONCURRENTLY",
            statement.span,
        )
