from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from dbops.core.findings import Fix, Level
from dbops.core.statements import (
    Action,
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
    Name,
    Statement,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.fix_edits import (
    fix_of,
    insert_after_prefix,
    prelude,
    sql_name,
    sql_object_name,
    words_pattern,
)
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
            found = (
                [Violation(advice, fix=_guarded(statement, context.dialect))]
                if advice is not None
                else []
            )
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
            yield replace(
                at(action.span, f'ADD COLUMN "{action.column.name.written}": {_NOT_EXISTS}'),
                fix=_action_guard(context, action, _ADD_COLUMN, "IF NOT EXISTS"),
            )
        elif isinstance(action, DropColumn) and not action.if_exists:
            yield replace(
                at(action.span, f'DROP COLUMN "{action.column.written}": {_EXISTS}'),
                fix=_action_guard(context, action, _DROP_COLUMN, "IF EXISTS"),
            )
        elif isinstance(action, DropConstraint):
            if not action.if_exists:
                yield replace(
                    at(action.span, f'DROP CONSTRAINT "{action.name.written}": {_EXISTS}'),
                    fix=_action_guard(context, action, _DROP_CONSTRAINT, "IF EXISTS"),
                )
            dropped.add(action.name.value)
        elif isinstance(action, AddConstraint) and action.constraint.name is not None:
            name = action.constraint.name
            if name.value not in dropped:
                violation = at(
                    action.span,
                    f'ADD CONSTRAINT "{name.written}" has no IF NOT EXISTS: drop it first with '
                    f"DROP CONSTRAINT IF EXISTS so that a re-run after a partial failure succeeds",
                )
                yield replace(violation, fix=_drop_first(context, statement, name))


# Where IF [NOT] EXISTS goes, matched at the start of the statement or action as written.
_CREATE_TABLE = words_pattern("CREATE [GLOBAL] [LOCAL] [TEMPORARY] [TEMP] [UNLOGGED] TABLE")
_CREATE_INDEX = words_pattern("CREATE [UNIQUE] INDEX [CONCURRENTLY]")
_DROP_INDEX = words_pattern("DROP INDEX [CONCURRENTLY]")
_ADD_COLUMN = words_pattern("ADD [COLUMN]")
_DROP_COLUMN = words_pattern("DROP [COLUMN]")
_DROP_CONSTRAINT = words_pattern("DROP CONSTRAINT")
# The actions' guards are PostgreSQL's (MySQL has none; MariaDB's are not modelled here).
_ACTION_GUARD_DIALECTS = frozenset({"postgres"})


def _guarded(statement: Statement, dialect: str) -> Fix | None:
    """The statement with IF [NOT] EXISTS (PostgreSQL and SQLite spell them alike; MySQL has
    them for tables only; an unnamed index cannot have IF NOT EXISTS)."""
    if isinstance(statement, CreateTable | CreateTableAs):
        edit = insert_after_prefix(statement.text, statement.span, _CREATE_TABLE, "IF NOT EXISTS")
    elif dialect == "mysql" and not isinstance(statement, Drop):
        return None
    elif isinstance(statement, CreateIndex) and statement.name is not None:
        edit = insert_after_prefix(statement.text, statement.span, _CREATE_INDEX, "IF NOT EXISTS")
    elif isinstance(statement, DropIndex):
        edit = insert_after_prefix(statement.text, statement.span, _DROP_INDEX, "IF EXISTS")
    elif isinstance(statement, Drop):
        kind = words_pattern("DROP", statement.object_kind)
        edit = insert_after_prefix(statement.text, statement.span, kind, "IF EXISTS")
    else:
        return None
    return fix_of("guard the statement so that a re-run succeeds", edit)


def _action_guard(
    context: StatementContext, action: Action, prefix: re.Pattern[str], guard: str
) -> Fix | None:
    if context.dialect not in _ACTION_GUARD_DIALECTS:
        return None
    edit = insert_after_prefix(action.text, action.span, prefix, guard)
    return fix_of("guard the action so that a re-run succeeds", edit)


def _drop_first(context: StatementContext, statement: AlterTable, name: Name) -> Fix | None:
    """`ALTER TABLE t DROP CONSTRAINT IF EXISTS c;` before the statement that adds c."""
    if context.dialect not in _ACTION_GUARD_DIALECTS:
        return None
    drop = (
        f"ALTER TABLE {sql_object_name(statement.table)} DROP CONSTRAINT IF EXISTS "
        f"{sql_name(name)};\n{' ' * (statement.span.column - 1)}"
    )
    return fix_of(
        "drop the constraint first, so that a re-run succeeds", prelude(statement.span, drop)
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
