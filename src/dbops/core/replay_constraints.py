"""Keys, indexes and partitions in the schema replay: a constraint or index as the engine files
and names it, and a partitioned table's keys copied to its partitions."""

from __future__ import annotations

from dataclasses import replace

from dbops.core.replay_keys import (
    EXCLUDE,
    check_columns,
    element_name,
    generated_name,
    index_key,
)
from dbops.core.schema import (
    CHECK,
    FOREIGN,
    INDEX,
    PRIMARY,
    UNIQUE,
    Index,
    SchemaModel,
)
from dbops.core.statements import (
    Constraint,
    ConstraintKind,
    InlineIndex,
)
from dbops.core.statements.facts import not_null_check_of

_KINDS = {
    ConstraintKind.PRIMARY_KEY: PRIMARY,
    ConstraintKind.UNIQUE: UNIQUE,
    ConstraintKind.FOREIGN_KEY: FOREIGN,
    ConstraintKind.CHECK: CHECK,
    ConstraintKind.EXCLUDE: INDEX,
}


def store(model: SchemaModel, index: Index) -> None:
    model._store_index(index_key(model, index.table, index.name, index.kind), index)


def add_constraint(
    model: SchemaModel, table_key: str, constraint: Constraint, column: str | None = None
) -> None:
    kind = _KINDS[constraint.kind]
    columns = tuple(name.value for name in constraint.columns) or ((column,) if column else ())
    if kind == CHECK and not constraint.columns and column is None:
        columns = check_columns(constraint.check)
    if constraint.using_index is not None:
        _promote_index(model, table_key, constraint, kind)
        return
    if kind == PRIMARY:
        if model.primary_key(table_key) is not None:
            return  # a second primary key is refused
        _set_not_null(model, table_key, columns)
    name = constraint.name.value if constraint.name is not None else ""
    if kind == PRIMARY and model.dialect == "mysql":
        name = "PRIMARY"
    if kind in (PRIMARY, UNIQUE) and model.dialect == "sqlite":
        name = ""  # SQLite names a key's index `sqlite_autoindex_t_N`, whatever the key's name
    references: str | None = None
    referenced: tuple[str, ...] = ()
    if constraint.references is not None:
        references = model.key_of(constraint.references.table)
        referenced = tuple(name.value for name in constraint.references.columns)
        if not referenced and model.dialect != "sqlite":  # REFERENCES t: its primary key
            target = model.primary_key(references)
            referenced = target.columns if target is not None else ()
    if kind == CHECK and model.dialect == "mysql" and not name:
        name = column or _mysql_check_name(model, table_key)
    if not name:
        labels = (column,) if kind == CHECK and column else columns
        if kind == CHECK and not column:
            labels = columns if len(columns) == 1 else ()
        naming = EXCLUDE if constraint.kind is ConstraintKind.EXCLUDE else kind
        name = generated_name(model, table_key, naming, labels, constraint=True)
    if model.dialect == "sqlite" and kind == PRIMARY and _rowid_alias(model, table_key, columns):
        name = ""  # INTEGER PRIMARY KEY is the rowid: no index
    index = Index(
        name=name,
        table=table_key,
        columns=columns,
        kind=kind,
        references=references,
        referenced_columns=referenced,
        method=constraint.index_method,
        constraint=True,
        on_delete=constraint.references.on_delete if constraint.references else "",
        valid=not constraint.not_valid,
        proves_not_null=not_null_check_of(constraint),
    )
    store(model, index)
    if kind == FOREIGN and model.dialect == "mysql":
        _index_for_foreign_key(model, index, constraint)
    if kind not in (FOREIGN, CHECK):
        for partition in partitions_of(model, table_key):
            clone_key(model, index, partition)


def _mysql_check_name(model: SchemaModel, table_key: str) -> str:
    taken = {index.name for index in model.table_indexes(table_key)}
    number = 1
    while f"CONSTRAINT_{number}" in taken:
        number += 1
    return f"CONSTRAINT_{number}"


def _rowid_alias(model: SchemaModel, table_key: str, columns: tuple[str, ...]) -> bool:
    table = model.tables.get(table_key)
    if table is None or len(columns) != 1 or columns[0] not in table.columns:
        return False
    return table.columns[columns[0]].type_name.name.lower() == "integer"


def _set_not_null(model: SchemaModel, table_key: str, columns: tuple[str, ...]) -> None:
    if model.dialect == "sqlite" or table_key not in model.tables:
        return
    table = model._writable(table_key)
    for name in columns:
        if name in table.columns:
            table.columns[name] = replace(table.columns[name], nullable=False)


