from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import DropIndex
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, lock_phrase, violation, written


class RequireConcurrentIndexDeletion(Rule):
    """
    ## What it does
    Reports `DROP INDEX` without `CONCURRENTLY` (PostgreSQL).

    ## Why is this bad?
    A plain DROP INDEX takes ACCESS EXCLUSIVE on the index's table: every read and write of the
    table waits until the drop (and every transaction already using the table) finishes. `DROP INDEX
    CONCURRENTLY` waits for those transactions without blocking others; it cannot run in a
    transaction, so mark the file `-- dbops:no-transaction`.

    ## Example
    ```sql
    DROP INDEX public.orders_note_idx;
    ```

    ## Use instead
    ```sql
    -- dbops:no-transaction
    DROP INDEX CONCURRENTLY public.orders_note_idx;
    ```
    """

    name = "require-concurrent-index-deletion"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "lock-safety"
    reads_model = True
    statement_kinds = (DropIndex,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);\n"
        "CREATE INDEX orders_note_idx ON public.orders (note);"
    )
    bad_example = "DROP INDEX public.orders_note_idx;"
    good_example = "-- dbops:no-transaction\nDROP INDEX CONCURRENTLY public.orders_note_idx;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, DropIndex)
        if statement.concurrently:
            return
        for name in statement.names:
            index = context.schema.index_named(name)
            phrase = lock_phrase(context.locks, index.table if index is not None else None)
            phrase = phrase or lock_phrase(context.locks)
            if phrase is None:
                continue
            yield violation(
                f"DROP INDEX {written(name)} {phrase} until it completes; drop it CONCURRENTLY",
                statement.span,
            )
