"""A file's lock timeline: because dbops runs a migration in one transaction, every lock a
statement takes is held until COMMIT, so the strongest lock per table and the statement it was
first taken at tell the reviewer how long each table is blocked ("ACCESS EXCLUSIVE on
public.orders from line 3 to the end of the file, then a backfill")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dbops.core.locks.modes import LockMode


@dataclass(frozen=True)
class StatementLocks:
    """The lock model's verdict on one statement, as the timeline needs it."""

    line: int
    kind: str
    locks: tuple[tuple[str, LockMode], ...]
    rewrites: tuple[str, ...] = ()
    scans: tuple[str, ...] = ()


@dataclass(frozen=True)
class HeldLock:
    """The strongest lock a file holds on one relation: from which line, until when."""

    relation: str
    mode: LockMode
    from_line: int  # where this mode (the strongest) was first taken
    until_line: int | None  # None: to the end of the file (the transaction's COMMIT)
    # What the file does to the relation while the lock is held: "rewrite at line 7", …
    while_held: tuple[str, ...] = ()

    @property
    def blocks(self) -> tuple[str, ...]:
        return self.mode.blocks

    def describe(self) -> str:
        until = "the end of the file" if self.until_line is None else f"line {self.until_line}"
        blocked = ", ".join(self.blocks) or "nothing but other locks"
        text = (
            f"{self.mode.label} on {self.relation} from line {self.from_line} to {until} "
            f"(blocks {blocked})"
        )
        if self.while_held:
            text += "; meanwhile: " + ", ".join(self.while_held)
        return text


def held_locks(statements: Sequence[StatementLocks], in_transaction: bool) -> list[HeldLock]:
    """The strongest lock per relation and how long it is held. In a transaction (dbops'
    default) locks accumulate until COMMIT; outside one, each ends with its statement."""
    strongest: dict[str, tuple[LockMode, int, int]] = {}  # relation -> mode, from, last line
    activity: dict[str, list[str]] = {}
    for statement in statements:
        for relation, mode in statement.locks:
            held = strongest.get(relation)
            if held is None or mode > held[0]:
                strongest[relation] = (mode, statement.line, statement.line)
            else:
                strongest[relation] = (held[0], held[1], statement.line)
        for relation in statement.rewrites:
            activity.setdefault(relation, []).append(f"table rewrite at line {statement.line}")
        for relation in statement.scans:
            activity.setdefault(relation, []).append(f"full scan at line {statement.line}")
        if statement.kind in ("update", "delete", "insert", "merge"):
            for relation, _mode in statement.locks[:1]:
                activity.setdefault(relation, []).append(
                    f"{statement.kind} at line {statement.line}"
                )
    result = []
    for relation, (mode, first, last) in strongest.items():
        later = [a for a in activity.get(relation, []) if _line_of(a) >= first]
        result.append(
            HeldLock(
                relation,
                mode,
                first,
                None if in_transaction else last,
                tuple(later if in_transaction else ()),
            )
        )
    return sorted(result, key=lambda held: (-held.mode, held.from_line, held.relation))


def _line_of(activity: str) -> int:
    return int(activity.rsplit(" ", 1)[-1])
