"""What the Squawk-named rules share: where a finding points, names as written, the lock a
statement takes in words, and the column definitions and types a statement writes."""

from __future__ import annotations

from collections.abc import Iterator

from dbops.core.locks import LockImpact
from dbops.core.statements import (
    AddColumn,
    AlterColumnType,
    AlterTable,
    ColumnDef,
    CreateTable,
    Drop,
    Name,
    ObjectName,
    Span,
    Statement,
    TypeName,
)
from dbops.rules.base import Violation

POSTGRES = frozenset({"postgres"})


def violation(message: str, span: Span) -> Violation:
    """A violation at `span` (the statement's line when the span is unknown)."""
    return Violation(message, span.line or None, span.column or None)


def written(name: ObjectName | Name | None) -> str:
    """A name as the user wrote it, schema-qualified when written so."""
    if name is None:
        return ""
    if isinstance(name, Name):
        return name.written
    if name.schema is not None:
        return f"{name.schema.written}.{name.name.written}"
    return name.name.written


def _listed(words: tuple[str, ...]) -> str:
    words = tuple("DDL" if word == "ddl" else word for word in words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def lock_phrase(impact: LockImpact, relation: str | None = None) -> str | None:
    """`takes ACCESS EXCLUSIVE on public.orders, blocking reads, writes and DDL` for the lock
    the statement takes on `relation` (its strongest lock when None); None if it takes none."""
    lock = impact.strongest()
    if relation is not None:
        mode = impact.mode_on(relation)
        lock = next((held for held in impact.locks if held.relation == relation), None)
        if mode is None or lock is None:
            return None
    if lock is None:
        return None
    phrase = f"takes {lock.mode.label} on {lock.relation}"
    if lock.blocks:
        phrase += f", blocking {_listed(lock.blocks)}"
    return phrase


def new_columns(statement: Statement) -> Iterator[ColumnDef]:
    """The columns a CREATE TABLE defines or an ALTER TABLE adds."""
    if isinstance(statement, CreateTable):
        yield from statement.columns
    elif isinstance(statement, AlterTable):
        for action in statement.actions:
            if isinstance(action, AddColumn):
                yield action.column


def written_types(statement: Statement) -> Iterator[TypeName]:
    """The column types a statement writes: new columns' and ALTER COLUMN … TYPE's."""
    for column in new_columns(statement):
        if column.type is not None:
            yield column.type
    if isinstance(statement, AlterTable):
        for action in statement.actions:
            if isinstance(action, AlterColumnType):
                yield action.type


def drops_of(statement: Drop, kinds: frozenset[str], noun: str) -> Iterator[Violation]:
    """One violation per object of `kinds` a DROP names: `dropping view public.v may break …`."""
    if statement.object_kind.upper() not in kinds:
        return
    for name in statement.names:
        yield violation(
            f"dropping {noun} {written(name)} may break existing clients that still use it",
            name.span if name.span.line else statement.span,
        )
