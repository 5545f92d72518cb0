"""A target's plan: what is pending, and drift between the release and the target's history.

Drift (DESIGN §5): the checksum of an applied version changed, an applied version is missing
from the release, or a pending version is older than the newest applied one. Each kind is an
error unless the environment's `drift:` config says `warn` (or `apply` for out-of-order).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from dbops.config import DriftConfig
from dbops.core.migrations import MigrationFile, MigrationSet, is_repeatable
from dbops.rollout.history import HistoryRow, applied_versions, blocked_rows


class DriftKind(StrEnum):
    CHECKSUM = "checksum"
    MISSING = "missing"
    OUT_OF_ORDER = "out-of-order"


@dataclass(frozen=True)
class Drift:
    kind: DriftKind
    version: str
    message: str
    error: bool


@dataclass(frozen=True)
class TargetPlan:
    pending: tuple[MigrationFile, ...]
    drift: tuple[Drift, ...]
    blocked: tuple[HistoryRow, ...]  # failed or interrupted migrations awaiting `dbops repair`
    applied_count: int
    # Who holds the target's rollout lock now (None: nobody): a `running` row is then a
    # migration running now, not an interrupted one.
    lock_holder: str | None = None

    @property
    def errors(self) -> tuple[str, ...]:
        """Why this target must not be rolled out, one sentence each (empty: go ahead)."""
        messages = [drift.message for drift in self.drift if drift.error]
        messages.extend(
            _blocked_message(row, None) for row in self.blocked if not self._running_now(row)
        )
        return tuple(messages)

    @property
    def warnings(self) -> tuple[str, ...]:
        messages = [drift.message for drift in self.drift if not drift.error]
        messages.extend(
            _blocked_message(row, self.lock_holder)
            for row in self.blocked
            if self._running_now(row)
        )
        return tuple(messages)

    def _running_now(self, row: HistoryRow) -> bool:
        """A `running` row while a rollout holds the lock: not a failure, that rollout's work."""
        return row.status == "running" and self.lock_holder is not None


def _blocked_message(row: HistoryRow, lock_holder: str | None) -> str:
    if row.status == "running" and lock_holder is not None:
        return (
            f"{row.operation} of version {row.version} ({row.file}) is running now, started "
            f"{row.started_at} (the rollout lock is {lock_holder}); wait for that rollout to "
            f"finish, do not repair it"
        )
    what = (
        "failed"
        if row.status == "failed"
        else "was interrupted (recorded as running, and no rollout holds the lock)"
    )
    detail = f": {row.error}" if row.error else ""
    return (
        f"{row.operation} of version {row.version} ({row.file}) {what}{detail}. Check the "
        f"database, fix it by hand, then run `dbops repair` for this target"
    )


def plan_target(
    migrations: MigrationSet,
    history: Sequence[HistoryRow],
    drift_config: DriftConfig,
    lock_holder: str | None = None,
) -> TargetPlan:
    every_applied = applied_versions(history)
    # Repeatable migrations are not versions: they run again whenever they change (below).
    applied = {parts: row for parts, row in every_applied.items() if not is_repeatable(parts)}
    release = {migration.version.parts: migration for migration in migrations}
    drift: list[Drift] = []
    for parts, row in sorted(applied.items()):
        migration = release.get(parts)
        if migration is None:
            drift.append(
                Drift(
                    DriftKind.MISSING,
                    row.version,
                    f"version {row.version} ({row.file}) is applied but not in this release",
                    drift_config.missing == "error",
                )
            )
        elif migration.checksum != row.checksum:
            drift.append(
                Drift(
                    DriftKind.CHECKSUM,
                    row.version,
                    f"{migration.path} changed after it was applied (applied {row.checksum}, "
                    f"file {migration.checksum})",
                    drift_config.checksum == "error",
                )
            )
    pending = [
        migration
        for migration in migrations
        if not migration.repeatable and migration.version.parts not in applied
    ]
    newest = max(applied, default=None)
    for migration in pending:
        if newest is not None and migration.version.parts < newest:
            drift.append(
                Drift(
                    DriftKind.OUT_OF_ORDER,
                    migration.version.text,
                    f"{migration.path} (version {migration.version}) is pending but older than "
                    f"the newest applied version {'.'.join(map(str, newest))}",
                    drift_config.out_of_order == "error",
                )
            )
    if drift_config.out_of_order == "warn":
        # Reported, not applied: an out-of-order file waits until someone decides.
        pending = [m for m in pending if newest is None or m.version.parts > newest]
    rerun = [
        migration
        for migration in migrations
        if migration.repeatable
        and getattr(every_applied.get(migration.version.parts), "checksum", None)
        != migration.checksum
    ]
    return TargetPlan(
        pending=(*pending, *rerun),
        drift=tuple(drift),
        blocked=tuple(blocked_rows(history)),
        applied_count=len(every_applied),
        lock_holder=lock_holder,
    )


def release_fully_applied(migrations: MigrationSet, history: Sequence[HistoryRow]) -> list[str]:
    """Versions of the release a target does not have applied with the same checksum."""
    applied = applied_versions(history)
    return [
        migration.version.text
        for migration in migrations
        if (row := applied.get(migration.version.parts)) is None
        or row.checksum != migration.checksum
    ]
