from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation
from dbops.rules.facts.squawk_timeouts import TIMEOUT_KINDS, first_unguarded


class RequireLockTimeout(Rule):
    """
    ## What it does
    Reports the first statement of a file that waits for a lock others queue behind, when no `SET
    lock_timeout` is in force before it (PostgreSQL). The message names the lock (from dbops' lock
    model) and what it blocks.

    ## Why is this bad?
    A statement that waits for a lock queues every later query on the object behind it: one long
    transaction plus one migration stalls the application. dbops decides from the lock model which
    statements take a lock others queue behind (`ALTER TABLE`, `CREATE INDEX`, `DROP`, `TRUNCATE`, …
    on tables that existed before the file; DDL on views, functions, types and other catalog
    objects); DML, reads and statements on tables the same file created do not need one. Like Squawk
    it reports the file's first such statement only.

    Transactions: dbops runs each file in a transaction unless it says `-- dbops:no-transaction`, so
    `SET LOCAL …` counts there; in a no-transaction file a `SET LOCAL` outside `BEGIN … COMMIT` has
    no effect and does not count. `RESET` and a value of 0 (no limit) do not count either; a custom
    setting such as `SET app.lock_timeout = …` is not PostgreSQL's `lock_timeout`. With a
    `lock_timeout` the statement gives up waiting (and can be retried) instead.

    ## Example
    ```sql
    ALTER TABLE public.orders ADD COLUMN currency text;
    ```

    ## Use instead
    ```sql
    SET lock_timeout = '2s';
    ALTER TABLE public.orders ADD COLUMN currency text;
    ```
    """

    name = "require-lock-timeout"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "lock-safety"
    reads_model = True
    statement_kinds = TIMEOUT_KINDS
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);"
    )
    bad_example = "ALTER TABLE public.orders ADD COLUMN currency text;"
    good_example = "SET lock_timeout = '2s';\nALTER TABLE public.orders ADD COLUMN currency text;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        wait = first_unguarded(context, "lock_timeout")
        if wait is not None:
            yield violation(
                f"this statement {wait}, with no lock_timeout set: while it waits for the lock "
                "every later query queues behind it; SET lock_timeout first",
                context.statement.span,
            )
