"""The risk of a statement, from what it does (one definition for the PR comment, the text
report and JSON):

- **high**: it destroys data wholesale (DROP TABLE/SCHEMA/DATABASE/OWNED, TRUNCATE, dropping
  or truncating partitions, DELETE or UPDATE without WHERE), or it rewrites an existing table,
  or scans one in full, while holding a lock that stops its reads or writes;
- **moderate**: it stops reads or writes of an existing table for any time, or it alters a
  table, renames or drops what queries refer to (views, indexes, functions), or it changes
  existing rows (UPDATE, DELETE, MERGE, upserts, REPLACE);
- **low**: the rest: new objects, inserts, reads, CONCURRENTLY builds. A statement dbops does
  not model is moderate (high when its first words destroy data): never low by default.

Locks on tables the same migration created do not count: nobody else can see them yet.
"""

from __future__ import annotations

from dbops.core.findings import Risk
from dbops.core.locks import LockImpact
from dbops.core.statements import (
    AlterObject,
    AlterTable,
    Delete,
    Drop,
    DropIndex,
    Insert,
    Merge,
    PartitionOperation,
    RenameTables,
    Statement,
    Truncate,
    Unmodelled,
    Update,
    ValidateConstraint,
)

_DESTRUCTIVE_DROPS = frozenset({"TABLE", "SCHEMA", "DATABASE", "OWNED"})
_DESTRUCTIVE_WORDS = ("DROP TABLE", "DROP SCHEMA", "DROP DATABASE", "DROP OWNED", "TRUNCATE")


def statement_risk(statement: Statement, impact: LockImpact) -> Risk:
    if _destroys_data(statement):
        return Risk.HIGH
    if isinstance(statement, Drop) and statement.temporary:
        return Risk.LOW  # a session's own scratch table
    if isinstance(statement, Unmodelled):
        return Risk.MODERATE  # dbops cannot tell what it does: not "low"
    if isinstance(statement, Insert) and not (statement.replace or statement.on_conflict):
        return Risk.LOW  # new rows only (its row locks, or SQLite's write lock, are brief)
    blocking = [lock for lock in impact.locks if {"reads", "writes"} & set(lock.blocks)]
    blocked = {lock.relation for lock in blocking}
    if blocked & ({*impact.rewrites} | {*impact.scans}):
        return Risk.HIGH
    if blocking or _changes_rows(statement) or _changes_what_apps_use(statement):
        return Risk.MODERATE
    return Risk.LOW


def _destroys_data(statement: Statement) -> bool:
    if isinstance(statement, Truncate):
        return True
    if isinstance(statement, Drop):
        return statement.object_kind.upper() in _DESTRUCTIVE_DROPS and not statement.temporary
    if isinstance(statement, Update | Delete):
        return statement.where is None and statement.limit is None
    if isinstance(statement, AlterTable):
        return any(
            isinstance(action, PartitionOperation)
            and action.operation.upper() in ("DROP", "TRUNCATE")
            for action in statement.actions
        )
    if isinstance(statement, Unmodelled):  # judged on its first words, the safe way
        return statement.first_words.upper().startswith(_DESTRUCTIVE_WORDS)
    return False


def _changes_rows(statement: Statement) -> bool:
    if isinstance(statement, Update | Delete | Merge):
        return True
    return isinstance(statement, Insert) and bool(statement.replace or statement.on_conflict)


def _changes_what_apps_use(statement: Statement) -> bool:
    """ALTER TABLE (on MySQL even an INSTANT one queues behind a metadata lock), renames, and
    dropping what queries refer to (views, indexes, functions)."""
    if isinstance(statement, AlterTable):  # VALIDATE CONSTRAINT alone changes nothing in use
        return not all(isinstance(a, ValidateConstraint) for a in statement.actions)
    if isinstance(statement, Drop):
        return not statement.temporary
    # ALTER of a view, function, policy, role, database, the system or an extension
    return isinstance(statement, RenameTables | DropIndex | AlterObject)


def highest(risks: list[Risk]) -> Risk:
    return max(risks, key=lambda risk: risk.rank, default=Risk.LOW)
