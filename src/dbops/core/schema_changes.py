"""What a migration changes in the schema, in a reviewer's words: tables, columns, indexes and
constraints added, dropped, altered and renamed, with before → after types and nullability.

Computed per statement from the replayed schema: the tables a statement touches are snapshotted
before it is applied and compared with the schema after it. Comparing models, not reading SQL,
makes every dialect's spelling (MySQL MODIFY/CHANGE, PostgreSQL ALTER … TYPE, inline and
out-of-line constraints) come out the same; the typed statement only says which tables to look at
and which disappearances are renames. Pure: statements and schema models in, changes out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from dbops.core.schema import INDEX, UNIQUE, Column, Index, SchemaModel, Table
from dbops.core.statements import (
    AddConstraint,
    AlterTable,
    CreateIndex,
    CreateTable,
    Drop,
    DropIndex,
    ModifyColumn,
    ObjectName,
    RenameColumn,
    RenameConstraint,
    RenameIndex,
    RenameTables,
    RenameTo,
    Statement,
    ValidateConstraint,
)

ADDED, DROPPED, ALTERED, RENAMED = "added", "dropped", "altered", "renamed"


@dataclass(frozen=True)
class SchemaChange:
    """One change: `column orders.status altered: character varying(20) → text`."""

    action: str  # added, dropped, altered, renamed
    kind: str  # table, column, index, constraint
    name: str  # as written: `orders`, `orders.status`, `orders_status_idx`
    detail: str = ""  # `bigint, NOT NULL`, `integer → bigint; NULL → NOT NULL`, `from old_name`
    line: int = 0  # the statement that made it

    def describe(self) -> str:
        text = f"{self.kind} {self.name} {self.action}"
        return f"{text}: {self.detail}" if self.detail else text


@dataclass(frozen=True)
class TableState:
    """A table and its indexes/constraints as they stood (None: it did not exist)."""

    table: Table | None
    indexes: tuple[Index, ...]


Snapshot = dict[str, TableState]


def snapshot(statement: Statement, schema: SchemaModel) -> Snapshot:
    """The tables `statement` may change, as they are in `schema` (before it is applied)."""
    return {key: _state(schema, key) for key in _touched(statement, schema)}


def statement_changes(
    statement: Statement, before: Snapshot, after: SchemaModel, line: int
) -> list[SchemaChange]:
    """The changes `statement` made, from the snapshot taken before it and the schema after."""
    if not before:
        return []
    renamed_tables = _table_renames(statement, after)
    changes: list[SchemaChange] = []
    seen_after: set[str] = set()
    for key, old in before.items():
        if key in seen_after:
            continue
        new_key = renamed_tables.get(key, key)
        new = _state(after, new_key)
        seen_after.add(new_key)
        if new_key != key and old.table is not None and new.table is not None:
            written = _written(new.table)
            changes.append(SchemaChange(RENAMED, "table", written, f"from {_written(old.table)}"))
        changes.extend(_table_changes(statement, old, new))
    return [SchemaChange(c.action, c.kind, c.name, c.detail, line) for c in changes]


def _touched(statement: Statement, schema: SchemaModel) -> list[str]:
    names: list[ObjectName] = []
    if isinstance(statement, CreateTable | AlterTable | CreateIndex):
        names.append(statement.table)
    elif isinstance(statement, Drop) and statement.object_kind.upper() == "TABLE":
        names.extend(statement.names)
    elif isinstance(statement, RenameTables):
        names.extend(name for pair in statement.renames for name in pair)
    keys = [schema.key_of(name) for name in names]
    if isinstance(statement, AlterTable):
        keys += [schema.key_of(a.new) for a in statement.actions if isinstance(a, RenameTo)]
    if isinstance(statement, DropIndex):
        for name in statement.names:
            table = schema.key_of(statement.table) if statement.table is not None else None
            index = schema.index_named(name, table)
            if index is not None:
                keys.append(index.table)
    return list(dict.fromkeys(keys))


def _state(schema: SchemaModel, key: str) -> TableState:
    table = schema.tables.get(key)
    # A clone: the replay changes tables it owns in place.
    return TableState(None if table is None else table.clone(), tuple(schema.table_indexes(key)))


def _table_renames(statement: Statement, after: SchemaModel) -> dict[str, str]:
    if isinstance(statement, RenameTables):
        return {after.key_of(old): after.key_of(new) for old, new in statement.renames}
    if isinstance(statement, AlterTable):
        for action in statement.actions:
            if isinstance(action, RenameTo):
                return {after.key_of(statement.table): after.key_of(action.new)}
    return {}


def _table_changes(
    statement: Statement, old: TableState, new: TableState
) -> Iterator[SchemaChange]:
    if old.table is None and new.table is None:
        return
    if new.table is None:
        assert old.table is not None
        yield SchemaChange(DROPPED, "table", _written(old.table), _column_count(old.table))
        return
    table = _written(new.table)
    if old.table is None:
        yield SchemaChange(ADDED, "table", table, _column_list(new.table))
    else:
        yield from _column_changes(statement, table, old.table, new.table)
    yield from _index_changes(statement, old.indexes, new.indexes, created=old.table is None)


def _column_changes(
    statement: Statement, table: str, old: Table, new: Table
) -> Iterator[SchemaChange]:
    renames = _column_renames(statement)
    gone = [name for name in old.columns if name not in new.columns]
    for name, column in new.columns.items():
        before = old.columns.get(name)
        if before is None:
            source = renames.get(name)
            if source in gone:
                gone.remove(source)
                previous = old.columns[source]
                detail = f"from {previous.written or previous.name}"
                altered = _column_difference(previous, column)
                yield SchemaChange(
                    RENAMED, "column", f"{table}.{_col(column)}", "; ".join([detail, *altered])
                )
            else:
                yield SchemaChange(ADDED, "column", f"{table}.{_col(column)}", _column_text(column))
            continue
        difference = _column_difference(before, column)
        if difference:
            yield SchemaChange(ALTERED, "column", f"{table}.{_col(column)}", "; ".join(difference))
    for name in gone:
        yield SchemaChange(DROPPED, "column", f"{table}.{_col(old.columns[name])}", "")


def _column_renames(statement: Statement) -> dict[str, str]:
    """New column name → old, as the engine compares them."""
    if not isinstance(statement, AlterTable):
        return {}
    renames: dict[str, str] = {}
    for action in statement.actions:
        if isinstance(action, RenameColumn):
            renames[action.new.value] = action.old.value
        elif isinstance(action, ModifyColumn) and action.old is not None:
            renames[action.column.name.value] = action.old.value
    return renames


def _column_difference(old: Column, new: Column) -> list[str]:
    parts = []
    if old.type != new.type:
        parts.append(f"{old.type or 'untyped'} → {new.type or 'untyped'}")
    if old.nullable != new.nullable:
        parts.append(f"{_nullability(old)} → {_nullability(new)}")
    if old.default != new.default:
        parts.append(f"default {old.default or 'none'} → {new.default or 'none'}")
    return parts


def _index_changes(
    statement: Statement, old: Sequence[Index], new: Sequence[Index], created: bool
) -> Iterator[SchemaChange]:
    before = {index.name: index for index in old}
    after = {index.name: index for index in new}
    renames = _index_renames(statement)
    not_valid = _not_valid_constraints(statement)
    for name, index in after.items():
        if name in before:
            continue
        source = renames.get(name)
        if source in before:
            del before[source]
            yield SchemaChange(RENAMED, _index_kind(index), name, f"from {source}")
        elif not (created and index.kind == "primary key"):  # shown with the table's columns
            detail = _index_text(index)
            if name in not_valid and index.valid:
                detail += ", NOT VALID"
            yield SchemaChange(ADDED, _index_kind(index), name, detail)
    for name, index in before.items():
        if name not in after:
            yield SchemaChange(DROPPED, _index_kind(index), name, _index_text(index))
    if isinstance(statement, AlterTable):  # the replay does not keep validity: the statement says
        for action in statement.actions:
            if isinstance(action, ValidateConstraint):
                yield SchemaChange(ALTERED, "constraint", action.name.written, "validated")


def _not_valid_constraints(statement: Statement) -> set[str]:
    if not isinstance(statement, AlterTable):
        return set()
    return {
        action.constraint.name.value
        for action in statement.actions
        if isinstance(action, AddConstraint)
        and action.constraint.not_valid
        and action.constraint.name is not None
    }


def _index_renames(statement: Statement) -> dict[str, str]:
    if not isinstance(statement, AlterTable):
        return {}
    return {
        action.new.value: action.old.value
        for action in statement.actions
        if isinstance(action, RenameIndex | RenameConstraint)
    }


def _index_kind(index: Index) -> str:
    if index.kind == INDEX or (index.kind == UNIQUE and not index.constraint):
        return "index"
    return "constraint"


def _index_text(index: Index) -> str:
    kind = "unique index" if index.kind == UNIQUE and not index.constraint else index.kind
    text = f"{kind} ({', '.join(index.columns)})" if index.columns else kind
    if index.references:
        text += f" references {index.references}"
    if not index.valid:
        text += ", NOT VALID"
    return text


def _written(table: Table) -> str:
    return table.written or table.short_name


def _col(column: Column) -> str:
    return column.written or column.name


def _nullability(column: Column) -> str:
    return "NULL" if column.nullable else "NOT NULL"


def _column_text(column: Column) -> str:
    text = f"{column.type or 'untyped'}, {_nullability(column)}"
    return f"{text}, default {column.default}" if column.default else text


def _column_list(table: Table) -> str:
    return ", ".join(
        f"{_col(column)} {column.type or 'untyped'}{'' if column.nullable else ' NOT NULL'}"
        for column in table.columns.values()
    )


def _column_count(table: Table) -> str:
    count = len(table.columns)
    return f"with its {count} column{'' if count == 1 else 's'} and their data"
