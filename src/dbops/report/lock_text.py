"""How reports speak of locks: the statement a finding stands in, a one-line summary of what it
locks, and the hazards of a file (strong locks held to COMMIT) for text, comment and SARIF."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from dbops.core.locks.timeline import HeldLock, StatementLocks, held_locks
from dbops.core.review import FileReview, ReviewResult, StatementImpact


class StatementIndex:
    """Finds the statement a (file, line) stands in."""

    def __init__(self, result: ReviewResult) -> None:
        self._by_file: dict[str, list[StatementImpact]] = {}
        for file in result.files:
            self._by_file[file.path] = sorted(file.impacts, key=lambda s: s.line)
        self._lines = {path: [s.line for s in items] for path, items in self._by_file.items()}

    def at(self, file: str, line: int) -> StatementImpact | None:
        lines = self._lines.get(file)
        if not lines:
            return None
        position = bisect.bisect_right(lines, line) - 1
        return self._by_file[file][position] if position >= 0 else None


def timeline_of(file: FileReview) -> list[HeldLock]:
    """The strongest lock per relation the file holds, and for how long."""
    return held_locks([_statement_locks(s) for s in file.impacts], file.in_transaction)


def _statement_locks(statement: StatementImpact) -> StatementLocks:
    impact = statement.impact
    return StatementLocks(
        statement.line,
        statement.kind,
        tuple((lock.relation, lock.mode) for lock in impact.locks),
        impact.rewrites,
        impact.scans,
    )


def effects(statement: StatementImpact) -> list[str]:
    """`ACCESS EXCLUSIVE on public.orders (blocks reads, writes, ddl)`, `rewrites …`, …"""
    impact = statement.impact
    parts = []
    for lock in impact.locks:
        blocked = ", ".join(lock.blocks) or "no reads or writes"
        parts.append(f"{lock.mode.label} on {lock.relation} (blocks {blocked})")
    parts.extend(f"rewrites {r}" for r in impact.rewrites)
    parts.extend(f"scans {r}" for r in impact.scans)
    if impact.algorithm:
        parts.append(f"ALGORITHM={impact.algorithm}, LOCK={impact.lock_clause}")
    parts.extend(impact.notes)
    return parts


def lock_summary(statement: StatementImpact) -> str:
    return "; ".join(effects(statement))


def lock_properties(statement: StatementImpact | None) -> dict[str, Any]:
    """The lock facts of a finding's statement, as SARIF result properties."""
    if statement is None:
        return {}
    impact = statement.impact
    data: dict[str, Any] = {
        "locks": [
            {"object": lock.relation, "mode": lock.mode.label, "blocks": list(lock.blocks)}
            for lock in impact.locks
        ],
        "rewrites": list(impact.rewrites),
        "scans": list(impact.scans),
    }
    if impact.algorithm:
        data["algorithm"] = impact.algorithm
    return data


def hazards(file: FileReview) -> Sequence[HeldLock]:
    """The locks of a file that stop reads or writes of an existing table, held to the end."""
    return [lock for lock in timeline_of(file) if {"reads", "writes"} & set(lock.blocks)]


def strongest_lock(file: FileReview) -> HeldLock | None:
    held = timeline_of(file)
    return held[0] if held else None
