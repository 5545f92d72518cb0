"""Steps: the files a rollout or rollback runs on a target, and what running one did."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from dbops.core.directives import scan_directives
from dbops.core.migrations import MigrationFile, checksum_of
from dbops.rollout.history import Operation, Status


@dataclass(frozen=True)
class Step:
    """One file to run on a target, with what its history row will say."""

    version: str
    description: str
    file: str
    checksum: str
    change_type: str
    release: str
    operation: Operation
    sql: str
    no_transaction: bool = False

    @property
    def done_status(self) -> Status:
        """The status its history row gets once it ran: a rollback reads `rolled back`."""
        return Status.ROLLED_BACK if self.operation == Operation.ROLLBACK else Status.APPLIED


@dataclass(frozen=True)
class Recorded:
    """A history row written without running its file (`baseline`, `import-history`): who
    applied it and when, as far as the record that says so knows."""

    step: Step
    applied_by: str
    applied_at: datetime | None = None


@dataclass(frozen=True)
class StepResult:
    version: str
    file: str
    statements: int
    rows_affected: int
    seconds: float
    error: str | None = None
    failed_statement: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def controls_transaction(keywords: Sequence[str]) -> bool:
    """Whether a statement (its upper-cased first tokens) begins, commits or rolls back a
    transaction. Savepoints (`SAVEPOINT`, `RELEASE`, `ROLLBACK TO`) nest and do not count."""
    first = keywords[0] if keywords else ""
    if first in ("BEGIN", "COMMIT", "END", "ABORT"):
        return True
    if first == "ROLLBACK":
        return "TO" not in keywords[1:3]
    return tuple(keywords[:2]) in (("START", "TRANSACTION"), ("PREPARE", "TRANSACTION"))


def migrate_step(migration: MigrationFile, release_id: str) -> Step:
    return Step(
        version=migration.version.text,
        description=migration.description,
        file=migration.name,
        checksum=migration.checksum,
        change_type=migration.change_type,
        release=release_id,
        operation=Operation.MIGRATE,
        sql=migration.text,
        no_transaction=migration.no_transaction,
    )


def rollback_step(migration: MigrationFile, release_id: str) -> Step:
    """The step running `migration`'s `.down.sql`; the caller checks that it has one."""
    down_text = migration.down_text or ""
    no_transaction = migration.down_no_transaction or any(
        d.name == "no-transaction" for d in scan_directives(down_text)
    )
    return Step(
        version=migration.version.text,
        description=migration.description,
        file=(migration.down_path or migration.name).rsplit("/", 1)[-1],
        checksum=checksum_of(down_text.encode("utf-8")),
        change_type=migration.change_type,
        release=release_id,
        operation=Operation.ROLLBACK,
        sql=down_text,
        no_transaction=no_transaction,
    )


@dataclass
class TargetOutcome:
    """What happened on one target: filled in as the rollout goes, rendered at the end."""

    target: str
    url: str
    pending: tuple[str, ...] = ()
    results: list[StepResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    dry_run_sql: list[tuple[str, str]] = field(default_factory=list)  # (file, sql)
    # The target's configuration is wrong (unknown scheme, a SQLite path that cannot be
    # created, a file that is not a database): exit 2, not a failed rollout's 1.
    config_error: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.errors) or any(not result.ok for result in self.results)

    @property
    def done(self) -> list[StepResult]:
        return [result for result in self.results if result.ok]

    @property
    def statements(self) -> int:
        return sum(result.statements for result in self.done)

    @property
    def rows_affected(self) -> int:
        return sum(result.rows_affected for result in self.done)

    @property
    def status(self) -> str:
        if self.failed:
            return "failed"
        if self.dry_run_sql or (self.pending and not self.results):
            return "pending"
        return "applied" if self.results else "up to date"
