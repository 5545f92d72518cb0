"""PostgreSQL's table lock modes, what each conflicts with, and what that blocks for users.

The conflict table is PostgreSQL's own (the "Conflicting Lock Modes" table of the manual's
explicit-locking chapter); MySQL/MariaDB metadata locks and SQLite's database lock are mapped
onto these names where the reports need one vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class LockMode(IntEnum):
    ACCESS_SHARE = 1  # SELECT
    ROW_SHARE = 2  # SELECT … FOR UPDATE
    ROW_EXCLUSIVE = 3  # INSERT, UPDATE, DELETE
    SHARE_UPDATE_EXCLUSIVE = 4  # VACUUM, ANALYZE, CREATE INDEX CONCURRENTLY, VALIDATE
    SHARE = 5  # CREATE INDEX
    SHARE_ROW_EXCLUSIVE = 6  # CREATE TRIGGER, ADD FOREIGN KEY
    EXCLUSIVE = 7  # REFRESH MATERIALIZED VIEW CONCURRENTLY
    ACCESS_EXCLUSIVE = 8  # most ALTER TABLE forms, DROP, TRUNCATE

    @property
    def label(self) -> str:
        """The mode as PostgreSQL names it: `ACCESS EXCLUSIVE`."""
        return self.name.replace("_", " ")

    def conflicts_with(self, other: LockMode) -> bool:
        return other in _CONFLICTS[self]

    @property
    def blocks(self) -> tuple[str, ...]:
        """What sessions cannot do while this lock is held: `reads` (plain SELECT), `writes`
        (INSERT/UPDATE/DELETE), `ddl` (other schema changes, VACUUM, index builds)."""
        blocked = []
        if self.conflicts_with(LockMode.ACCESS_SHARE):
            blocked.append("reads")
        if self.conflicts_with(LockMode.ROW_EXCLUSIVE):
            blocked.append("writes")
        if self.conflicts_with(LockMode.SHARE_UPDATE_EXCLUSIVE):
            blocked.append("ddl")
        return tuple(blocked)

    @classmethod
    def from_label(cls, label: str) -> LockMode:
        """`ACCESS EXCLUSIVE`, `AccessExclusiveLock` (pg_locks) or `access exclusive`."""
        text = label.strip()
        if text.endswith("Lock") and not text.isupper():  # pg_locks: CamelCase
            text = "".join(f" {c}" if c.isupper() else c for c in text.removesuffix("Lock"))
        return cls["_".join(text.upper().split())]


_M = LockMode
_CONFLICTS: dict[LockMode, frozenset[LockMode]] = {
    _M.ACCESS_SHARE: frozenset({_M.ACCESS_EXCLUSIVE}),
    _M.ROW_SHARE: frozenset({_M.EXCLUSIVE, _M.ACCESS_EXCLUSIVE}),
    _M.ROW_EXCLUSIVE: frozenset(
        {_M.SHARE, _M.SHARE_ROW_EXCLUSIVE, _M.EXCLUSIVE, _M.ACCESS_EXCLUSIVE}
    ),
    _M.SHARE_UPDATE_EXCLUSIVE: frozenset(
        {_M.SHARE_UPDATE_EXCLUSIVE, _M.SHARE, _M.SHARE_ROW_EXCLUSIVE, _M.EXCLUSIVE}
        | {_M.ACCESS_EXCLUSIVE}
    ),
    _M.SHARE: frozenset(
        {_M.ROW_EXCLUSIVE, _M.SHARE_UPDATE_EXCLUSIVE, _M.SHARE_ROW_EXCLUSIVE, _M.EXCLUSIVE}
        | {_M.ACCESS_EXCLUSIVE}
    ),
    _M.SHARE_ROW_EXCLUSIVE: frozenset(
        {_M.ROW_EXCLUSIVE, _M.SHARE_UPDATE_EXCLUSIVE, _M.SHARE, _M.SHARE_ROW_EXCLUSIVE}
        | {_M.EXCLUSIVE, _M.ACCESS_EXCLUSIVE}
    ),
    _M.EXCLUSIVE: frozenset(
        {_M.ROW_SHARE, _M.ROW_EXCLUSIVE, _M.SHARE_UPDATE_EXCLUSIVE, _M.SHARE}
        | {_M.SHARE_ROW_EXCLUSIVE, _M.EXCLUSIVE, _M.ACCESS_EXCLUSIVE}
    ),
    _M.ACCESS_EXCLUSIVE: frozenset(LockMode),
}


@dataclass(frozen=True)
class RelationLock:
    """A lock a statement takes on one relation (table, index, view; schema-qualified on
    PostgreSQL: `public.orders`)."""

    relation: str
    mode: LockMode

    @property
    def blocks(self) -> tuple[str, ...]:
        return self.mode.blocks


@dataclass(frozen=True)
class LockImpact:
    """What running one statement does to the tables it touches.

    `rewrites`: relations that get new storage (every row copied and indexes rebuilt, or
    emptied by TRUNCATE); `scans`: relations read in full while the lock is held (a
    validation, an index build); `index_builds`: indexes built. `algorithm`/`lock_clause` are
    MySQL/MariaDB's online DDL algorithm (INSTANT, INPLACE, NOCOPY, COPY) and the concurrency
    it allows (NONE: reads and writes go on; SHARED: reads only; EXCLUSIVE: nothing).
    """

    locks: tuple[RelationLock, ...] = ()
    rewrites: tuple[str, ...] = ()
    scans: tuple[str, ...] = ()
    index_builds: tuple[str, ...] = ()
    algorithm: str | None = None
    lock_clause: str | None = None
    notes: tuple[str, ...] = field(default=())

    def strongest(self) -> RelationLock | None:
        return max(self.locks, key=lambda lock: lock.mode, default=None)

    def mode_on(self, relation: str) -> LockMode | None:
        modes = [lock.mode for lock in self.locks if lock.relation == relation]
        return max(modes, default=None)


def merge_locks(locks: list[RelationLock]) -> tuple[RelationLock, ...]:
    """One lock per relation, the strongest, in the order relations were first locked."""
    strongest: dict[str, LockMode] = {}
    for lock in locks:
        held = strongest.get(lock.relation)
        if held is None or lock.mode > held:
            strongest[lock.relation] = lock.mode
    return tuple(RelationLock(relation, mode) for relation, mode in strongest.items())


class ImpactBuilder:
    """Collects locks, rewrites and scans while a model reads a statement."""

    def __init__(self) -> None:
        self.locks: list[RelationLock] = []
        self.rewrites: list[str] = []
        self.scans: list[str] = []
        self.index_builds: list[str] = []
        self.notes: list[str] = []
        self.algorithm: str | None = None
        self.lock_clause: str | None = None

    def lock(self, relation: str, mode: LockMode) -> None:
        self.locks.append(RelationLock(relation, mode))

    def done(self) -> LockImpact:
        return LockImpact(
            locks=merge_locks(self.locks),
            rewrites=tuple(dict.fromkeys(self.rewrites)),
            scans=tuple(dict.fromkeys(s for s in self.scans if s not in self.rewrites)),
            index_builds=tuple(dict.fromkeys(self.index_builds)),
            algorithm=self.algorithm,
            lock_clause=self.lock_clause,
            notes=tuple(self.notes),
        )
