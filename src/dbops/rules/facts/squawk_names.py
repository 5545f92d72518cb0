"""The names a statement gives to what it creates or renames (for `identifier-too-long`)."""

from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import (
    AddColumn,
    AddConstraint,
    AlterIndex,
    AlterObject,
    AlterSchema,
    AlterSequence,
    AlterTable,
    ColumnDef,
    Constraint,
    CreateDomain,
    CreateIndex,
    CreateRoutine,
    CreateSchema,
    CreateSequence,
    CreateTable,
    CreateTableAs,
    CreateType,
    CreateView,
    Name,
    RenameColumn,
    RenameConstraint,
    RenameTo,
    Statement,
)

# The statements that name what they create or rename (the kinds identifier-too-long reads).
NAMING_KINDS: tuple[type[Statement], ...] = (
    AlterIndex,
    AlterObject,
    AlterSchema,
    AlterSequence,
    AlterTable,
    CreateDomain,
    CreateIndex,
    CreateRoutine,
    CreateSchema,
    CreateSequence,
    CreateTable,
    CreateTableAs,
    CreateType,
    CreateView,
)


def _constraint_names(constraints: tuple[Constraint, ...]) -> Iterator[Name]:
    for constraint in constraints:
        if constraint.name is not None:
            yield constraint.name


def _column_names(column: ColumnDef) -> Iterator[Name]:
    yield column.name
    yield from _constraint_names(column.constraints)


def _alter_names(statement: AlterTable) -> Iterator[Name]:
    for action in statement.actions:
        if isinstance(action, AddColumn):
            yield from _column_names(action.column)
        elif isinstance(action, AddConstraint) and action.constraint.name is not None:
            yield action.constraint.name
        elif isinstance(action, RenameTo):
            yield action.new.name
        elif isinstance(action, RenameColumn | RenameConstraint):
            yield action.new


def created_names(statement: Statement) -> Iterator[Name]:
    """Every name `statement` creates an object under or renames one to, as written."""
    if isinstance(statement, CreateTable):
        yield statement.table.name
        for column in statement.columns:
            yield from _column_names(column)
        yield from _constraint_names(statement.constraints)
    elif isinstance(statement, AlterTable):
        yield from _alter_names(statement)
    elif isinstance(statement, CreateIndex):
        if statement.name is not None:
            yield statement.name
    elif isinstance(statement, CreateTableAs):
        yield statement.table.name
    elif isinstance(
        statement, CreateView | CreateSequence | CreateType | CreateDomain | CreateRoutine
    ):
        yield statement.name.name
    elif isinstance(statement, CreateSchema):
        yield statement.name
    elif (
        isinstance(statement, AlterObject | AlterSchema | AlterSequence | AlterIndex)
        and statement.rename_to is not None
    ):
        yield statement.rename_to