def _index_for_foreign_key(model: SchemaModel, key: Index, constraint: Constraint) -> None:
    """InnoDB needs an index whose first columns are the foreign key's: it creates one, named
    after the constraint, unless the table has such an index already."""
    for index in model.table_indexes(key.table):
        if index.kind != FOREIGN and index.columns[: len(key.columns)] == key.columns:
            return
    name = constraint.name.value if constraint.name is not None else ""
    name = name or generated_name(model, key.table, INDEX, key.columns, constraint=False)
    store(model, Index(name, key.table, key.columns, INDEX, for_foreign_key=True))


def drop_implicit_indexes(model: SchemaModel, index: Index) -> None:
    """InnoDB drops the index it made for a foreign key once another index leads with the
    foreign key's columns."""
    for key in list(model._by_table.get(index.table, ())):
        implicit = model.indexes[key]
        if (
            implicit.for_foreign_key
            and implicit is not index
            and index.columns[: len(implicit.columns)] == implicit.columns
        ):
            model._remove_index(key)


def _promote_index(model: SchemaModel, table_key: str, constraint: Constraint, kind: str) -> None:
    """PostgreSQL `ADD CONSTRAINT c PRIMARY KEY USING INDEX i`: the index becomes the key and
    takes the constraint's name."""
    assert constraint.using_index is not None
    schema = table_key.rsplit(".", 1)[0]
    old = model._remove_index(f"{schema}.{constraint.using_index.value}")
    if old is None:
        return
    name = constraint.name.value if constraint.name is not None else old.name
    store(model, replace(old, name=name, kind=kind, constraint=True))
    if kind == PRIMARY:
        _set_not_null(model, table_key, old.columns)


def add_inline_index(model: SchemaModel, table_key: str, index: InlineIndex) -> None:
    """MySQL `KEY i (a)`, `UNIQUE KEY`, `FULLTEXT KEY` in CREATE TABLE or ADD INDEX."""
    columns = tuple(element_name(element) for element in index.elements)
    kind = UNIQUE if index.unique else INDEX
    name = index.name.value if index.name is not None else ""
    if not name:
        name = generated_name(model, table_key, kind, columns, constraint=False)
    if model.dialect == "mysql" and name.upper() == "PRIMARY":
        return
    added = Index(name, table_key, columns, kind, method=index.method)
    store(model, added)
    if model.dialect == "mysql":
        drop_implicit_indexes(model, added)


def partitions_of(model: SchemaModel, table_key: str) -> list[str]:
    """The partitions attached to a partitioned table (none for any other table, at no cost)."""
    table = model.tables.get(table_key)
    if table is None or not table.partitioned:
        return []
    return [key for key, table in model.tables.items() if table.partition_of == table_key]


def remove_child_indexes(model: SchemaModel, table_key: str, parent_key: str) -> None:
    """Drop the partitions' indexes that are part of a partitioned table's index `parent_key`
    (and theirs, for sub-partitions)."""
    for partition in partitions_of(model, table_key):
        for key in list(model._by_table.get(partition, ())):
            if model.indexes[key].parent == parent_key:
                model._remove_index(key)
                remove_child_indexes(model, partition, key)


def rename_parent(model: SchemaModel, table_key: str, old: str, new: str) -> None:
    for partition in partitions_of(model, table_key):
        for key in model._by_table.get(partition, ()):
            if model.indexes[key].parent == old:
                model.indexes[key] = replace(model.indexes[key], parent=new)


def clone_key(model: SchemaModel, parent: Index, partition_key: str) -> None:
    """A partitioned table's key or index, created on one of its partitions (PostgreSQL names
    it after the partition), unless the partition has an equal one, which it then attaches."""
    parent_key = index_key(model, parent.table, parent.name, parent.kind)
    for index in model.table_indexes(partition_key):
        if index.columns == parent.columns and index.kind == parent.kind:
            return
    if parent.kind in (FOREIGN, CHECK):
        store(model, replace(parent, table=partition_key))
        return
    labels = () if parent.kind == PRIMARY else parent.columns
    name = generated_name(model, partition_key, parent.kind, labels, parent.constraint)
    store(model, replace(parent, name=name, table=partition_key, parent=parent_key))
    for child in partitions_of(model, partition_key):
        clone_key(model, model.indexes[index_key(model, partition_key, name, parent.kind)], child)


def clone_parent_keys(model: SchemaModel, parent_key: str, partition_key: str) -> None:
    for index in model.table_indexes(parent_key):
        clone_key(model, index, partition_key)
