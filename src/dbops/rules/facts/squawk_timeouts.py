"""What `require-lock-timeout` and `require-statement-timeout` share: which statements wait for
or hold locks others queue behind (from the lock model), and whether a timeout is in force."""

from __future__ import annotations

from dataclasses import replace

from dbops.core.locks import LockImpact, lock_impact
from dbops.core.statements import (
    AlterDomain,
    AlterIndex,
    AlterObject,
    AlterSchema,
    AlterSequence,
    AlterTable,
    AlterType,
    Comment,
    CreateDomain,
    CreateExtension,
    CreateIndex,
    CreateRoutine,
    CreateSchema,
    CreateSequence,
    CreateTable,
    CreateType,
    CreateView,
    Drop,
    DropIndex,
    LockTable,
    Maintenance,
    Reindex,
    SetSetting,
    Statement,
    TransactionControl,
    Truncate,
)
from dbops.rules.base import StatementContext
from dbops.rules.facts.squawk_support import lock_phrase

# DDL on objects that are not tables: it takes a lock on the object's catalog entry (and on
# the tables that use it), which the lock model does not list as a relation lock.
_CATALOG_DDL = (
    AlterDomain,
    AlterObject,
    AlterSchema,
    AlterSequence,
    AlterType,
    Comment,
    CreateDomain,
    CreateExtension,
    CreateRoutine,
    CreateSchema,
    CreateSequence,
    CreateType,
    CreateView,
    Drop,
)

# Every statement kind that can take a lock others queue behind (DML's ROW EXCLUSIVE and reads'
# ACCESS SHARE never do): the kinds the timeout rules inspect. CREATE TABLE is one when its
# foreign keys lock the tables they reference.
TIMEOUT_KINDS: tuple[type[Statement], ...] = (
    *_CATALOG_DDL,
    AlterIndex,
    AlterTable,
    CreateIndex,
    CreateTable,
    DropIndex,
    LockTable,
    Maintenance,
    Reindex,
    Truncate,
)


def _on_existing(impact: LockImpact, context: StatementContext) -> LockImpact:
    """Without the tables this file created: nobody else sees them before COMMIT."""
    path = context.file.path

    def new(relation: str) -> bool:
        table = context.schema.tables.get(relation)
        return table is not None and table.created_in == path

    return replace(impact, locks=tuple(lock for lock in impact.locks if not new(lock.relation)))


def lock_wait(statement: Statement, impact: LockImpact) -> str | None:
    """How `statement` makes others wait, in words; None if it takes no lock anyone queues
    behind (DML's ROW EXCLUSIVE, reads, settings, statements on tables this file created)."""
    blocking = [lock for lock in impact.locks if lock.blocks]
    if blocking:
        strongest = max(blocking, key=lambda lock: lock.mode)
        return lock_phrase(LockImpact(locks=(strongest,)))
    if isinstance(statement, Drop) and statement.temporary:
        return None
    if isinstance(statement, _CATALOG_DDL) and not impact.locks:
        return f"locks the {_object_of(statement)} it changes"
    return None


def _object_of(statement: Statement) -> str:
    """What catalog DDL changes, in words: `function`, `type`, `view`."""
    if isinstance(statement, Drop | Comment | AlterObject):
        return statement.object_kind.lower()
    if isinstance(statement, CreateRoutine):
        return statement.routine_kind.lower()
    return statement.kind.split("-", 1)[-1]


def _earlier_wait(statement: Statement, context: StatementContext) -> str | None:
    if context.target is None or not isinstance(statement, TIMEOUT_KINDS):
        return None
    impact = lock_impact(statement, context.schema, context.target)
    return lock_wait(statement, _on_existing(impact, context))


def first_unguarded(context: StatementContext, setting: str) -> str | None:
    """How the statement makes others wait when it is the file's first such statement with no
    `SET setting` in force before it; None otherwise (reported once per file, at the first)."""
    wait = lock_wait(context.statement, context.locks)
    if wait is None:
        return None
    guarded = False
    in_block = context.in_transaction
    for earlier in context.previous:
        if isinstance(earlier, TransactionControl):
            if earlier.action == "BEGIN":
                in_block = True
            elif earlier.action in ("COMMIT", "ROLLBACK") and not context.in_transaction:
                in_block = False
        elif isinstance(earlier, SetSetting) and earlier.name == setting:
            guarded = _sets_a_limit(earlier, in_block)
        elif not guarded and _earlier_wait(earlier, context) is not None:
            return None  # an earlier statement already lacked it: reported there
    return None if guarded else wait


def _sets_a_limit(setting: SetSetting, in_block: bool) -> bool:
    """Whether the SET leaves a timeout in force: not RESET, not 0 (no limit), and a SET LOCAL
    only inside a transaction (outside one it has no effect)."""
    if setting.reset or setting.value.strip().lower() in ("0", "default", "0ms", "0s"):
        return False
    return setting.scope != "local" or in_block
