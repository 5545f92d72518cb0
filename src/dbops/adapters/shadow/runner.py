"""The shadow run shared by every engine: the history replayed, then the reviewed migrations
applied file by file as the rollout applies them (one transaction per file unless
`-- dbops:no-transaction`), stopping at the first failure as a rollout does."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass

from dbops.adapters.databases.base import SqlDatabase, StatementFailed
from dbops.adapters.databases.statements import parsed_statements
from dbops.core.locks.modes import LockImpact
from dbops.core.migrations import MigrationFile
from dbops.core.shadow import AlgorithmProbe, LockTrace, ShadowStatement


@dataclass(frozen=True)
class ShadowPlan:
    """What a shadow run applies: the history (migrations already applied) then the reviewed
    ones, in that order; `dialect` splits the files into statements as the review did."""

    history: tuple[MigrationFile, ...]
    reviewed: tuple[MigrationFile, ...]
    dialect: str


@dataclass(frozen=True)
class Ran:
    """One statement run: how long the statement itself took, and what the engine traced."""

    ms: float
    locks: LockTrace | None = None
    algorithm: AlgorithmProbe | None = None


class ShadowEngine(ABC):
    """A throwaway database of one engine: created on construction, dropped by `drop`."""

    engine: str
    display_url: str  # the shadow itself, password masked
    server_version: str
    database: SqlDatabase  # the connection into the shadow
    notes: tuple[str, ...] = ()

    @abstractmethod
    def drop(self) -> None:
        """Drop the shadow and close every connection; safe to call once, always."""

    def run(self, statement: str, predicted: LockImpact | None, in_transaction: bool) -> Ran:
        """Run one statement; `predicted` (None for the history): the lock model's verdict,
        for the engine's trace. A database error raises `StatementFailed`."""
        started = time.perf_counter()
        self.database.execute(statement)
        return Ran(_ms_since(started))

    def located(self, error: str, line: int) -> tuple[int, str]:
        """The file line a statement's error points at (the statement starts at `line`), and
        the message to show."""
        return line, error


def run_plan(
    engine: ShadowEngine, plan: ShadowPlan, predicted: Mapping[tuple[str, int], LockImpact]
) -> list[ShadowStatement]:
    """Every statement the shadow ran, in order; the last one failed if any did. `predicted`:
    the lock model's verdict by (file, index of the statement in the file)."""
    ran: list[ShadowStatement] = []
    for history, files in ((True, plan.history), (False, plan.reviewed)):
        for migration in files:
            if not _run_file(engine, migration, plan.dialect, history, predicted, ran):
                return ran
    return ran


def _run_file(
    engine: ShadowEngine,
    migration: MigrationFile,
    dialect: str,
    history: bool,
    predicted: Mapping[tuple[str, int], LockImpact],
    ran: list[ShadowStatement],
) -> bool:
    """Apply one file; False when a statement of it failed (it is rolled back, if it ran in a
    transaction)."""
    database = engine.database
    in_transaction = not migration.no_transaction
    if in_transaction:
        database.begin_transaction()
    try:
        for index, (text, line, _) in enumerate(parsed_statements(migration.text, dialect)):
            impact = None if history else predicted.get((migration.path, index))
            started = time.perf_counter()
            try:
                done = engine.run(text, impact, in_transaction)
            except StatementFailed as failure:
                if in_transaction:
                    database.rollback_transaction()
                    in_transaction = False
                at, message = engine.located(failure.error, line)
                failed = ShadowStatement(
                    migration.path, at, _ms_since(started), message, history=history, index=index
                )
                ran.append(failed)
                return False
            ran.append(
                ShadowStatement(
                    migration.path, line, done.ms, None, done.locks, done.algorithm, history, index
                )
            )
        if in_transaction:
            in_transaction = False  # a failed COMMIT has ended the transaction too
            started = time.perf_counter()
            try:
                database.commit_transaction()
            except StatementFailed as failure:  # a deferred constraint: the file's last line
                at = max((s.line for s in ran if s.file == migration.path), default=1)
                message = f"at COMMIT: {failure.error}"
                ran.append(
                    ShadowStatement(
                        migration.path, at, _ms_since(started), message, history=history, index=-1
                    )
                )
                return False
    finally:
        if in_transaction:  # interrupted: leave nothing open
            database.rollback_transaction()
        database.end_file()
    return True


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)
