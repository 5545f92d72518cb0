"""The character sets and collations a statement chooses: on a database or schema, on a table,
on a column (its definition or its type), on a type change."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from dbops.core.statements import (
    NO_SPAN,
    AddColumn,
    AlterColumnType,
    AlterSchema,
    AlterTable,
    ColumnDef,
    CreateSchema,
    CreateTable,
    ModifyColumn,
    SetTableOption,
    Span,
    Statement,
)

_CHARSET_OPTIONS = frozenset({"CHARSET", "CONVERT CHARSET", "CHARACTER SET", "DEFAULT CHARSET"})
_COLLATE_OPTIONS = frozenset({"COLLATE", "DEFAULT COLLATE"})


@dataclass(frozen=True)
class Setting:
    value: str  # as written, without quotes
    where: str  # what it is set on, for messages: `of column "name"`, `of table t`
    span: Span = NO_SPAN


def charsets(statement: Statement) -> Iterator[Setting]:
    yield from _chosen(statement, charset=True)


def collations(statement: Statement) -> Iterator[Setting]:
    yield from _chosen(statement, charset=False)


def _chosen(statement: Statement, charset: bool) -> Iterator[Setting]:
    options = _CHARSET_OPTIONS if charset else _COLLATE_OPTIONS
    if isinstance(statement, CreateSchema | AlterSchema):
        value = statement.charset if charset else statement.collation
        if value and statement.name is not None:
            noun = "database" if statement.database else "schema"
            yield Setting(_unquoted(value), f"of {noun} {statement.name.written}", statement.span)
    elif isinstance(statement, CreateTable):
        table = f"of table {statement.table.written}"
        for key, value in statement.options:
            if key in options and value:
                yield Setting(_first_word(value), table, statement.span)
        for column in statement.columns:
            yield from _column(column, charset, NO_SPAN)
    elif isinstance(statement, AlterTable):
        table = f"of table {statement.table.written}"
        for action in statement.actions:
            if isinstance(action, SetTableOption) and action.option in options and action.value:
                yield Setting(_first_word(action.value), table, action.span)
            elif isinstance(action, AddColumn | ModifyColumn):
                yield from _column(action.column, charset, action.span)
            elif isinstance(action, AlterColumnType):
                value = action.type.charset if charset else action.collation
                value = value or (None if charset else action.type.collation)  # `text COLLATE x`
                if value:
                    where = f'of column "{action.column.written}"'
                    yield Setting(_unquoted(value), where, action.span)


def _column(column: ColumnDef, charset: bool, action: Span) -> Iterator[Setting]:
    where = f'of column "{column.name.written}"'
    on_type = None
    if column.type is not None:
        on_type = column.type.charset if charset else column.type.collation
    own = column.charset if charset else column.collation
    for value in dict.fromkeys(v for v in (own, on_type) if v):
        span = column.span if column.span.line else action
        yield Setting(_unquoted(value), where, span)


def _first_word(value: str) -> str:
    words = value.split()
    return _unquoted(words[0]) if words else value


def _unquoted(value: str) -> str:
    text = value.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"`":
        return text[1:-1]
    return text
