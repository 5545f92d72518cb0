"""What a typed statement assumes that the replayed schema contradicts: a table or index that
already exists, a table or column that does not. Each conflict points at the element at fault.

A missing table is only a contradiction once the history defines some table: a project whose
baseline lives outside its migrations would otherwise be told every table is missing. `IF [NOT]
EXISTS` statements assume nothing. The actions of one ALTER TABLE are checked in order, each
against the columns the earlier ones leave.
"""

from __future__ import annotations

from dbops.core.replay_keys import index_key
from dbops.core.schema import INDEX, UNIQUE, Conflict, SchemaModel
from dbops.core.statements import (
    AddColumn,
    AlterColumnType,
    AlterTable,
    CreateIndex,
    CreateTable,
    CreateTableAs,
    Drop,
    DropColumn,
    DropDefault,
    DropNotNull,
    ModifyColumn,
    Name,
    RenameColumn,
    SetDefault,
    SetNotNull,
    Span,
    Statement,
)


def conflicts_of(model: SchemaModel, node: Statement) -> list[Conflict]:
    if isinstance(node, CreateTable | CreateTableAs):
        if isinstance(node, CreateTableAs) and node.materialized:
            return []
        if not node.if_not_exists and model.lookup(node.table) is not None:
            return [_at(f"table {node.table.written} already exists", node.table.span, node)]
        return []
    if isinstance(node, CreateIndex):
        return _index_exists(model, node)
    if isinstance(node, Drop) and node.object_kind.upper() == "TABLE":
        if node.if_exists or not model.tables:
            return []
        return [
            _at(f"table {name.written} does not exist", name.span, node)
            for name in node.names
            if model.lookup(name) is None
        ]
    if isinstance(node, AlterTable):
        return _alter_conflicts(model, node)
    return []


def _at(message: str, span: Span, node: Statement) -> Conflict:
    where = span if span.line else node.span
    return Conflict(message, where.line or None, where.column or None)


def _index_exists(model: SchemaModel, node: CreateIndex) -> list[Conflict]:
    if node.if_not_exists or node.name is None:
        return []
    table_key = model.key_of(node.table)
    kind = UNIQUE if node.unique else INDEX
    key = index_key(model, table_key, node.name.value, kind)
    if key in model.indexes:
        return [_at(f"index {node.name.written} already exists", node.name.span, node)]
    return []


def _alter_conflicts(model: SchemaModel, node: AlterTable) -> list[Conflict]:
    if node.if_exists:
        return []
    table = model.lookup(node.table)
    if table is None:
        if model.tables:
            return [_at(f"table {node.table.written} does not exist", node.table.span, node)]
        return []
    columns = set(table.columns)
    found: list[Conflict] = []
    for action in node.actions:
        span = action.span
        if isinstance(action, AddColumn):
            name = action.column.name
            if name.value in columns and not action.if_not_exists:
                found.append(_at(f'column "{name.written}" already exists', name.span, node))
            columns.add(name.value)
        elif isinstance(action, DropColumn):
            if action.column.value not in columns and not action.if_exists:
                found.append(_missing(action.column, span, node))
            columns.discard(action.column.value)
        elif isinstance(action, RenameColumn):
            if action.old.value not in columns:
                found.append(_missing(action.old, span, node))
            elif action.new.value in columns and action.new.value != action.old.value:
                message = f'column "{action.new.written}" already exists'
                found.append(_at(message, action.new.span or span, node))
            columns.discard(action.old.value)
            columns.add(action.new.value)
        elif isinstance(action, ModifyColumn):
            old = action.old or action.column.name
            if old.value not in columns:
                found.append(_missing(old, span, node))
            columns.discard(old.value)
            columns.add(action.column.name.value)
        elif (
            isinstance(
                action, AlterColumnType | SetNotNull | DropNotNull | SetDefault | DropDefault
            )
            and action.column.value not in columns
        ):
            found.append(_missing(action.column, span, node))
    return found


def _missing(name: Name, span: Span, node: Statement) -> Conflict:
    where = name.span if name.span.line else span
    return _at(f'column "{name.written}" does not exist', where, node)
