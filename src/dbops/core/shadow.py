"""What a shadow run saw, statement by statement (`dbops check --shadow URL`). Pure data.

A shadow run applies the reviewed migrations, after the history, to a throwaway database. For
each statement it records how long it took and, where the engine can tell, what the server did
that the static lock model predicts: on PostgreSQL the table locks actually held after the
statement (pg_locks) and the tables whose storage changed (relfilenode); on MySQL/MariaDB
whether the server accepted the ALGORITHM the model predicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dbops.core.locks.modes import RelationLock


@dataclass(frozen=True)
class LockTrace:
    """PostgreSQL: the table locks held after a statement, inside its still-open transaction.

    `tables`: the tables that existed before the statement (the only ones the trace can name:
    a table the statement creates is nobody's concern); `held_before`: the locks earlier
    statements of the same transaction already held (a statement cannot be seen taking a lock
    no stronger than one already held); `held_after`: the locks held after it.
    """

    tables: tuple[str, ...]
    held_before: tuple[RelationLock, ...]
    held_after: tuple[RelationLock, ...]
    rewrites: tuple[str, ...]


@dataclass(frozen=True)
class AlgorithmProbe:
    """MySQL/MariaDB: the online-DDL algorithm the server used for a statement, found by
    appending `ALGORITHM=` to it, fastest first, down to the model's `algorithm` (the server
    refuses an algorithm it cannot use before doing any work)."""

    algorithm: str  # the model's
    accepted: bool  # whether the server took the model's algorithm (or a faster one)
    used: str | None = None  # the algorithm it ran with; None: none of those, run as written
    server_message: str | None = None  # why the server refused the model's algorithm


@dataclass(frozen=True)
class ShadowStatement:
    """One statement as the shadow ran it (file and line as the review reports them)."""

    file: str
    line: int
    ms: float
    error: str | None = None  # the database's message when the statement failed
    locks: LockTrace | None = None
    algorithm: AlgorithmProbe | None = None
    history: bool = False  # a statement of an already-applied migration, replayed first
    # Its place among its file's statements (from 0): two statements may share a line.
    index: int = 0


@dataclass(frozen=True)
class ShadowRun:
    """A whole shadow run: where it ran and every statement it ran, in order."""

    display_url: str  # the shadow database, password masked
    engine: str
    server_version: str
    history_files: int
    reviewed_files: int
    statements: tuple[ShadowStatement, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def failure(self) -> ShadowStatement | None:
        return next((s for s in self.statements if s.error is not None), None)
