from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import TransactionControl
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation


class BanUncommittedTransaction(Rule):
    """
    ## What it does
    Reports a `BEGIN` (or `START TRANSACTION`) that no `COMMIT`, `END`, `ROLLBACK` or `PREPARE
    TRANSACTION` later in the file ends.

    ## Why is this bad?
    The transaction stays open when the file ends: its locks are held until the connection closes
    (blocking the tables it touched), and its changes are rolled back or committed by accident
    depending on how the tool ends the session.

    ## Example
    ```sql
    BEGIN;
    ALTER TABLE public.orders ADD COLUMN currency text;
    ```

    ## Use instead
    ```sql
    BEGIN;
    ALTER TABLE public.orders ADD COLUMN currency text;
    COMMIT;
    ```
    """

    name = "ban-uncommitted-transaction"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "lock-safety"
    reads_model = True
    statement_kinds = (TransactionControl,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);"
    )
    bad_example = "BEGIN;\nALTER TABLE public.orders ADD COLUMN currency text;"
    good_example = (
        "-- dbops:no-transaction\nBEGIN;\nSET LOCAL lock_timeout = '2s';\n"
        "ALTER TABLE public.orders ADD COLUMN currency text;\nCOMMIT;"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, TransactionControl)
        if statement.action != "BEGIN":
            return
        for later in context.following:
            if isinstance(later, TransactionControl):
                if later.action in _ENDS:
                    return
                if later.action == "BEGIN":
                    break
        yield violation(
            "this transaction is never committed or rolled back in the file; end it with COMMIT",
            statement.span,
        )


_ENDS = frozenset({"COMMIT", "ROLLBACK", "PREPARE"})
