from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, CreateIndex, Statement
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.fix_edits import fix_of, prelude
from dbops.rules.facts.lock_safety import SET_LOCK_TIMEOUT, created_in_this_file
from dbops.rules.facts.lock_safety_transactions import lock_timeout_set_before


class RequireTimeoutSettings(Rule):
    """
    ## What it does
    Reports the first statement of a migration that takes a strong lock on an existing table
    (`ALTER TABLE`, `CREATE INDEX` without CONCURRENTLY) when no `SET lock_timeout` (or
    `SELECT set_config('lock_timeout', …)`) before it in the file leaves a timeout in force
    (PostgreSQL). A custom setting such as `SET app.lock_timeout` is not one, nor is
    `lock_timeout = 0` (no timeout) or a `RESET`; `SET LOCAL lock_timeout` holds until its
    transaction ends, and does nothing outside one (in a `-- dbops:no-transaction` file before
    the file's own BEGIN).

    ## Why is this bad?
    A DDL statement waiting for its lock queues every later query on the table behind it: one
    long-running transaction plus one migration stalls the whole application. With a
    `lock_timeout` the migration gives up (and can be retried) instead.

    ## Example
    ```sql
    ALTER TABLE users ADD COLUMN nickname text;
    ```

    ## Use instead
    ```sql
    SET lock_timeout = '2s';
    ALTER TABLE users ADD COLUMN nickname text;
    ```
    """

    name = "require-timeout-settings"
    default_level = None  # opt-in, as in Squawk 2.70 (require-lock-timeout is on)
    dialects = frozenset({"postgres"})
    category = "lock-safety"
    reads_model = True
    statement_kinds = (AlterTable, CreateIndex)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY);"
    bad_example = "ALTER TABLE users ADD COLUMN nickname text;"
    good_example = "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN nickname text;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        # Cheapest test first, and earlier statements scanned only for the first locking one:
        # scanning them for every statement made a 20,000-INSERT file take minutes.
        statement = context.statement
        if not isinstance(statement, AlterTable | CreateIndex):
            return
        if not _locks_existing_table(statement, context):
            return
        if any(_locks_existing_table(earlier, context) for earlier in context.previous):
            return  # reported once per file, at the first locking statement
        if lock_timeout_set_before(context):
            return
        yield Violation(
            f"this statement waits for a strong lock on {statement.table.written} with no "
            f"lock_timeout set, and every later query on the table queues behind it; add "
            f"SET lock_timeout = '2s' (or similar) before it",
            fix=fix_of(
                "set lock_timeout before the first statement that waits for a lock",
                prelude(statement.span, SET_LOCK_TIMEOUT + " " * (statement.span.column - 1)),
            ),
        )


def _locks_existing_table(statement: Statement, context: StatementContext) -> bool:
    """Whether the statement takes a strong lock on a table that may have rows and be in use
    (a table the history does not know is assumed to exist)."""
    if not isinstance(statement, AlterTable | CreateIndex):
        return False
    if isinstance(statement, CreateIndex) and statement.concurrently:
        return False
    return not created_in_this_file(context, statement.table)
