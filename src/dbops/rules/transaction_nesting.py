from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation

_TRANSACTION_CONTROL = {
    ("BEGIN",): "BEGIN",
    ("START", "TRANSACTION"): "START TRANSACTION",
    ("COMMIT",): "COMMIT",
    ("END",): "END",
    ("ROLLBACK",): "ROLLBACK",
}


class TransactionNesting(Rule):
    """
    ## What it does
    Reports `BEGIN`, `START TRANSACTION`, `COMMIT`, `END` and `ROLLBACK` in a migration that
    dbops already applies inside a transaction.

    ## Why is this bad?
    dbops wraps each migration and its history row in one transaction. A COMMIT inside the file
    ends that transaction early: a later failure leaves the first half applied and unrecorded,
    and the history row commits without the rest. `BEGIN` inside a transaction is ignored with a
    warning, which hides the mistake.

    ## Example
    ```sql
    BEGIN;
    ALTER TABLE users ADD COLUMN nickname text;
    COMMIT;
    ```

    ## Use instead
    ```sql
    ALTER TABLE users ADD COLUMN nickname text;
    ```
    """

    name = "transaction-nesting"
    default_level = Level.WARNING
    category = "lock-safety"
    needs_tree = False
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY);"
    bad_example = "BEGIN;\nALTER TABLE users ADD COLUMN nickname text;\nCOMMIT;"
    good_example = "ALTER TABLE users ADD COLUMN nickname text;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        if not context.in_transaction:
            return
        words = context.statement.keywords
        for prefix, label in _TRANSACTION_CONTROL.items():
            if words[: len(prefix)] == prefix:
                yield Violation(
                    f"{label} inside a migration that dbops runs in a transaction; remove it (or "
                    f"mark the file '-- dbops:no-transaction' to manage transactions yourself)"
                )
                return
