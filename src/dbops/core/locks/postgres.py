"""The PostgreSQL lock model: which lock each statement takes on which relation, and whether it
rewrites or scans a table, by server version (12 to 18).

The lock levels are PostgreSQL's own (the ALTER TABLE reference page and `AlterTableGetLockLevel`
in tablecmds.c); `tests/test_lock_model_postgres.py` checks them against the real server's
pg_locks and relfilenode, and lists the forms where the model knowingly differs.
"""

from __future__ import annotations

from collections.abc import Sequence

from dbops.core.locks.modes import ImpactBuilder, LockImpact, LockMode
from dbops.core.locks.pg_other import (
    alter_object,
    create_table,
    dml,
    drop,
    maintenance,
    reads,
    reindex,
    tables_sharing_foreign_keys,
)
from dbops.core.locks.pg_types import rewrites_for_type_change
from dbops.core.locks.pg_volatility import is_volatile
from dbops.core.locks.target import TargetVersion
from dbops.core.schema import FOREIGN, Column, SchemaModel
from dbops.core.statements import (
    Action,
    AddColumn,
    AddConstraint,
    AlterColumnType,
    AlterIndex,
    AlterObject,
    AlterTable,
    AttachPartition,
    Comment,
    ConstraintKind,
    CreateIndex,
    CreateRoutine,
    CreateTable,
    CreateTableAs,
    CreateView,
    Delete,
    DetachPartition,
    Drop,
    DropColumn,
    DropConstraint,
    DropIndex,
    Generated,
    Insert,
    LockTable,
    Maintenance,
    Merge,
    ObjectName,
    Reindex,
    Select,
    SetColumnOption,
    SetNotNull,
    SetTableOption,
    Statement,
    Truncate,
    Update,
    ValidateConstraint,
)
from dbops.core.statements.facts import not_null_check_of

_M = LockMode
# ALTER TABLE … SET/ENABLE/… options by their first words, and the lock each takes.
_OPTION_LOCKS: dict[str, LockMode] = {
    "SET": _M.SHARE_UPDATE_EXCLUSIVE,  # SET (storage parameters)
    "RESET": _M.SHARE_UPDATE_EXCLUSIVE,
    "CLUSTER ON": _M.SHARE_UPDATE_EXCLUSIVE,
    "SET WITHOUT CLUSTER": _M.SHARE_UPDATE_EXCLUSIVE,
    "ENABLE TRIGGER": _M.SHARE_ROW_EXCLUSIVE,
    "DISABLE TRIGGER": _M.SHARE_ROW_EXCLUSIVE,
    "ENABLE ALWAYS TRIGGER": _M.SHARE_ROW_EXCLUSIVE,
    "ENABLE REPLICA TRIGGER": _M.SHARE_ROW_EXCLUSIVE,
    "SET STATISTICS": _M.SHARE_UPDATE_EXCLUSIVE,
}
# Options that rewrite the table.
_REWRITING_OPTIONS = frozenset(
    {"SET LOGGED", "SET UNLOGGED", "SET TABLESPACE", "SET ACCESS METHOD"}
)
# Column options and their lock (the rest take ACCESS EXCLUSIVE).
_COLUMN_OPTION_LOCKS: dict[str, LockMode] = {
    "SET STATISTICS": _M.SHARE_UPDATE_EXCLUSIVE,
    "SET": _M.SHARE_UPDATE_EXCLUSIVE,  # SET (n_distinct = …)
    "RESET": _M.SHARE_UPDATE_EXCLUSIVE,
}


