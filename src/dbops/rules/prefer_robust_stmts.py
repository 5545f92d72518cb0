from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import (
    AddColumn,
    AddConstraint,
    AlterTable,
    CreateIndex,
    CreateTable,
    CreateTableAs,
    Drop,
    DropColumn,
    DropConstraint,
    DropIndex,
    Statement,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import at
from dbops.rules.facts.lock_safety_transactions import runs_in_transaction

_NOT_EXISTS = "add IF NOT EXISTS so that a re-run after a partial failure succeeds"
_EXISTS = "add IF EXISTS so that a re-run after a partial failure succeeds"


class PreferRobustStmts(Rule):
    """
    ## What it does
    Reports `CREATE TABLE`/`CREATE INDEX` without `IF NOT EXISTS`, `DROP …` without `IF
    EXISTS`, `ALTER TABLE … ADD COLUMN` / `DROP COLUMN` / `DROP CONSTRAINT` without them, and
    `ADD CONSTRAINT name` (which has no IF NOT EXISTS) not preceded by `DROP CONSTRAINT IF
    EXISTS name`, where the statement runs outside a transaction. dbops applies every
    migration file in a transaction, so only files marked `-- dbops:no-transaction` are judged,
    and in them only the statements outside a `BEGIN … COMMIT` block the file opens itself.

    ## Why is this bad?
    Outside a transaction, a migration that fails halfway leaves its first statements applied.
    Re-running it then fails on the objects that already exist (or are already gone) unless each
    statement can run twice.

    ## Example
    ```sql
    -- dbops:no-transaction
    CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
    ```

    ## Use instead
    ```sql
    -- dbops:no-transaction
    CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);
    ```
    """

    name = "prefer-robust-stmts"
    default_level = Level.WARNING  # on by default, as in Squawk 2.70
    category = "lock-safety"
    reads_model = True
    statement_kinds = (CreateTable, CreateTableAs, CreateIndex, Drop, DropIndex, AlterTable)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);"
    bad_example = (
        "-- dbops:no-transaction\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);"
    )
    good_example = (
        "-- dbops:no-transaction\n"
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if context.in_transaction:
            return
        if isinstance(statement, AlterTable):
            found = list(_fragile_actions(statement, context))
        else:
            advice = _fragile(statement)
            found = [Violation(advice)] if advice is not None else []
        # Whether the file's own BEGIN is open is asked last: it reads the earlier statements.
        if found and not runs_in_transaction(context):
            yield from found


def _fragile(statement: Statement) -> str | None:
    if isinstance(statement, CreateTable | CreateTableAs) and not statement.if_not_exists:
        return f"CREATE of {statement.table.written}: {_NOT_EXISTS}"
    if isinstance(statement, CreateIndex) and not statement.if_not_exists:
        name = statement.name.written if statement.name is not None else "an unnamed index"
        return f"CREATE INDEX {name}: {_NOT_EXISTS}"
    if isinstance(statement, Drop | DropIndex) and not statement.if_exists:
        names = ", ".join(name.written for name in statement.names)
        return f"DROP of {names}: {_EXISTS}"
    return None


def _fragile_actions(statement: AlterTable, context: StatementContext) -> Iterator[Violation]:
    dropped = _dropped_if_exists(statement, context)
    for action in statement.actions:
        if isinstance(action, AddColumn) and not action.if_not_exists:
            yield at(action.span, f'ADD COLUMN "{action.column.name.written}": {_NOT_EXISTS}')
        elif isinstance(action, DropColumn) and not action.if_exists:
            yield at(action.span, f'DROP COLUMN "{action.column.written}": {_EXISTS}')
        elif isinstance(action, DropConstraint):
            if not action.if_exists:
                yield at(action.span, f'DROP CONSTRAINT "{action.name.written}": {_EXISTS}')
            dropped.add(action.name.value)
        elif isinstance(action, AddConstraint) and action.constraint.name is not None:
            name = action.constraint.name
            if name.value not in dropped:
                yield at(
                    action.span,
                    f'ADD CONSTRAINT "{name.written}" has no IF NOT EXISTS: drop it first with '
                    f"DROP CONSTRAINT IF EXISTS so that a re-run after a partial failure succeeds",
                )


def _dropped_if_exists(statement: AlterTable, context: StatementContext) -> set[str]:
    """Constraints of the table that earlier statements of the file drop `IF EXISTS`."""
    key = context.schema.key_of(statement.table)
    return {
        action.name.value
        for earlier in context.previous
        if isinstance(earlier, AlterTable) and context.schema.key_of(earlier.table) == key
        for action in earlier.actions
        if isinstance(action, DropConstraint) and action.if_exists
    }
