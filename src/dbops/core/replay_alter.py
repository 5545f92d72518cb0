"""ALTER TABLE in the schema replay: the actions of one statement applied in order, each to the
table as the actions before it left it (`DROP COLUMN x, ADD COLUMN x …` is a new `x`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from dbops.core.replay import drop_index_named, drop_view
from dbops.core.replay_constraints import (
    add_constraint,
    add_inline_index,
    clone_parent_keys,
    partitions_of,
    remove_child_indexes,
    store,
)
from dbops.core.replay_keys import base_type, column_of, create_key, type_display
from dbops.core.replay_tables import add_column, move_column, rename_table
from dbops.core.schema import FOREIGN, PRIMARY, SchemaModel
from dbops.core.statements import (
    Action,
    AddColumn,
    AddConstraint,
    AddIndex,
    AlterColumnType,
    AlterTable,
    AttachPartition,
    DetachPartition,
    DropColumn,
    DropConstraint,
    DropDefault,
    DropIndexAction,
    DropNotNull,
    DropPrimaryKey,
    ModifyColumn,
    Name,
    ObjectName,
    RenameColumn,
    RenameConstraint,
    RenameIndex,
    RenameTo,
    SetColumnOption,
    SetDefault,
    SetNotNull,
    SetSchema,
    SetTableOption,
    ValidateConstraint,
)

# MySQL widens a text column when a conversion to a character set of more bytes per character
# would no longer fit its longest value (`CONVERT TO CHARACTER SET utf8mb4` of a latin1 TEXT is
# a MEDIUMTEXT).
_TEXT_WIDER = {"tinytext": "text", "text": "mediumtext", "mediumtext": "longtext"}
_BYTES_PER_CHAR = {"latin1": 1, "ascii": 1, "utf8": 3, "utf8mb3": 3, "utf8mb4": 4, "binary": 1}


def apply_alter(model: SchemaModel, node: AlterTable) -> None:
    key = model.key_of(node.table)
    if key not in model.tables:
        return
    for action in node.actions:
        handler = _ACTIONS.get(type(action))
        if handler is not None:
            key = handler(model, key, action) or key  # a rename moves the next actions on


def _add_column(model: SchemaModel, key: str, action: AddColumn) -> None:
    table = model._writable(key)
    if action.column.name.value in table.columns:
        return  # IF NOT EXISTS skips it; without, the engine refuses
    add_column(model, table, action.column, action.position)
    for partition in partitions_of(model, key):
        if action.column.name.value not in model.tables[partition].columns:
            inherited = model._writable(partition)
            inherited.columns[action.column.name.value] = replace(
                table.columns[action.column.name.value], comment=None
            )


def _drop_column(model: SchemaModel, key: str, action: DropColumn) -> None:
    if model.dialect == "postgres" and action.cascade:  # the views that read the column go
        name = action.column.value
        for view_key, view in list(model.views.items()):
            if key in view.sources and (name in view.columns or "*" in view.columns):
                drop_view(model, view_key, cascade=True)
    drop_column(model, key, action.column.value)
    for partition in partitions_of(model, key):
        drop_column(model, partition, action.column.value)


def drop_column(model: SchemaModel, key: str, name: str) -> None:
    """The column and what depends on it: PostgreSQL and SQLite drop every index and key that
    holds it; MySQL takes it out of multi-column indexes and drops only those it empties. A
    foreign key of another table that references it goes too (PostgreSQL CASCADE)."""
    table = model.tables[key]
    if name not in table.columns:
        return
    del model._writable(key).columns[name]
    for index_key_ in list(model._by_table.get(key, ())):
        index = model.indexes[index_key_]
        if name not in index.columns:
            continue
        remaining = tuple(c for c in index.columns if c != name)
        if model.dialect == "mysql" and remaining and index.kind != FOREIGN:
            model.indexes[index_key_] = replace(index, columns=remaining)
        else:
            model._remove_index(index_key_)
    if model.dialect == "postgres":
        for index_key_ in list(model._referencing.get(key, ())):
            if name in model.indexes[index_key_].referenced_columns:
                model._remove_index(index_key_)


def _alter_column_type(model: SchemaModel, key: str, action: AlterColumnType) -> None:
    for table_key in (key, *partitions_of(model, key)):
        table = model._writable(table_key)
        column = table.columns.get(action.column.value)
        if column is not None:
            type_name = base_type(action.type)
            table.columns[column.name] = replace(
                column, type_name=type_name, type=type_display(type_name, model.dialect)
            )


def _modify_column(model: SchemaModel, key: str, action: ModifyColumn) -> None:
    """MySQL `MODIFY c …` / `CHANGE old new …`: the column is restated whole (a default or
    comment not restated is gone), maybe renamed and moved; an inline PRIMARY KEY adds the key."""
    table = model._writable(key)
    old = (action.old or action.column.name).value
    if old not in table.columns:
        return
    column = column_of(action.column, table.short_name, model.dialect)
    if column.charset is None and table.columns[old].charset is not None:
        column = replace(column, charset=table.charset)
    new = column.name
    table.columns = {
        (new if name == old else name): (column if name == old else value)
        for name, value in table.columns.items()
    }
    if new != old:
        _rename_in_keys(model, key, old, new)
    if action.position:
        move_column(table, new, action.position)
    for constraint in action.column.constraints:
        add_constraint(model, key, constraint, new)


def _nullability(nullable: bool) -> Callable[[SchemaModel, str, Any], None]:
    def apply(model: SchemaModel, key: str, action: SetNotNull | DropNotNull) -> None:
        _change_column(model, key, action.column, nullable=nullable)

    return apply


def _set_default(model: SchemaModel, key: str, action: SetDefault) -> None:
    _change_column(model, key, action.column, default=action.default.text)


def _drop_default(model: SchemaModel, key: str, action: DropDefault) -> None:
    _change_column(model, key, action.column, default=None)


def _column_option(model: SchemaModel, key: str, action: SetColumnOption) -> None:
    """ADD GENERATED … AS IDENTITY (NOT NULL with it), DROP IDENTITY, DROP EXPRESSION."""
    option = action.option.upper()
    if option.startswith("ADD") and "IDENTITY" in option:
        kind = "identity by default" if "DEFAULT" in action.value.upper() else "identity always"
        _change_column(model, key, action.column, nullable=False, generated=kind)
    elif option.startswith("DROP") and ("IDENTITY" in option or "EXPRESSION" in option):
        _change_column(model, key, action.column, generated="")
    elif option.startswith("SET") and "GENERATED" in option:
        _change_column(model, key, action.column, generated=_identity(action.value))


def _identity(value: str) -> str:
    return "identity by default" if "DEFAULT" in value.upper() else "identity always"


def _change_column(
    model: SchemaModel, key: str, column: Name, *, cascade: bool = True, **changes: Any
) -> None:
    for table_key in (key, *(partitions_of(model, key) if cascade else ())):
        table = model._writable(table_key)
        found = table.columns.get(column.value)
        if found is not None:
            table.columns[found.name] = replace(found, **changes)


def _rename_column(model: SchemaModel, key: str, action: RenameColumn) -> None:
    for table_key in (key, *partitions_of(model, key)):
        table = model._writable(table_key)
        old, new = action.old.value, action.new.value
        if old not in table.columns or new in table.columns:
            continue
        table.columns = {
            (new if name == old else name): (
                replace(value, name=new, written=action.new.written) if name == old else value
            )
            for name, value in table.columns.items()
        }
        _rename_in_keys(model, table_key, old, new)


def _rename_in_keys(model: SchemaModel, key: str, old: str, new: str) -> None:
    for index_key_ in model._by_table.get(key, ()):
        index = model.indexes[index_key_]
        if old in index.columns:
            columns = tuple(new if c == old else c for c in index.columns)
            model.indexes[index_key_] = replace(index, columns=columns)
    for index_key_ in model._referencing.get(key, ()):
        index = model.indexes[index_key_]
        if old in index.referenced_columns:
            referenced = tuple(new if c == old else c for c in index.referenced_columns)
            model.indexes[index_key_] = replace(index, referenced_columns=referenced)


def _rename_to(model: SchemaModel, key: str, action: RenameTo) -> str:
    new = action.new
    if model.dialect == "postgres" and new.schema is None:  # the table keeps its schema
        new = ObjectName(new.name, Name(key.rsplit(".", 1)[0]))
    new_key = create_key(model, new)
    rename_table(model, key, new_key, new.name.written)
    return new_key


def _set_schema(model: SchemaModel, key: str, action: SetSchema) -> str:
    new_key = f"{action.schema.value}.{key.rsplit('.', 1)[-1]}"
    rename_table(model, key, new_key, model.tables[key].written)
    return new_key


def _add_constraint(model: SchemaModel, key: str, action: AddConstraint) -> None:
    add_constraint(model, key, action.constraint)


def _drop_constraint(model: SchemaModel, key: str, action: DropConstraint) -> None:
    """A constraint by name; MySQL `DROP FOREIGN KEY` keeps the index InnoDB made for it, and
    PostgreSQL drops the partitions' copies of a partitioned table's key."""
    name = action.name.value
    for index_key_ in list(model._by_table.get(key, ())):
        index = model.indexes[index_key_]
        if index.name != name:
            continue
        if model.dialect == "mysql" and action.constraint_kind and index.kind != FOREIGN:
            continue  # `DROP FOREIGN KEY x` leaves the index x
        if (
            model.dialect == "mysql"
            and not action.constraint_kind
            and index.kind == FOREIGN
            and any(i.name == name and i.kind != FOREIGN for i in model.table_indexes(key))
        ):
            continue  # MariaDB `DROP CONSTRAINT x` of a key named like an index
        model._remove_index(index_key_)
        remove_child_indexes(model, key, index_key_)
        if index.kind in (FOREIGN, "check"):
            for partition in partitions_of(model, key):
                drop_constraint_named(model, partition, name)


def drop_constraint_named(model: SchemaModel, key: str, name: str) -> None:
    for index_key_ in list(model._by_table.get(key, ())):
        if model.indexes[index_key_].name == name:
            model._remove_index(index_key_)


def _validate_constraint(model: SchemaModel, key: str, action: ValidateConstraint) -> None:
    """`VALIDATE CONSTRAINT c`: a NOT VALID constraint is valid from now on."""
    for index_key_ in list(model._by_table.get(key, ())):
        index = model.indexes[index_key_]
        if index.name == action.name.value and not index.valid:
            model._remove_index(index_key_)
            store(model, replace(index, valid=True))


def _drop_primary_key(model: SchemaModel, key: str, action: DropPrimaryKey) -> None:
    for index_key_ in list(model._by_table.get(key, ())):
        if model.indexes[index_key_].kind == PRIMARY:
            model._remove_index(index_key_)


def _rename_constraint(model: SchemaModel, key: str, action: RenameConstraint) -> None:
    for index_key_ in list(model._by_table.get(key, ())):
        index = model.indexes[index_key_]
        if index.name == action.old.value:
            model._remove_index(index_key_)
            store(model, replace(index, name=action.new.value))


def _add_index(model: SchemaModel, key: str, action: AddIndex) -> None:
    add_inline_index(model, key, action.index)


def _drop_index(model: SchemaModel, key: str, action: DropIndexAction) -> None:
    drop_index_named(model, ObjectName(action.name), key)


def _rename_index(model: SchemaModel, key: str, action: RenameIndex) -> None:
    for index_key_ in list(model._by_table.get(key, ())):
        index = model.indexes[index_key_]
        if index.name == action.old.value and index.kind != FOREIGN:
            model._remove_index(index_key_)
            store(model, replace(index, name=action.new.value))
            return


def _table_option(model: SchemaModel, key: str, action: SetTableOption) -> None:
    """MySQL `CONVERT TO CHARACTER SET x`: every character column takes `x` (text columns
    widen where they must); `[DEFAULT] CHARSET=x` sets only the default of new columns."""
    option = action.option.upper()
    if model.dialect != "mysql":
        return
    charset = action.value.split()[0].lower() if action.value else ""
    table = model._writable(key)
    if option == "CONVERT CHARSET" and charset:
        for name, column in list(table.columns.items()):
            if column.charset is None:
                continue
            type_name = column.type_name
            before = _BYTES_PER_CHAR.get(column.charset.lower(), 4)
            if _BYTES_PER_CHAR.get(charset, 4) > before and type_name.name in _TEXT_WIDER:
                type_name = replace(type_name, name=_TEXT_WIDER[type_name.name])
            table.columns[name] = replace(
                column,
                charset=charset,
                type_name=type_name,
                type=type_display(type_name, model.dialect),
            )
        table.charset = charset
    elif option in ("CHARSET", "CHARACTER SET", "DEFAULT CHARSET") and charset:
        table.charset = charset


def _attach_partition(model: SchemaModel, key: str, action: AttachPartition) -> None:
    partition = model.key_of(action.partition)
    if partition in model.tables:
        model._writable(partition).partition_of = key
        clone_parent_keys(model, key, partition)


def _detach_partition(model: SchemaModel, key: str, action: DetachPartition) -> None:
    """The partition becomes a table of its own; its copies of the parent's indexes stay, no
    longer attached to the parent's."""
    partition = model.key_of(action.partition)
    if partition not in model.tables:
        return
    model._writable(partition).partition_of = None
    for index_key_ in model._by_table.get(partition, ()):
        index = model.indexes[index_key_]
        if index.parent:
            model.indexes[index_key_] = replace(index, parent="")


_ACTIONS: dict[type[Action], Callable[[SchemaModel, str, Any], str | None]] = {
    AddColumn: _add_column,
    DropColumn: _drop_column,
    AlterColumnType: _alter_column_type,
    ModifyColumn: _modify_column,
    SetNotNull: _nullability(False),
    DropNotNull: _nullability(True),
    SetDefault: _set_default,
    DropDefault: _drop_default,
    SetColumnOption: _column_option,
    RenameColumn: _rename_column,
    RenameTo: _rename_to,
    SetSchema: _set_schema,
    AddConstraint: _add_constraint,
    DropConstraint: _drop_constraint,
    ValidateConstraint: _validate_constraint,
    DropPrimaryKey: _drop_primary_key,
    RenameConstraint: _rename_constraint,
    AddIndex: _add_index,
    DropIndexAction: _drop_index,
    RenameIndex: _rename_index,
    SetTableOption: _table_option,
    AttachPartition: _attach_partition,
    DetachPartition: _detach_partition,
}
