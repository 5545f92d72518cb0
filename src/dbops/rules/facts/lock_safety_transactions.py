"""What a statement's transaction is, which statements refuse to run in one, and what sets
PostgreSQL's `lock_timeout`: facts the lock-safety rules share. dbops applies every migration
file in a transaction unless it says `-- dbops:no-transaction`; such a file may still open its
own with BEGIN."""

from __future__ import annotations

from dbops.core.statements import (
    AlterTable,
    CreateIndex,
    CreateSchema,
    DetachPartition,
    Drop,
    DropIndex,
    Expr,
    ExprKind,
    Maintenance,
    Reindex,
    Select,
    SetSetting,
    Statement,
    TransactionControl,
    Unmodelled,
)
from dbops.rules.base import StatementContext

_OPENS = frozenset({"BEGIN"})
_CLOSES = frozenset({"COMMIT", "ROLLBACK", "PREPARE"})


def runs_in_transaction(context: StatementContext) -> bool:
    """Whether the statement runs inside a transaction block: the one dbops wraps the file in
    (unless it says `-- dbops:no-transaction`), or one the file opens itself with BEGIN."""
    if context.in_transaction:
        return True
    # The nearest BEGIN or COMMIT before the statement decides; scanning backwards stops there.
    for statement in reversed(context.previous):
        if isinstance(statement, TransactionControl):
            if statement.action in _OPENS:
                return True
            if statement.action in _CLOSES:
                return False
    return False


def same_transaction(context: StatementContext) -> list[Statement]:
    """The earlier statements of the file that run in the same transaction as this one (none
    when it runs outside any): a lock one of them took is still held."""
    if not runs_in_transaction(context):
        return []
    current: list[Statement] = []
    for statement in context.previous:
        if isinstance(statement, TransactionControl) and statement.action in _OPENS | _CLOSES:
            current = []
        else:
            current.append(statement)
    return current


# Statements PostgreSQL refuses inside a transaction block that no node type models: the
# normalizer keeps them as `Unmodelled` with their first words.
_NON_TRANSACTIONAL_WORDS = (
    "CREATE DATABASE",
    "DROP DATABASE",
    "ALTER SYSTEM",
    "CREATE TABLESPACE",
    "DROP TABLESPACE",
    "VACUUM",
    "CREATE SUBSCRIPTION",
    "DROP SUBSCRIPTION",
    "ALTER SUBSCRIPTION",
)


def non_transactional(statement: Statement) -> str | None:
    """What makes a PostgreSQL statement refuse to run inside a transaction block, if anything
    (`CREATE INDEX CONCURRENTLY`, `VACUUM`, …), as the message names it."""
    if isinstance(statement, CreateIndex) and statement.concurrently:
        return "CREATE INDEX CONCURRENTLY"
    if isinstance(statement, DropIndex) and statement.concurrently:
        return "DROP INDEX CONCURRENTLY"
    if isinstance(statement, Reindex) and (
        statement.concurrently or statement.target in ("SYSTEM", "DATABASE")
    ):
        return "REINDEX CONCURRENTLY" if statement.concurrently else f"REINDEX {statement.target}"
    if isinstance(statement, Maintenance) and statement.operation.startswith("VACUUM"):
        return statement.operation
    if isinstance(statement, AlterTable) and any(
        isinstance(action, DetachPartition) and action.concurrently for action in statement.actions
    ):
        return "DETACH PARTITION CONCURRENTLY"
    if isinstance(statement, Unmodelled):
        words = statement.first_words.upper()
        return next((w for w in _NON_TRANSACTIONAL_WORDS if words.startswith(w)), None)
    return _database_statement(statement)


def _database_statement(statement: Statement) -> str | None:
    if isinstance(statement, Drop) and statement.object_kind == "DATABASE":
        return "DROP DATABASE"
    if isinstance(statement, CreateSchema) and statement.database:
        return "CREATE DATABASE"
    return None


# -- lock_timeout ----------------------------------------------------------------------------
_NO_TIMEOUT = frozenset({"0", "0s", "0ms", "default", ""})


def lock_timeout_change(statement: Statement) -> bool | None:
    """True when the statement sets a lock_timeout, False when it clears it (`RESET`, `= 0`,
    `TO DEFAULT`), None when it does neither. Only PostgreSQL's own `lock_timeout` counts: a
    custom setting such as `foo.lock_timeout` is not one."""
    if isinstance(statement, SetSetting):
        if statement.name != "lock_timeout" and not (statement.reset and statement.name == "all"):
            return None
        if statement.reset:
            return False
        return statement.value.strip().lower() not in _NO_TIMEOUT
    if isinstance(statement, Select):
        for expr in statement.query.selected:
            value = _set_config_lock_timeout(expr)
            if value is not None:
                return value
    return None


def _set_config_lock_timeout(expr: Expr) -> bool | None:
    """`SELECT set_config('lock_timeout', '2s', false)`."""
    if expr.kind is not ExprKind.FUNCTION or expr.name.lower() != "set_config":
        return None
    arguments = [argument.stripped() for argument in expr.arguments]
    if len(arguments) < 2 or _literal(arguments[0]) != "lock_timeout":
        return None
    return _literal(arguments[1]).lower() not in _NO_TIMEOUT


def _literal(expr: Expr) -> str:
    return expr.text.strip().strip("'") if expr.kind is ExprKind.LITERAL else ""


def lock_timeout_set_before(context: StatementContext) -> bool:
    """Whether the earlier statements of the file leave a lock_timeout in force. `SET LOCAL`
    lasts until the end of its transaction, and outside one (a `-- dbops:no-transaction` file
    before its own BEGIN) does nothing at all."""
    session = local = False
    in_block = context.in_transaction
    for statement in context.previous:
        if isinstance(statement, TransactionControl) and statement.action in _OPENS | _CLOSES:
            in_block = statement.action in _OPENS or context.in_transaction
            local = False
            continue
        change = lock_timeout_change(statement)
        if change is None:
            continue
        if isinstance(statement, SetSetting) and statement.scope == "local":
            local = change and in_block
        else:
            session, local = change, False
    return session or local
