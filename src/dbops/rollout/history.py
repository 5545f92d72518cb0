"""Rows of a target's `dbops_schema_history` table and what they say about each version.

The table is a log: a migration writes a `migrate` row, a rollback a `rollback` row, `dbops
repair` turns a failed or interrupted row into `cleared`. The state of a version is read from
its latest row that is not cleared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from dbops.core.versions import Version, version_from_text

HISTORY_TABLE = "dbops_schema_history"


class Status(StrEnum):
    APPLIED = "applied"
    RUNNING = "running"  # written before a migration that cannot share its transaction
    FAILED = "failed"
    CLEARED = "cleared"  # a failed or interrupted row after `dbops repair`
    BASELINE = "baseline"  # applied before dbops (`dbops baseline`): recorded, never run
    ROLLED_BACK = "rolled back"  # a rollback row whose `.down.sql` ran (older ones: applied)


class Operation(StrEnum):
    MIGRATE = "migrate"
    ROLLBACK = "rollback"


@dataclass(frozen=True)
class HistoryRow:
    rank: int  # insertion order
    version: str
    description: str
    file: str
    checksum: str
    change_type: str
    release: str
    operation: Operation
    status: Status
    started_at: str
    finished_at: str | None
    duration_ms: int | None
    applied_by: str
    error: str | None = None

    @property
    def parsed_version(self) -> Version:
        return version_from_text(self.version)


class VersionState(StrEnum):
    APPLIED = "applied"
    NOT_APPLIED = "not-applied"  # rolled back
    BLOCKED = "blocked"  # failed or interrupted: needs `dbops repair`


@dataclass(frozen=True)
class VersionHistory:
    """The latest meaningful row of one version and the state it puts the version in."""

    row: HistoryRow
    state: VersionState


def version_states(rows: Iterable[HistoryRow]) -> dict[tuple[int, ...], VersionHistory]:
    """Each version's state from its latest row that `dbops repair` did not clear."""
    latest: dict[tuple[int, ...], HistoryRow] = {}
    for row in sorted(rows, key=lambda row: row.rank):
        if row.status != Status.CLEARED:
            latest[row.parsed_version.parts] = row
    return {parts: VersionHistory(row, _state(row)) for parts, row in latest.items()}


def _state(row: HistoryRow) -> VersionState:
    if row.status not in (Status.APPLIED, Status.BASELINE, Status.ROLLED_BACK):
        return VersionState.BLOCKED
    if row.operation == Operation.ROLLBACK:
        return VersionState.NOT_APPLIED
    return VersionState.APPLIED


def applied_versions(rows: Iterable[HistoryRow]) -> dict[tuple[int, ...], HistoryRow]:
    """Versions currently applied, with the row that applied them."""
    return {
        parts: history.row
        for parts, history in version_states(rows).items()
        if history.state == VersionState.APPLIED
    }


def blocked_rows(rows: Iterable[HistoryRow]) -> list[HistoryRow]:
    """Rows left failed or running: a rollout stops until `dbops repair` clears them."""
    return [
        history.row
        for history in version_states(rows).values()
        if history.state == VersionState.BLOCKED
    ]
