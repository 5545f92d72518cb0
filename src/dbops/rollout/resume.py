"""Resuming a migration interrupted on an engine whose DDL commits at once (MySQL/MariaDB).

The rollout records progress per statement (`progress: K of N statement(s) done` in the
`running` row). After a kill, statements 1..K took effect; statement K+1 may or may not have
(the kill can fall between it and the progress update, or the server can finish it for a dead
client). The typed statement model says what that statement does to the schema (a table, a
column, an index present or absent); the live schema then says whether it happened. When it
is provable either way the rollout resumes from the first statement that did not take effect;
otherwise the row stays blocked, with a message saying exactly what is unknown.

Pure: the live schema is asked through `Probe`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dbops.core.statements import (
    AddColumn,
    AddIndex,
    AlterTable,
    CreateIndex,
    CreateTable,
    Delete,
    Drop,
    DropColumn,
    DropIndex,
    DropIndexAction,
    Insert,
    ObjectName,
    Select,
    Statement,
    Update,
)

PROGRESS = re.compile(r"^progress: (\d+) of (\d+) statement\(s\) done")


def progress_note(done: int, total: int) -> str:
    return f"progress: {done} of {total} statement(s) done"


def progress_of(note: str | None) -> tuple[int, int] | None:
    """(done, total) from a running row's note, or None when it has none."""
    match = PROGRESS.match(note or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


@dataclass(frozen=True)
class Fact:
    """Something a statement makes true: `kind` (table, column, index) of `table` present."""

    kind: str
    table: ObjectName
    name: str = ""  # the column or index (as the engine compares it)
    present: bool = True

    def describe(self) -> str:
        where = f"{self.table.name.written or self.table.name.value}"
        thing = f"{self.kind} {where}.{self.name}" if self.name else f"table {where}"
        return f"{thing} {'present' if self.present else 'absent'}"


# Asks the live schema whether a fact holds.
Probe = Callable[[Fact], bool]


def effects(statement: Statement) -> tuple[Fact, ...] | None:
    """What the statement leaves in the schema, as facts to check; () for a statement with no
    effect on it (a plain SELECT); None when the model cannot tell (data changes, other DDL)."""
    if isinstance(statement, Select) and statement.into is None:
        return ()
    if isinstance(statement, CreateTable):
        return (Fact("table", statement.table),)
    if isinstance(statement, Drop) and statement.object_kind.lower() == "table":
        return tuple(Fact("table", name, present=False) for name in statement.names)
    if isinstance(statement, CreateIndex) and statement.name is not None:
        return (Fact("index", statement.table, statement.name.value),)
    if isinstance(statement, DropIndex) and statement.table is not None:
        return tuple(
            Fact("index", statement.table, name.name.value, present=False)
            for name in statement.names
        )
    if isinstance(statement, AlterTable):
        return _alter_effects(statement)
    return None


def _alter_effects(statement: AlterTable) -> tuple[Fact, ...] | None:
    facts = []
    for action in statement.actions:
        if isinstance(action, AddColumn):
            facts.append(Fact("column", statement.table, action.column.name.value))
        elif isinstance(action, DropColumn):
            facts.append(Fact("column", statement.table, action.column.value, present=False))
        elif isinstance(action, AddIndex) and action.index.name is not None:
            facts.append(Fact("index", statement.table, action.index.name.value))
        elif isinstance(action, DropIndexAction):
            facts.append(Fact("index", statement.table, action.name.value, present=False))
        else:
            return None
    return tuple(facts)


@dataclass(frozen=True)
class ResumeDecision:
    """Where to resume (`start`, 0-based statement index), or why it cannot be (`reason`)."""

    start: int | None
    reason: str = ""


def decide_resume(
    statements: Sequence[Statement],
    texts: Sequence[str],
    done: int,
    total: int,
    probe: Probe,
    *,
    file: str,
) -> ResumeDecision:
    """Decide from the live schema which statement to resume at after `done` were recorded."""
    if total != len(statements):
        return ResumeDecision(
            None,
            f"{file} now has {len(statements)} statement(s), but the interrupted run had "
            f"{total}: the file changed since",
        )
    if done >= total:
        return ResumeDecision(total)  # every statement ran; only the history row was left
    if any(_switches_database(text) for text in texts[: done + 1]):
        return ResumeDecision(
            None,
            f"{file} switches database (USE) before statement {done + 1}, so its effect "
            f"cannot be looked up",
        )
    statement, text = statements[done], _short(texts[done])
    if done == 0 and isinstance(statement, Insert | Update | Delete):
        # Before any DDL, the file's DML ran in dbops' transaction: the kill rolled it back.
        return ResumeDecision(0)
    facts = effects(statement)
    if facts is None:
        return ResumeDecision(
            None,
            f"statement {done + 1} of {file} (`{text}`) may or may not have taken effect, and "
            f"dbops cannot tell from the schema what it does",
        )
    held = [probe(fact) for fact in facts]
    if all(held):
        return ResumeDecision(done + 1)
    if not any(held):
        return ResumeDecision(done)
    partial = ", ".join(
        f"{fact.describe()}: {'yes' if ok else 'no'}" for fact, ok in zip(facts, held, strict=True)
    )
    return ResumeDecision(
        None, f"statement {done + 1} of {file} (`{text}`) took effect only in part ({partial})"
    )


def _switches_database(text: str) -> bool:
    return bool(re.match(r"\s*(?:--[^\n]*\n\s*|/\*.*?\*/\s*)*USE\s", text, re.IGNORECASE | re.S))


def _short(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
