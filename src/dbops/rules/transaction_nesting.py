from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import TransactionControl
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import SET_LOCK_TIMEOUT
from dbops.rules.facts.lock_safety_transactions import runs_in_transaction

# What opens or ends a transaction (SAVEPOINT, RELEASE and ROLLBACK TO work inside one).
_NESTING = frozenset({"BEGIN", "COMMIT", "ROLLBACK", "PREPARE"})


class TransactionNesting(Rule):
    """
    ## What it does
    Reports `BEGIN`, `START TRANSACTION`, `COMMIT`, `END`, `ROLLBACK` and `PREPARE
    TRANSACTION` in a migration that dbops already applies inside a transaction (every file
    not marked `-- dbops:no-transaction`). In a `-- dbops:no-transaction` file, which manages
    its transactions itself, it reports a `BEGIN` while the file's own transaction is still
    open and a `COMMIT`/`ROLLBACK` with none open.

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
    SET lock_timeout = '2s';
    ALTER TABLE users ADD COLUMN nickname text;
    ```
    """

    name = "transaction-nesting"
    default_level = Level.WARNING
    category = "lock-safety"
    reads_model = True
    statement_kinds = (TransactionControl,)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY);"
    bad_example = "BEGIN;\nALTER TABLE users ADD COLUMN nickname text;\nCOMMIT;"
    good_example = SET_LOCK_TIMEOUT + "ALTER TABLE users ADD COLUMN nickname text;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if not isinstance(statement, TransactionControl) or statement.action not in _NESTING:
            return
        written = " ".join(statement.text.split()) or statement.action
        if context.in_transaction:
            yield Violation(
                f"{written} inside a migration that dbops runs in a transaction; remove it (or "
                f"mark the file '-- dbops:no-transaction' to manage transactions yourself)"
            )
        elif statement.action == "BEGIN" and runs_in_transaction(context):
            yield Violation(
                f"{written} while the file's own transaction is still open (PostgreSQL ignores "
                f"it, MySQL commits the open one, SQLite fails); COMMIT first"
            )
        elif statement.action != "BEGIN" and not runs_in_transaction(context):
            yield Violation(f"{written} with no transaction open: nothing to end; remove it")
