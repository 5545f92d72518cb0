"""The schema replay: each typed statement (dbops.core.statements) applied to a SchemaModel as the
engine would apply it.

Only what the rules ask about is modelled: tables, their columns (catalog type, nullability,
default), keys, indexes and foreign keys, views as dependencies, schemas and the search path.
A statement the engine would refuse (a table that already exists, a missing one) changes
nothing, as on the engine. ALTER TABLE actions are core/replay_alter.py; the names engines give
unnamed keys, and catalog types, core/replay_keys.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from dbops.core.replay_constraints import (
    clone_key,
    drop_implicit_indexes,
    partitions_of,
    remove_child_indexes,
    rename_parent,
    store,
)
from dbops.core.replay_keys import (
    create_key,
    element_name,
    generated_name,
    index_key,
    index_labels,
    short,
)
from dbops.core.replay_tables import (
    create_table,
    create_table_as,
    new_view,
    rename_table,
    rename_tables,
)
from dbops.core.schema import (
    INDEX,
    UNIQUE,
    Index,
    SchemaModel,
)
from dbops.core.statements import (
    AlterIndex,
    AlterSchema,
    AlterTable,
    AlterType,
    Comment,
    CreateIndex,
    CreateSchema,
    CreateTable,
    CreateTableAs,
    CreateView,
    Drop,
    DropIndex,
    ObjectName,
    RenameTables,
    SetSetting,
    Statement,
    UseDatabase,
)


def apply_statement(model: SchemaModel, node: Statement, origin: str | None) -> None:
    if origin != model._origin:  # a new migration file runs in a new session
        model._origin = origin
        model.search_path = ()
    handler = _HANDLERS.get(type(node))
    if handler is not None:
        handler(model, node, origin)


# -- indexes --------------------------------------------------------------------------------
def _create_index(model: SchemaModel, node: CreateIndex, origin: str | None) -> None:
    table_key = model.key_of(node.table)
    columns = tuple(element_name(element) for element in node.elements)
    kind = UNIQUE if node.unique else INDEX
    name = node.name.value if node.name is not None else ""
    name = name or generated_name(
        model, table_key, kind, index_labels(node.elements), constraint=False
    )
    key = index_key(model, table_key, name, kind)
    if key in model.indexes or (model.dialect == "postgres" and key in model.tables):
        return
    method = node.method.upper() if model.dialect == "mysql" else node.method.lower()
    index = Index(name, table_key, columns, kind, method=method, partial=node.where is not None)
    store(model, index)
    if model.dialect == "mysql":
        drop_implicit_indexes(model, index)
    if not node.only:
        for partition in partitions_of(model, table_key):
            clone_key(model, index, partition)


def _drop_index(model: SchemaModel, node: DropIndex, origin: str | None) -> None:
    table_key = model.key_of(node.table) if node.table is not None else None
    for name in node.names:
        drop_index_named(model, name, table_key)


def drop_index_named(model: SchemaModel, name: ObjectName, table_key: str | None) -> None:
    if table_key is not None:
        found = model.index_named(name, table_key)
        key = index_key(model, table_key, found.name, found.kind) if found else ""
    elif model.dialect == "postgres":
        key = model.key_of(name)
    else:
        key = name.name.value
        if key not in model.indexes:  # MySQL: per-table names; the only index so named
            matches = [k for k, i in model.indexes.items() if i.name == name.name.value]
            key = matches[0] if len(matches) == 1 else ""
    removed = model._remove_index(key) if key else None
    if removed is not None:
        remove_child_indexes(model, removed.table, key)


def _alter_index(model: SchemaModel, node: AlterIndex, origin: str | None) -> None:
    key = model.key_of(node.name)
    index = model.indexes.get(key)
    if index is None:
        return
    if node.rename_to is not None:
        new = replace(index, name=node.rename_to.value)
        new_key = index_key(model, index.table, new.name, new.kind)
        if new_key in model.indexes:
            return
        model._remove_index(key)
        model._store_index(new_key, new)
        rename_parent(model, index.table, key, new_key)
    elif node.attach_partition is not None:
        child_key = model.key_of(node.attach_partition)
        if child_key in model.indexes:
            model.indexes[child_key] = replace(model.indexes[child_key], parent=key)


# -- drops, views, schemas, settings ---------------------------------------------------------
def _drop(model: SchemaModel, node: Drop, origin: str | None) -> None:
    kind = node.object_kind.upper()
    for name in node.names:
        if kind == "TABLE":
            drop_table(model, model.key_of(name), node.cascade)
        elif kind in ("VIEW", "MATERIALIZED VIEW"):
            drop_view(model, model.key_of(name), node.cascade)
        elif kind in ("SCHEMA", "DATABASE"):
            drop_schema(model, name.name.value)


def drop_table(model: SchemaModel, key: str, cascade: bool) -> None:
    """The table, its keys and indexes, its partitions; with CASCADE (PostgreSQL) the views
    that read it and the foreign keys of other tables that reference it."""
    if model._remove_table(key) is None:
        return
    for index_key_ in list(model._by_table.get(key, ())):
        model._remove_index(index_key_)
    for partition in partitions_of(model, key):
        drop_table(model, partition, cascade)
    if model.dialect == "postgres":  # MySQL and SQLite keep what names the table, as text
        for index_key_ in list(model._referencing.get(key, ())):
            model._remove_index(index_key_)
        _drop_dependent_views(model, key)


def drop_view(model: SchemaModel, key: str, cascade: bool) -> None:
    if model.views.pop(key, None) is None:
        return
    for index_key_ in list(model._by_table.get(key, ())):  # a materialized view's indexes
        model._remove_index(index_key_)
    if cascade or model.dialect == "postgres":
        _drop_dependent_views(model, key)


def _drop_dependent_views(model: SchemaModel, key: str) -> None:
    for view_key in [k for k, view in model.views.items() if key in view.sources]:
        drop_view(model, view_key, cascade=True)


def drop_schema(model: SchemaModel, schema: str) -> None:
    model.schemas.discard(schema)
    for key in [k for k in model.tables if k.startswith(f"{schema}.")]:
        drop_table(model, key, cascade=True)
    for key in [k for k in model.views if k.startswith(f"{schema}.")]:
        drop_view(model, key, cascade=True)


def _create_view(model: SchemaModel, node: CreateView, origin: str | None) -> None:
    key = create_key(model, node.name)
    if key in model.views and not node.or_replace:
        return
    model.views[key] = new_view(model, key, node.query, node.materialized)


def _create_schema(model: SchemaModel, node: CreateSchema, origin: str | None) -> None:
    model.schemas.add(node.name.value)


def _alter_schema(model: SchemaModel, node: AlterSchema, origin: str | None) -> None:
    if node.name is None or node.rename_to is None or model.dialect != "postgres":
        return
    old, new = node.name.value, node.rename_to.value
    model.schemas.discard(old)
    model.schemas.add(new)
    for key in [k for k in model.tables if k.startswith(f"{old}.")]:
        rename_table(model, key, f"{new}.{short(key)}", model.tables[key].written)


def _alter_type(model: SchemaModel, node: AlterType, origin: str | None) -> None:
    """`ALTER TYPE t RENAME TO u`: columns of the type show its new name."""
    if node.action.upper() != "RENAME TO" or not node.value:
        return
    old = node.name.name.value
    for key, table in list(model.tables.items()):
        if any(column.type_name.name == old for column in table.columns.values()):
            writable = model._writable(key)
            for name, column in list(writable.columns.items()):
                if column.type_name.name == old:
                    renamed = replace(column.type_name, name=node.value)
                    writable.columns[name] = replace(
                        column, type_name=renamed, type=column.type.replace(old, node.value, 1)
                    )


def _comment(model: SchemaModel, node: Comment, origin: str | None) -> None:
    key = model.key_of(node.target)
    if key not in model.tables:
        return
    if node.object_kind.upper() == "TABLE":
        model._writable(key).comment = node.comment
    elif node.object_kind.upper() == "COLUMN" and node.column is not None:
        table = model._writable(key)
        column = table.columns.get(node.column.value)
        if column is not None:
            table.columns[column.name] = replace(column, comment=node.comment)


def _set_setting(model: SchemaModel, node: SetSetting, origin: str | None) -> None:
    if node.name != "search_path" or node.user_variable:
        return
    values = node.values or ((node.value,) if node.value else ())
    model.search_path = () if node.reset else tuple(v.strip().strip('"') for v in values)


def _use_database(model: SchemaModel, node: UseDatabase, origin: str | None) -> None:
    model.search_path = (node.database.value,)


def _alter_table(model: SchemaModel, node: AlterTable, origin: str | None) -> None:
    from dbops.core.replay_alter import apply_alter

    apply_alter(model, node)


_HANDLERS: dict[type[Statement], Callable[[SchemaModel, Any, str | None], None]] = {
    CreateTable: create_table,
    CreateTableAs: create_table_as,
    AlterTable: _alter_table,
    RenameTables: rename_tables,
    CreateIndex: _create_index,
    DropIndex: _drop_index,
    AlterIndex: _alter_index,
    Drop: _drop,
    CreateView: _create_view,
    CreateSchema: _create_schema,
    AlterSchema: _alter_schema,
    AlterType: _alter_type,
    Comment: _comment,
    SetSetting: _set_setting,
    UseDatabase: _use_database,
}