def postgres_impact(
    statement: Statement,
    schema: SchemaModel,
    target: TargetVersion,
    earlier: Sequence[Statement] = (),
) -> LockImpact:
    """The locks, rewrites and scans of one statement on `target`, with `schema` the schema
    before it and `earlier` the statements before it in the same file."""
    impact = ImpactBuilder()
    key = schema.key_of
    if isinstance(statement, AlterTable):
        _alter_table(statement, schema, target, earlier, impact)
    elif isinstance(statement, CreateIndex):
        table = key(statement.table)
        impact.lock(table, _M.SHARE_UPDATE_EXCLUSIVE if statement.concurrently else _M.SHARE)
        impact.scans.append(table)
        if statement.name is not None:
            impact.index_builds.append(
                schema.key_of(ObjectName(statement.name, statement.table.schema))
            )
    elif isinstance(statement, DropIndex):
        mode = _M.SHARE_UPDATE_EXCLUSIVE if statement.concurrently else _M.ACCESS_EXCLUSIVE
        for name in statement.names:
            index = schema.index_named(name)
            impact.lock(key(name), mode)
            if index is not None:
                impact.lock(index.table, mode)
    elif isinstance(statement, Reindex):
        reindex(statement, schema, impact)
    elif isinstance(statement, CreateTable):
        create_table(statement, schema, impact)
    elif isinstance(statement, Drop):
        drop(statement, schema, impact)
    elif isinstance(statement, Truncate):
        for truncated in statement.tables:
            impact.lock(key(truncated), _M.ACCESS_EXCLUSIVE)
            impact.rewrites.append(key(truncated))  # new, empty storage
    elif isinstance(statement, Insert | Update | Delete | Merge):
        dml(statement, schema, impact)
    elif isinstance(statement, Select):
        reads(statement.query, schema, impact)
    elif isinstance(statement, CreateTableAs | CreateView):
        if statement.query is not None:
            reads(statement.query, schema, impact)
    elif isinstance(statement, LockTable):
        mode = _lock_mode(statement.mode)
        for locked in statement.tables:
            impact.lock(key(locked), mode)
    elif isinstance(statement, Maintenance):
        maintenance(statement, schema, impact)
    elif isinstance(statement, CreateRoutine) and statement.on_table is not None:
        kind = statement.routine_kind.upper()
        mode = _M.SHARE_ROW_EXCLUSIVE if kind == "TRIGGER" else _M.ACCESS_EXCLUSIVE
        impact.lock(key(statement.on_table), mode)
    elif isinstance(statement, Comment) and statement.object_kind in ("TABLE", "COLUMN"):
        impact.lock(key(statement.target), _M.SHARE_UPDATE_EXCLUSIVE)
    elif isinstance(statement, AlterObject):
        alter_object(statement, schema, impact)
    elif isinstance(statement, AlterIndex):
        mode = _M.SHARE_UPDATE_EXCLUSIVE if statement.rename_to is not None else _M.ACCESS_EXCLUSIVE
        impact.lock(key(statement.name), mode)
    return impact.done()


def _lock_mode(text: str) -> LockMode:
    try:
        return LockMode.from_label(text)
    except KeyError:
        return _M.ACCESS_EXCLUSIVE


def _alter_table(
    statement: AlterTable,
    schema: SchemaModel,
    target: TargetVersion,
    earlier: Sequence[Statement],
    impact: ImpactBuilder,
) -> None:
    table = schema.key_of(statement.table)
    for action in statement.actions:
        impact.lock(table, _action_lock(action, target))
        _action_effects(action, table, statement, schema, target, earlier, impact)


def _action_lock(action: Action, target: TargetVersion) -> LockMode:
    if isinstance(action, AddConstraint):
        if action.constraint.kind is ConstraintKind.FOREIGN_KEY:
            return _M.SHARE_ROW_EXCLUSIVE
        return _M.ACCESS_EXCLUSIVE
    if isinstance(action, ValidateConstraint):
        return _M.SHARE_UPDATE_EXCLUSIVE
    if isinstance(action, AttachPartition):
        return _M.SHARE_UPDATE_EXCLUSIVE
    if isinstance(action, DetachPartition):
        concurrent = action.concurrently and target.at_least(14)
        return _M.SHARE_UPDATE_EXCLUSIVE if concurrent else _M.ACCESS_EXCLUSIVE
    if isinstance(action, SetTableOption):
        return _OPTION_LOCKS.get(action.option.upper(), _M.ACCESS_EXCLUSIVE)
    if isinstance(action, SetColumnOption):
        return _COLUMN_OPTION_LOCKS.get(action.option.upper(), _M.ACCESS_EXCLUSIVE)
    return _M.ACCESS_EXCLUSIVE


def _action_effects(
    action: Action,
    table: str,
    statement: AlterTable,
    schema: SchemaModel,
    target: TargetVersion,
    earlier: Sequence[Statement],
    impact: ImpactBuilder,
) -> None:
    if isinstance(action, AddColumn):
        if _add_column_rewrites(action, target):
            impact.rewrites.append(table)
        if any(c.kind is not ConstraintKind.CHECK for c in action.column.constraints):
            _constraints_of_new_column(action, table, schema, impact)
    elif isinstance(action, AlterColumnType):
        column = _column(schema, table, action.column.value)
        if column is None or rewrites_for_type_change(column.type_name, action.type, action.using):
            impact.rewrites.append(table)
            impact.index_builds.extend(
                i.name for i in schema.table_indexes(table) if action.column.value in i.columns
            )
        for other in tables_sharing_foreign_keys(schema, table, action.column.value):
            impact.lock(other, _M.ACCESS_EXCLUSIVE)  # the foreign key is rebuilt
    elif isinstance(action, SetNotNull):
        if not not_null_proven(table, action.column.value, schema, earlier):
            impact.scans.append(table)
    elif isinstance(action, AddConstraint):
        _add_constraint(action, table, schema, impact)
    elif isinstance(action, ValidateConstraint):
        impact.scans.append(table)
        referenced = _referenced_by(schema, table, action.name.value, earlier)
        if referenced is not None:
            impact.lock(referenced, _M.ROW_SHARE)
    elif isinstance(action, DropConstraint):
        referenced = _referenced_by(schema, table, action.name.value, earlier)
        if referenced is not None:  # its triggers on the referenced table are dropped
            impact.lock(referenced, _M.ACCESS_EXCLUSIVE)
    elif isinstance(action, AttachPartition):
        impact.lock(schema.key_of(action.partition), _M.ACCESS_EXCLUSIVE)
        impact.scans.append(schema.key_of(action.partition))
    elif isinstance(action, DetachPartition):
        concurrent = action.concurrently and target.at_least(14)
        impact.lock(
            schema.key_of(action.partition),
            _M.SHARE_UPDATE_EXCLUSIVE if concurrent else _M.ACCESS_EXCLUSIVE,
        )
    elif isinstance(action, SetTableOption) and action.option.upper() in _REWRITING_OPTIONS:
        impact.rewrites.append(table)
    elif isinstance(action, DropColumn):
        return


def _add_column_rewrites(action: AddColumn, target: TargetVersion) -> bool:
    column = action.column
    if column.generated is Generated.STORED or column.identity or column.serial:
        return True  # every row gets a computed value
    if column.default is None:
        return False
    if not target.at_least(11):
        return True
    return is_volatile(column.default)


def _constraints_of_new_column(
    action: AddColumn, table: str, schema: SchemaModel, impact: ImpactBuilder
) -> None:
    for constraint in action.column.constraints:
        if constraint.kind in (ConstraintKind.PRIMARY_KEY, ConstraintKind.UNIQUE):
            impact.scans.append(table)
            impact.index_builds.append(constraint.name.value if constraint.name else table)
        elif constraint.kind is ConstraintKind.FOREIGN_KEY and constraint.references:
            impact.lock(schema.key_of(constraint.references.table), _M.SHARE_ROW_EXCLUSIVE)


def _add_constraint(
    action: AddConstraint, table: str, schema: SchemaModel, impact: ImpactBuilder
) -> None:
    constraint = action.constraint
    if constraint.kind is ConstraintKind.FOREIGN_KEY and constraint.references is not None:
        impact.lock(schema.key_of(constraint.references.table), _M.SHARE_ROW_EXCLUSIVE)
        if not constraint.not_valid:
            impact.scans.append(table)
    elif constraint.kind is ConstraintKind.CHECK:
        if not constraint.not_valid:
            impact.scans.append(table)
    elif constraint.using_index is None:  # PRIMARY KEY, UNIQUE, EXCLUDE build an index
        impact.scans.append(table)
        impact.index_builds.append(constraint.name.value if constraint.name else table)


def _column(schema: SchemaModel, table: str, column: str) -> Column | None:
    found = schema.tables.get(table)
    return None if found is None else found.columns.get(column)


def not_null_proven(
    table: str, column: str, schema: SchemaModel, earlier: Sequence[Statement]
) -> bool:
    """PostgreSQL 12+ skips the scan of SET NOT NULL when a valid CHECK (column IS NOT NULL)
    already proves it: one added without NOT VALID, or validated, earlier in the file or in
    the replayed history."""
    if schema.proves_not_null(table, column):
        return True
    pending: set[str] = set()
    proven = False
    for statement in earlier:
        if not isinstance(statement, AlterTable) or schema.key_of(statement.table) != table:
            continue
        for action in statement.actions:
            if isinstance(action, AddConstraint) and not_null_check_of(action.constraint) == column:
                name = action.constraint.name.value if action.constraint.name else ""
                if action.constraint.not_valid:
                    pending.add(name)
                else:
                    proven = True
            elif isinstance(action, ValidateConstraint) and action.name.value in pending:
                proven = True
    return proven


def _referenced_by(
    schema: SchemaModel, table: str, constraint: str, earlier: Sequence[Statement]
) -> str | None:
    """The table a foreign key of `table` named `constraint` references, if it is one."""
    for index in schema.table_indexes(table):
        if index.kind == FOREIGN and index.name == constraint and index.references:
            return index.references
    for statement in earlier:
        if isinstance(statement, AlterTable) and schema.key_of(statement.table) == table:
            for action in statement.actions:
                if (
                    isinstance(action, AddConstraint)
                    and action.constraint.references is not None
                    and action.constraint.name is not None
                    and action.constraint.name.value == constraint
                ):
                    return schema.key_of(action.constraint.references.table)
    return None
